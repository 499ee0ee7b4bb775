import assert from "node:assert/strict";

import {
  debounce,
  editorContextAttachment,
  editorContextView,
} from "../../../extension/editor/editorContext";
import type { EditorLike } from "../../../extension/editor/host";
import { waitUntil } from "../../support/waitUntil";

function editor(
  scheme: string,
  fsPath: string,
  selection: [number, number, number, number] | null,
  text = "line one\nline two\nline three\n",
): EditorLike {
  const [sl, sc, el, ec] = selection ?? [0, 0, 0, 0];
  const lines = text.split("\n");
  return {
    document: {
      uri: { scheme, fsPath, toString: () => `${scheme}://${fsPath}` },
      languageId: "plaintext",
      version: 1,
      getText: (range) => {
        if (!range) return text;
        const picked = lines.slice(range.start.line, range.end.line + 1);
        picked[picked.length - 1] = picked[picked.length - 1]!.slice(0, range.end.character);
        picked[0] = picked[0]!.slice(range.start.character);
        return picked.join("\n");
      },
    },
    selection: {
      start: { line: sl, character: sc },
      end: { line: el, character: ec },
      active: { line: el, character: ec },
      isEmpty: selection === null,
    },
  };
}

const relative = (uri: { fsPath: string }) => uri.fsPath.replace(/^\/w\//, "");

describe("editor context", () => {
  it("tells the webview paths and lines only", () => {
    const view = editorContextView(editor("file", "/w/src/a.ts", [1, 0, 2, 4]), relative);
    assert.deepEqual(view, {
      activeFile: { path: "/w/src/a.ts", label: "src/a.ts" },
      selection: { path: "/w/src/a.ts", startLine: 2, endLine: 3 },
    });
    assert.ok(!JSON.stringify(view).includes("line two"), "no file contents");
  });

  it("no selection, a selection ending at a line start, untitled files, no editor", () => {
    assert.equal(editorContextView(editor("file", "/w/a.ts", null), relative).selection, null);
    assert.deepEqual(
      editorContextView(editor("file", "/w/a.ts", [0, 0, 2, 0]), relative).selection,
      { path: "/w/a.ts", startLine: 1, endLine: 2 },
    );
    assert.deepEqual(editorContextView(editor("untitled", "Untitled-1", null), relative), {
      activeFile: null,
      selection: null,
    });
    assert.deepEqual(editorContextView(undefined, relative), { activeFile: null, selection: null });
  });

  it("at send time: the selection with its text, else the file", () => {
    assert.deepEqual(editorContextAttachment(editor("file", "/w/a.ts", [1, 0, 1, 8])), {
      kind: "selection",
      path: "/w/a.ts",
      startLine: 2,
      endLine: 2,
      text: "line two",
    });
    assert.deepEqual(editorContextAttachment(editor("file", "/w/a.ts", null)), {
      kind: "file",
      path: "/w/a.ts",
    });
    assert.equal(editorContextAttachment(editor("git", "/w/a.ts", null)), undefined);
    assert.equal(editorContextAttachment(undefined), undefined);
  });

  it("debounce runs once with the last arguments; cancel and flush", async () => {
    const seen: number[] = [];
    const run = debounce((n: number) => seen.push(n), 5);
    run(1);
    run(2);
    run(3);
    await waitUntil(() => seen.length > 0, "the debounced call", 5_000);
    assert.deepEqual(seen, [3]);
    run(4);
    run.cancel();
    run(5);
    run.flush();
    assert.deepEqual(seen, [3, 5]);
    // A later call runs on its own: nothing cancelled or flushed ran again before it.
    run(6);
    await waitUntil(() => seen.length > 2, "the next debounced call", 5_000);
    assert.deepEqual(seen, [3, 5, 6]);
  });
});
