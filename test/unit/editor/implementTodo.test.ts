import assert from "node:assert/strict";

import type { EditorHost, EditorNotice } from "../../../extension/editor/host";
import {
  buildImplementTodoPrompt,
  contextWindow,
  createImplementTodoCommand,
  todoAtLine,
} from "../../../extension/editor/implementTodo";
import { findTodoComments } from "../../../extension/editor/todo/index";
import type { Attachment } from "../../../protocol/webview/messages";

function numberedLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `line${i + 1}();`);
}

describe("buildImplementTodoPrompt", () => {
  it("names the file, the line range and quotes the TODO's text; the code goes separately", () => {
    const lines = numberedLines(100);
    lines[49] = "// TODO: cache the result";
    lines[50] = "//   per user";
    const text = lines.join("\n");
    const [todo] = findTodoComments(text, "typescript");
    const prompt = buildImplementTodoPrompt({
      todo: todo!,
      relativePath: "src/cache.ts",
      languageId: "typescript",
      documentText: text,
    });
    assert.match(prompt.text, /^Implement the TODO comment in `src\/cache\.ts` \(lines 50-51\):/);
    assert.match(prompt.text, /\n> cache the result\n> per user\n/);
    assert.ok(!prompt.text.includes("```"), "no code fence in the user's words");
    assert.equal(prompt.code.startLine, 30);
    assert.equal(prompt.code.endLine, 71);
    assert.match(prompt.code.text, /^line30\(\);\n/);
    assert.match(prompt.code.text, /\nline71\(\);$/);
    assert.ok(!prompt.code.text.includes("line29();") && !prompt.code.text.includes("line72();"));
  });

  it("says Fix for FIXME, and handles an empty TODO", () => {
    const prompt = buildImplementTodoPrompt({
      todo: { line: 0, endLine: 0, text: "", marker: "FIXME" },
      relativePath: "a.py",
      languageId: "python",
      documentText: "# FIXME\nx = 1",
    });
    assert.match(prompt.text, /^Fix the FIXME comment in `a\.py` \(line 1\):/);
    assert.match(
      prompt.text,
      /> \(no description: infer what is missing from the code around it\)/,
    );
    assert.deepEqual(prompt.code, { startLine: 1, endLine: 2, text: "# FIXME\nx = 1" });
  });
});

describe("contextWindow", () => {
  it("takes 20 lines either side and shifts inwards at the file edges", () => {
    assert.deepEqual(contextWindow({ line: 50, endLine: 50 }, 1000), { first: 30, last: 70 });
    assert.deepEqual(contextWindow({ line: 2, endLine: 3 }, 1000), { first: 0, last: 41 });
    assert.deepEqual(contextWindow({ line: 998, endLine: 999 }, 1000), { first: 958, last: 999 });
    assert.deepEqual(contextWindow({ line: 3, endLine: 3 }, 10), { first: 0, last: 9 });
  });
});

describe("todoAtLine", () => {
  it("finds the TODO whose lines include the cursor line", () => {
    const todos = findTodoComments("a\n// TODO: one\n// two\nb\n// FIXME: c", "typescript");
    assert.equal(todoAtLine(todos, 0), undefined);
    assert.equal(todoAtLine(todos, 1)?.text, "one\ntwo");
    assert.equal(todoAtLine(todos, 2)?.text, "one\ntwo");
    assert.equal(todoAtLine(todos, 4)?.marker, "FIXME");
  });
});

describe("createImplementTodoCommand", () => {
  const uri = { scheme: "file", fsPath: "/ws/src/a.ts", toString: () => "file:///ws/src/a.ts" };
  const document = {
    uri,
    languageId: "typescript",
    version: 1,
    getText: () => "const a = 1;\n// TODO: validate a\nexport { a };",
  };

  function setup(cursorLine: number | undefined) {
    const notices: EditorNotice[] = [];
    const calls: string[] = [];
    const started: { text: string; attachments: Attachment[] }[] = [];
    const host: EditorHost = {
      activeEditor: () =>
        cursorLine === undefined
          ? undefined
          : {
              document,
              selection: {
                start: { line: cursorLine, character: 0 },
                end: { line: cursorLine, character: 0 },
                active: { line: cursorLine, character: 0 },
                isEmpty: true,
              },
            },
      openDocument: async () => document,
      relativePath: () => "src/a.ts",
      notify: (notice) => notices.push(notice),
    };
    const command = createImplementTodoCommand(
      {
        openSidebar: async () => {
          calls.push("openSidebar");
        },
        startNewThreadWithPrompt: async (text, attachments) => {
          calls.push("start");
          started.push({ text, attachments });
        },
      },
      host,
    );
    return { command, notices, calls, started };
  }

  it("starts a thread for the TODO under the cursor, with the file and the code around it attached", async () => {
    const { command, calls, started, notices } = setup(1);
    await command();
    assert.deepEqual(calls, ["openSidebar", "start"]);
    assert.deepEqual(notices, []);
    assert.match(started[0]!.text, /`src\/a\.ts` \(line 2\)/);
    assert.ok(!started[0]!.text.includes("```"), "the code rides as a selection, not in the words");
    const [file, selection] = started[0]!.attachments;
    assert.deepEqual(file, { kind: "file", path: "/ws/src/a.ts" });
    assert.equal(selection?.kind, "selection");
    assert.equal(selection?.kind === "selection" && selection.path, "/ws/src/a.ts");
  });

  it("uses the CodeLens arguments when given", async () => {
    const { command, started } = setup(undefined);
    await command({ uri, line: 1 });
    assert.match(started[0]!.text, /> validate a/);
  });

  it("tells the user when there is no TODO under the cursor", async () => {
    const { command, calls, notices } = setup(0);
    await command();
    assert.deepEqual(calls, []);
    assert.deepEqual(notices, ["noTodoUnderCursor"]);
  });

  it("tells the user when the CodeLens's TODO is gone, or no editor is open", async () => {
    const gone = setup(undefined);
    await gone.command({ uri, line: 2 });
    assert.deepEqual(gone.notices, ["todoNotFound"]);
    const none = setup(undefined);
    await none.command();
    assert.deepEqual(none.notices, ["noActiveEditor"]);
  });
});
