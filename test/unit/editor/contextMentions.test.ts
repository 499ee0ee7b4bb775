import assert from "node:assert/strict";

import { headLines, tailLines } from "../../../extension/editor/boundedText";
import { changesContext } from "../../../extension/editor/changesContext";
import {
  describeContextMentions,
  resolveContextMention,
} from "../../../extension/editor/contextMentions";
import type {
  ContextHost,
  DiagnosticLike,
  EditorLike,
  GitChanges,
  TerminalSnapshot,
  UriLike,
} from "../../../extension/editor/host";
import { linesContext } from "../../../extension/editor/lineRangeContext";
import { MAX_PROBLEMS, problemsContext } from "../../../extension/editor/problemsContext";
import { plainTerminalText, terminalContext } from "../../../extension/editor/terminalContext";
import { TerminalRecorder } from "../../../extension/editor/terminalRecorder";
import {
  MAX_CONTEXT_TEXT,
  contextMentionsFor,
  editorContextText,
  parseEditorContext,
  parseLineRange,
} from "../../../protocol/webview/contextMentions";

const uri = (fsPath: string): UriLike => ({
  scheme: "file",
  fsPath,
  toString: () => `file://${fsPath}`,
});
const relativePath = (u: UriLike) => u.fsPath.replace(/^\/ws\//, "");
const diagnostic = (
  line: number,
  message: string,
  severity = 0,
  extra: Partial<DiagnosticLike> = {},
): DiagnosticLike => ({ range: { start: { line, character: 4 } }, message, severity, ...extra });

function editorOn(path: string, text: string, selected?: [number, number]): EditorLike {
  const start = { line: selected?.[0] ?? 0, character: 0 };
  const end = { line: selected?.[1] ?? 0, character: selected ? 3 : 0 };
  return {
    document: {
      uri: uri(path),
      languageId: "typescript",
      version: 1,
      getText: (range) => {
        if (!range) return text;
        return text
          .split("\n")
          .slice(range.start.line, range.end.line + 1)
          .join("\n");
      },
    },
    selection: { start, end, active: end, isEmpty: !selected },
  };
}

function fakeHost(overrides: Partial<ContextHost> = {}): ContextHost {
  return {
    activeEditor: () => undefined,
    openDocument: () => Promise.reject(new Error("no file")),
    relativePath,
    fileUri: uri,
    diagnostics: () => [],
    terminal: () => ({ kind: "noTerminal" }),
    gitSummary: () => Promise.resolve({ kind: "notRepository" }),
    gitChanges: () => Promise.resolve({ kind: "notRepository" }),
    ...overrides,
  };
}

describe("editor context mentions", () => {
  describe("the text item", () => {
    it("round-trips exactly and ignores look-alikes", () => {
      const part = { source: "problems" as const, label: "2 in a.ts", text: "a.ts:1:1 error x" };
      const text = editorContextText(part);
      assert.equal(text, "Context from @problems (2 in a.ts):\na.ts:1:1 error x");
      assert.deepEqual(parseEditorContext(text), part);
      assert.equal(parseEditorContext("Context from @problems: typed by hand"), null);
      assert.equal(parseEditorContext("Context from @secrets (x):\ny"), null);
    });

    it("offers the sources whose name starts with the query", () => {
      assert.deepEqual(contextMentionsFor(""), ["problems", "terminal", "changes", "selection"]);
      assert.deepEqual(contextMentionsFor("pro"), ["problems"]);
      assert.deepEqual(contextMentionsFor("app.ts"), []);
    });

    it("parses line ranges typed after a path", () => {
      assert.deepEqual(parseLineRange("src/app.ts:10-40"), {
        path: "src/app.ts",
        startLine: 10,
        endLine: 40,
      });
      assert.deepEqual(parseLineRange("app.ts:12"), { path: "app.ts", startLine: 12, endLine: 12 });
      assert.deepEqual(parseLineRange("app.ts:40-10"), {
        path: "app.ts",
        startLine: 10,
        endLine: 40,
      });
      assert.equal(parseLineRange("app.ts"), null);
      assert.equal(parseLineRange("app.ts:0"), null);
    });
  });

  describe("bounds", () => {
    it("keeps whole lines from the head or the tail and counts what was cut", () => {
      const text = ["one", "two", "three", "four"].join("\n");
      assert.deepEqual(headLines(text, 9), { text: "one\ntwo", cutLines: 2, cutChars: 11 });
      assert.deepEqual(tailLines(text, 11), { text: "three\nfour", cutLines: 2, cutChars: 8 });
      assert.deepEqual(headLines(text, 100), { text, cutLines: 0, cutChars: 0 });
    });
  });

  describe("@problems", () => {
    const diagnostics = [
      [uri("/ws/b.ts"), [diagnostic(2, "unused", 1, { source: "eslint", code: "no-unused" })]],
      [
        uri("/ws/a.ts"),
        [
          diagnostic(9, "Type 'string' is not\nassignable", 0, {
            source: "ts",
            code: { value: 2322 },
          }),
        ],
      ],
    ] as const;

    it("lists the active file's problems with file:line:column, severity and origin", () => {
      const part = problemsContext(diagnostics, { activeUri: uri("/ws/a.ts"), relativePath });
      assert.deepEqual(part, {
        source: "problems",
        label: "1 in a.ts",
        text: "Problems in a.ts (1 error):\na.ts:10:5 error Type 'string' is not assignable (ts 2322)",
      });
    });

    it("falls back to the workspace, errors first, when the active file has none", () => {
      const part = problemsContext(diagnostics, { activeUri: uri("/ws/c.ts"), relativePath });
      assert.equal(
        part?.text,
        [
          "Problems in the workspace (1 error, 1 warning):",
          "a.ts:10:5 error Type 'string' is not assignable (ts 2322)",
          "b.ts:3:5 warning unused (eslint no-unused)",
        ].join("\n"),
      );
      assert.equal(problemsContext([], { activeUri: undefined, relativePath }), null);
    });

    it("lists at most MAX_PROBLEMS and says how many more there are", () => {
      const many = Array.from({ length: MAX_PROBLEMS + 30 }, (_, i) => diagnostic(i, `p${i}`));
      const part = problemsContext([[uri("/ws/a.ts"), many]], {
        activeUri: uri("/ws/a.ts"),
        relativePath,
      });
      const lines = part!.text.split("\n");
      assert.equal(lines.length, 1 + MAX_PROBLEMS + 1);
      assert.equal(lines.at(-1), "[Cut: 30 more problems not listed.]");
      assert.ok(part!.text.length <= MAX_CONTEXT_TEXT + 200);
    });
  });

  describe("@terminal", () => {
    it("records a command's output as it streams, keeping the tail", async () => {
      const recorder = new TerminalRecorder<object>(10);
      const terminal = {};
      const execution = {};
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      async function* output() {
        yield "0123456789";
        yield "abcdef";
        finish();
      }
      recorder.started(terminal, execution, "npm test", "/ws", output());
      assert.equal(recorder.lastCommand(terminal)?.running, true);
      await finished;
      recorder.ended(execution, 1);
      assert.deepEqual(recorder.lastCommand(terminal), {
        commandLine: "npm test",
        cwd: "/ws",
        output: "6789abcdef",
        cutChars: 6,
        exitCode: 1,
        running: false,
      });
    });

    it("sends the command and its output without escape sequences, with the exit code", () => {
      assert.equal(
        plainTerminalText("\u001b[31mred\u001b[0m\r\n\u001b]633;D;1\u000750%\r100%\n"),
        "red\n100%\n",
      );
      const snapshot: TerminalSnapshot = {
        kind: "command",
        name: "bash",
        command: {
          commandLine: "npm test",
          cwd: "/ws",
          output: "\u001b[1mFAIL\u001b[0m a.test.ts\r\n",
          cutChars: 0,
          exitCode: 1,
          running: false,
        },
      };
      assert.deepEqual(terminalContext(snapshot), {
        part: {
          source: "terminal",
          label: "npm test · exit 1",
          text: 'Terminal "bash" in /ws, last command (exit code 1):\n$ npm test\nFAIL a.test.ts',
        },
      });
    });

    it("says on the chip when a finished command printed nothing", () => {
      const command = {
        commandLine: "true",
        cwd: undefined,
        output: "\u001b]633;D;0\u0007\r\n",
        cutChars: 0,
        running: false,
      };
      const label = (exitCode: number | undefined) => {
        const result = terminalContext({
          kind: "command",
          name: "bash",
          command: { ...command, exitCode },
        });
        assert.ok("part" in result);
        return result.part.label;
      };
      assert.equal(label(0), "true · exit 0 · no output");
      assert.equal(label(undefined), "true · no output");
      const running = terminalContext({
        kind: "command",
        name: "bash",
        command: { ...command, exitCode: undefined, running: true },
      });
      assert.ok("part" in running);
      assert.equal(running.part.label, "true · running");
    });

    it("says what was cut from a long output", () => {
      const result = terminalContext({
        kind: "command",
        name: "bash",
        command: {
          commandLine: "make",
          cwd: undefined,
          output: `${"x".repeat(MAX_CONTEXT_TEXT)}\nlast line`,
          cutChars: 500,
          exitCode: 2,
          running: false,
        },
      });
      assert.ok("part" in result);
      assert.match(
        result.part.text,
        /\[Cut: the first 20,501 characters of the output\.\]\nlast line$/,
      );
    });

    it("explains where shell integration is off, and where nothing ran", () => {
      const off = terminalContext({ kind: "noShellIntegration", name: "sh" });
      assert.ok("reason" in off && /Shell integration is off in terminal “sh”/.test(off.reason));
      const none = terminalContext({ kind: "noCommand", name: "zsh" });
      assert.ok("reason" in none && /No command has run/.test(none.reason));
      assert.deepEqual(terminalContext({ kind: "noTerminal" }), {
        reason: "No terminal is open.",
      });
    });
  });

  describe("@changes", () => {
    const diff = "diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+y\n";

    it("sends the staged and unstaged diff and names untracked files", () => {
      const changes: GitChanges = {
        kind: "changes",
        root: "/ws",
        staged: "",
        unstaged: diff,
        untracked: ["new.ts"],
      };
      assert.deepEqual(changesContext(changes), {
        part: {
          source: "changes",
          label: "2 files",
          text: `Working-tree changes in /ws (git diff):\nNot staged:\n${diff.trimEnd()}\n\nUntracked files:\n- new.ts`,
        },
      });
    });

    it("says 'not a Git repository', and cuts a huge diff with a note", () => {
      assert.deepEqual(changesContext({ kind: "notRepository" }), {
        reason: "Not a Git repository.",
      });
      const huge = diff.repeat(2_000);
      const result = changesContext({
        kind: "changes",
        root: "/ws",
        staged: huge,
        unstaged: "",
        untracked: [],
      });
      assert.ok("part" in result);
      assert.ok(result.part.text.length <= MAX_CONTEXT_TEXT + 200);
      assert.match(
        result.part.text,
        /\[Cut: the last [\d,]+ lines \([\d,]+ characters\) of the diff\.\]$/,
      );
    });
  });

  describe("@selection and line ranges", () => {
    const file = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

    it("attaches lines of a file, clamped to its end", async () => {
      const host = fakeHost({
        openDocument: () => Promise.resolve(editorOn("/ws/a.ts", file).document),
      });
      assert.deepEqual(await linesContext(host, "/ws/a.ts", 48, 60), {
        attachment: {
          kind: "selection",
          path: "/ws/a.ts",
          startLine: 48,
          endLine: 50,
          text: "line 48\nline 49\nline 50",
        },
      });
      const past = await linesContext(host, "/ws/a.ts", 70, 80);
      assert.equal(past.attachment, null);
      assert.equal(past.note, "/ws/a.ts has only 50 lines.");
    });

    it("ends a range that is too long earlier, and says where", async () => {
      const long = Array.from({ length: 2_000 }, () => "x".repeat(99)).join("\n");
      const host = fakeHost({
        openDocument: () => Promise.resolve(editorOn("/ws/big.ts", long).document),
      });
      const { attachment, note } = await linesContext(host, "/ws/big.ts", 1, 2_000);
      assert.equal(attachment?.kind, "selection");
      assert.ok(attachment && attachment.kind === "selection");
      assert.equal(attachment.endLine, 200);
      assert.equal(note, "Lines 1-2000 are longer than 20000 characters: attached lines 1-200.");
    });

    it("resolves @selection from the active editor, or says nothing is selected", async () => {
      const selected = fakeHost({ activeEditor: () => editorOn("/ws/a.ts", file, [1, 2]) });
      const result = await resolveContextMention(selected, { source: "selection" });
      assert.deepEqual(result.attachment, {
        kind: "selection",
        path: "/ws/a.ts",
        startLine: 2,
        endLine: 3,
        text: "line 2\nline 3",
      });
      const none = await resolveContextMention(
        fakeHost({ activeEditor: () => editorOn("/ws/a.ts", file) }),
        {
          source: "selection",
        },
      );
      assert.deepEqual(none, { attachment: null, reason: "Nothing is selected in the editor." });
    });
  });

  describe("the @ menu", () => {
    it("describes each source with what it would attach now, or why it cannot", async () => {
      const host = fakeHost({
        activeEditor: () => editorOn("/ws/a.ts", "x"),
        diagnostics: () => [[uri("/ws/a.ts"), [diagnostic(0, "bad"), diagnostic(1, "worse")]]],
        terminal: () => ({ kind: "noShellIntegration", name: "sh" }),
      });
      const menu = await describeContextMentions(host, "");
      assert.deepEqual(
        menu.map(({ source, available }) => [source, available]),
        [
          ["problems", true],
          ["terminal", false],
          ["changes", false],
          ["selection", false],
        ],
      );
      assert.equal(menu[0]!.description, "2 problems in a.ts");
      assert.equal(menu[2]!.description, "Not a Git repository.");
    });

    it("resolves a picked source to a context attachment with a one-line label", async () => {
      const host = fakeHost({
        terminal: () => ({
          kind: "command",
          name: "bash",
          command: {
            commandLine: "echo a &&\n  echo b",
            cwd: undefined,
            output: "a\nb\n",
            cutChars: 0,
            exitCode: 0,
            running: false,
          },
        }),
      });
      const { attachment } = await resolveContextMention(host, { source: "terminal" });
      assert.equal(attachment?.kind, "context");
      assert.ok(attachment?.kind === "context");
      assert.equal(attachment.label, "echo a && echo b · exit 0");
      assert.ok(parseEditorContext(editorContextText(attachment)), "the bubble shows it as a chip");
    });
  });
});
