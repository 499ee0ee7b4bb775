/** The file prompts: create a file, delete one, explain one (read it, then answer about it). */
import { addFilePatch, applyPatch, deleteFilePatch, reply, type ReplyLike } from "../../script";
import { commandOutput, exitCode, type DemoTurn } from "../turn";
import { fence, patchOutcome, run, say, shellWord } from "./blocks";

/** A reasonable first content for a new file, by its extension. */
export function starterContent(file: string): string {
  const name = file.split("/").at(-1) ?? file;
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  switch (ext) {
    case "ts":
      return "export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}\n";
    case "js":
    case "mjs":
      return "export function hello(name) {\n  return `Hello, ${name}!`;\n}\n";
    case "md":
      return `# ${name.replace(/\.md$/i, "")}\n\nWritten by the Codex demo.\n`;
    case "py":
      return 'print("Hello from the Codex demo!")\n';
    case "json":
      return '{\n  "hello": "world"\n}\n';
    default:
      return "Hello from the Codex demo!\n";
  }
}

export function createFile(turn: DemoTurn, file: string): ReplyLike {
  if (turn.results.length === 0) {
    return reply(
      say(`Creating \`${file}\`.`),
      applyPatch(addFilePatch(file, starterContent(file))),
    );
  }
  return say(
    patchOutcome(
      turn.results.at(-1),
      `Created \`${file}\`. Its diff is in the turn's changes: open it from the file card, ` +
        "review it, or use **Undo turn** to take it back.",
    ),
  );
}

export function deleteFile(turn: DemoTurn, file: string): ReplyLike {
  if (turn.results.length === 0) {
    return reply(say(`Deleting \`${file}\`.`), applyPatch(deleteFilePatch(file)));
  }
  return say(
    patchOutcome(turn.results.at(-1), `Deleted \`${file}\`. **Undo turn** brings it back.`),
  );
}

export function explainFile(turn: DemoTurn, file: string): ReplyLike {
  const name = file.split("/").at(-1) ?? file;
  const read = turn.results.at(-1);
  if (!read) return reply(say(`Reading \`${name}\`.`), run(`cat ${shellWord(file)}`));
  if ((exitCode(read) ?? 0) !== 0)
    return say(`I could not read \`${name}\`:\n\n${fence(commandOutput(read))}`);
  const source = commandOutput(read);
  const exports = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|class)\s+(\w+)/g)];
  const todos = source.split("\n").filter((line) => /\bTODO\b/.test(line));
  return say(
    [
      `\`${name}\` has ${source.trimEnd().split("\n").length} lines.`,
      exports.length ? `It exports ${exports.map((m) => `\`${m[1]}\``).join(", ")}.` : "",
      todos.length
        ? `It has a TODO: \`${todos[0]!.trim()}\` — say **fix the TODO in ${name}**.`
        : "It has no TODO.",
    ]
      .filter(Boolean)
      .join(" "),
  );
}
