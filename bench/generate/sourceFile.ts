/**
 * A TypeScript file of `lines` lines, as real code looks: functions, JSDoc and line comments,
 * strings and template literals; about one line in 20 holds a TODO or FIXME comment (and a third
 * of the functions an `@todo` tag), one in 60 a decoy the detector must ignore (`"TODO"` in a
 * string or URL, `TODO_COUNT`).
 */
import { prng } from "./text";

const BODY = [
  "  const result = await client.request('turn/start', { threadId, input });",
  "  if (!result.ok) throw new Error(`request failed: ${result.error}`);",
  "  for (const item of items) {",
  "    total += item.size * factor; // accumulate",
  "  }",
  "  const pending = items.filter((item) => !item.done);",
  '  const label = "totals for the report";',
  "  /* a block comment on one line */",
  "  return { total, label, count: pending.length };",
  "  const url = 'https://example.com/path?x=1#top';",
  "  log.debug(`${name} took ${Date.now() - started} ms`);",
];

/** Upper-case TODO outside comments: the detector must not report these. */
const DECOYS = [
  '  const label = "TODO: not a comment, a string";',
  "  const TODO_COUNT = todoList.length;",
  "  const url = 'https://example.com/path?x=1#TODO';",
  "  const hint = `FIXME ${name}`;",
];

export function generateSourceFile(lines: number, seed = 7): string {
  const random = prng(seed);
  const out: string[] = [];
  let fn = 0;
  while (out.length < lines) {
    fn++;
    out.push("/**", ` * Handles case ${fn}: reads the input and returns the totals.`);
    if (random() < 0.3) out.push(` * @todo split this into smaller helpers (${fn})`);
    out.push(
      " */",
      `export async function handle${fn}(items: Item[], factor = ${fn}): Promise<Totals> {`,
    );
    out.push("  let total = 0;");
    const body = 6 + Math.floor(random() * 14);
    for (let i = 0; i < body; i++) {
      const r = random();
      if (r < 0.04) out.push(`  // TODO: handle the empty case for handler ${fn}`);
      else if (r < 0.06) out.push(`  // FIXME(dev): this overflows when factor > ${fn}`);
      else if (r < 0.07) out.push("  /* TODO: a block", "     comment that spans lines */");
      else if (r < 0.085) out.push(DECOYS[Math.floor(random() * DECOYS.length)]!);
      else out.push(BODY[Math.floor(random() * BODY.length)]!);
    }
    out.push("}", "");
  }
  return out.slice(0, lines).join("\n") + "\n";
}
