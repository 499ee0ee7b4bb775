import assert from "node:assert/strict";

import type {
  DiagnosticLike,
  EditorHost,
  EditorLike,
  EditorNotice,
  UriLike,
} from "../../../extension/editor/host";
import {
  createProblemCommand,
  isProblemActionArgs,
  problemMessage,
} from "../../../extension/editor/problemActions";
import type { Attachment } from "../../../protocol/webview/messages";

const uri = (fsPath: string): UriLike => ({
  scheme: "file",
  fsPath,
  toString: () => `file://${fsPath}`,
});
const source = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
const editor: EditorLike = {
  document: {
    uri: uri("/ws/src/a.ts"),
    languageId: "typescript",
    version: 1,
    getText: () => source,
  },
  selection: {
    start: { line: 11, character: 0 },
    end: { line: 11, character: 0 },
    active: { line: 11, character: 0 },
    isEmpty: true,
  },
};
const diagnostic: DiagnosticLike = {
  range: { start: { line: 11, character: 2 } },
  message: "Cannot find name 'foo'.",
  severity: 0,
  source: "ts",
  code: 2304,
};

function harness(active: EditorLike | undefined = editor) {
  const notices: EditorNotice[] = [];
  const started: { text: string; attachments: Attachment[] }[] = [];
  const host: EditorHost = {
    activeEditor: () => active,
    openDocument: async () => editor.document,
    relativePath: () => "src/a.ts",
    notify: (notice) => void notices.push(notice),
  };
  const deps = {
    startNewThreadWithPrompt: async (text: string, attachments: Attachment[]) =>
      void started.push({ text, attachments }),
  };
  return { host, deps, notices, started };
}

describe("Fix / Explain with Codex", () => {
  it("attaches the problem as an @problems chip and the code around it", () => {
    const { text, attachments } = problemMessage("fix", editor.document, diagnostic, "src/a.ts");
    assert.equal(text, "Fix this problem.");
    assert.deepEqual(attachments[0], {
      kind: "context",
      source: "problems",
      label: "a.ts:12",
      text: "src/a.ts:12:3 error Cannot find name 'foo'. (ts 2304)",
    });
    assert.deepEqual(attachments[1], {
      kind: "selection",
      path: "/ws/src/a.ts",
      startLine: 7,
      endLine: 17,
      text: Array.from({ length: 11 }, (_, i) => `line ${i + 7}`).join("\n"),
    });
  });

  it("starts a thread for the code action's diagnostic", async () => {
    const { host, deps, started } = harness(undefined);
    const command = createProblemCommand("explain", deps, host, () => []);
    await command({ uri: uri("/ws/src/a.ts"), diagnostic });
    assert.equal(started.length, 1);
    assert.match(started[0]!.text, /^Explain this problem/);
    assert.equal(started[0]!.attachments[0]!.kind, "context");
  });

  it("from the context menu takes the problem under the cursor, or says there is none", async () => {
    const { host, deps, started, notices } = harness();
    const lines: number[] = [];
    await createProblemCommand("fix", deps, host, (_uri, line) => {
      lines.push(line);
      return [diagnostic];
    })();
    assert.deepEqual(lines, [11]);
    assert.equal(started.length, 1);
    await createProblemCommand("fix", deps, host, () => [])();
    assert.deepEqual(notices, ["noProblemUnderCursor"]);
    assert.equal(started.length, 1);
  });

  it("accepts only well-formed arguments", () => {
    assert.equal(isProblemActionArgs({ uri: uri("/a"), diagnostic }), true);
    assert.equal(isProblemActionArgs({ uri: uri("/a"), diagnostic: { message: 1 } }), false);
    assert.equal(isProblemActionArgs("x"), false);
  });
});
