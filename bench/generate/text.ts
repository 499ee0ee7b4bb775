/**
 * Deterministic text for the generators: a seeded PRNG, markdown answers split into model-sized
 * tokens (what `item/agentMessage/delta` carries), command output lines.
 */

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the a to of and in is it that for this you with on as be are file function test change " +
  "value return type string number error update config module import export default const " +
  "let async await promise result request response thread turn item event state view render " +
  "buffer stream parse json line message server client handler option path workspace folder " +
  "command output input user model token delta batch post frame layout script memory heap " +
  "should would could because when then where which however instead first next finally now"
).split(" ");

const IDENTS = [
  "applyThreadEvents",
  "coalesceThreadEvents",
  "JsonlMessageReader",
  "EventBatcher",
  "ChatState",
  "rankMentions",
  "findTodoComments",
  "src/index.ts",
  "package.json",
  "README.md",
  "npm test",
  "tsconfig.json",
];

const CODE_LINES = [
  "export function greet(name: string): string {",
  "  const trimmed = name.trim();",
  "  return `Hello, ${trimmed}!`;",
  "}",
  "for (const item of items) {",
  "  if (!item.done) pending.push(item);",
  "}",
  "const result = await client.request('turn/start', params);",
  "// keep the order stable",
  "if (error instanceof AppServerClosedError) return;",
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

export function sentence(random: () => number): string {
  const n = 6 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.06) words.push("`" + pick(random, IDENTS) + "`");
    else if (r < 0.08) words.push("**" + pick(random, WORDS) + "**");
    else words.push(pick(random, WORDS));
  }
  const s = words.join(" ");
  return s[0]!.toUpperCase() + s.slice(1) + (random() < 0.1 ? ":" : ".");
}

/** A markdown answer of about `chars` characters: paragraphs, headings, lists, code blocks. */
export function markdownAnswer(random: () => number, chars: number): string {
  const blocks: string[] = [];
  let length = 0;
  while (length < chars) {
    const r = random();
    let block: string;
    if (r < 0.5) {
      const count = 1 + Math.floor(random() * 4);
      block = Array.from({ length: count }, () => sentence(random)).join(" ");
    } else if (r < 0.6) {
      block = `${"#".repeat(2 + Math.floor(random() * 2))} ${sentence(random).slice(0, 40)}`;
    } else if (r < 0.8) {
      const count = 2 + Math.floor(random() * 4);
      block = Array.from({ length: count }, () => `- ${sentence(random)}`).join("\n");
    } else {
      const count = 3 + Math.floor(random() * 8);
      const lines = Array.from({ length: count }, () => pick(random, CODE_LINES));
      block = "```ts\n" + lines.join("\n") + "\n```";
    }
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join("\n\n");
}

/**
 * Splits text into model-sized tokens: a word with its leading space, punctuation and newlines
 * on their own, long words cut at 8 characters (≈ 4 characters per token on average).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*[A-Za-z0-9_]+|\s*[^\sA-Za-z0-9_]|\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let token = m[0];
    while (token.length > 8) {
      tokens.push(token.slice(0, 8));
      token = token.slice(8);
    }
    tokens.push(token);
  }
  return tokens;
}

/** `count` tokens of a markdown answer (its text is `tokens.join("")`). */
export function answerTokens(random: () => number, count: number): string[] {
  const tokens: string[] = [];
  while (tokens.length < count) tokens.push(...tokenize(markdownAnswer(random, count * 5)));
  return tokens.slice(0, count);
}

/** Lines a build or test command prints. */
export function commandOutputLines(random: () => number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.4)
      lines.push(`  ✔ ${sentence(random).slice(0, 60)} (${Math.floor(random() * 90)}ms)\n`);
    else if (r < 0.7)
      lines.push(
        `src/${pick(random, WORDS)}/${pick(random, WORDS)}.ts:${i + 1}:${Math.floor(random() * 80)}\n`,
      );
    else lines.push(`${sentence(random)}\n`);
  }
  return lines;
}
