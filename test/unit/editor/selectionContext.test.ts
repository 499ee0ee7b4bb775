import assert from "node:assert/strict";

import type { EditorHost, EditorLike, EditorNotice } from "../../../extension/editor/host";
import {
  MAX_SELECTION_TEXT,
  createAddFileToThreadCommand,
  createAddToThreadCommand,
  explorerAttachments,
  fileAttachment,
  selectionAttachment,
} from "../../../extension/editor/selectionContext";
import type { Attachment } from "../../../protocol/webview/messages";

const fileUri = (fsPath: string) => ({
  scheme: "file",
  fsPath,
  toString: () => `file://${fsPath}`,
});
const untitled = {
  scheme: "untitled",
  fsPath: "Untitled-1",
  toString: () => "untitled:Untitled-1",
};
const pos = (line: number, character: number) => ({ line, character });

describe("selectionAttachment", () => {
  it("uses 1-based inclusive lines", () => {
    assert.deepEqual(selectionAttachment("/ws/a.ts", { start: pos(4, 2), end: pos(6, 5) }, "abc"), {
      kind: "selection",
      path: "/ws/a.ts",
      startLine: 5,
      endLine: 7,
      text: "abc",
    });
  });

  it("does not count a line the selection only touches at its start", () => {
    const attachment = selectionAttachment("/a", { start: pos(1, 0), end: pos(3, 0) }, "x\ny\n");
    assert.deepEqual([attachment?.startLine, attachment?.endLine], [2, 3]);
    const single = selectionAttachment("/a", { start: pos(1, 0), end: pos(1, 0) }, "x");
    assert.deepEqual([single?.startLine, single?.endLine], [2, 2]);
  });

  it("is undefined for empty or oversized text", () => {
    assert.equal(selectionAttachment("/a", { start: pos(0, 0), end: pos(0, 0) }, ""), undefined);
    const huge = "x".repeat(MAX_SELECTION_TEXT + 1);
    assert.equal(selectionAttachment("/a", { start: pos(0, 0), end: pos(0, 1) }, huge), undefined);
  });
});

describe("fileAttachment and explorerAttachments", () => {
  it("attaches files on disk by absolute path, never untitled or virtual documents", () => {
    assert.deepEqual(fileAttachment(fileUri("/ws/a.ts")), { kind: "file", path: "/ws/a.ts" });
    assert.equal(fileAttachment(untitled), undefined);
    assert.equal(
      fileAttachment({ scheme: "git", fsPath: "/ws/a.ts", toString: () => "" }),
      undefined,
    );
  });

  it("prefers the explorer multi-selection, deduplicated, and ignores junk", () => {
    assert.deepEqual(
      explorerAttachments(fileUri("/ws/a"), [
        fileUri("/ws/a"),
        fileUri("/ws/b"),
        fileUri("/ws/a"),
        42,
      ]),
      [
        { kind: "file", path: "/ws/a" },
        { kind: "file", path: "/ws/b" },
      ],
    );
    assert.deepEqual(explorerAttachments(fileUri("/ws/c"), undefined), [
      { kind: "file", path: "/ws/c" },
    ]);
    assert.deepEqual(explorerAttachments({ not: "a uri" }, []), []);
  });
});

describe("selection commands", () => {
  function setup(editor: EditorLike | undefined) {
    const notices: EditorNotice[] = [];
    const inserted: Attachment[][] = [];
    const host: EditorHost = {
      activeEditor: () => editor,
      openDocument: async () => {
        throw new Error("unused");
      },
      relativePath: (uri) => uri.fsPath,
      notify: (notice) => notices.push(notice),
    };
    const deps = {
      insertIntoComposer: async (attachments: Attachment[]) => {
        inserted.push(attachments);
      },
    };
    return {
      addToThread: createAddToThreadCommand(deps, host),
      addFileToThread: createAddFileToThreadCommand(deps, host),
      notices,
      inserted,
    };
  }

  const editorWith = (
    uri: ReturnType<typeof fileUri> | typeof untitled,
    empty: boolean,
  ): EditorLike => ({
    document: { uri, languageId: "typescript", version: 1, getText: () => "selected" },
    selection: { start: pos(0, 0), end: pos(0, 8), active: pos(0, 8), isEmpty: empty },
  });

  it("addToThread inserts the selection", async () => {
    const { addToThread, inserted } = setup(editorWith(fileUri("/ws/a.ts"), false));
    await addToThread();
    assert.deepEqual(inserted, [
      [{ kind: "selection", path: "/ws/a.ts", startLine: 1, endLine: 1, text: "selected" }],
    ]);
  });

  it("addToThread falls back to the file without a selection", async () => {
    const { addToThread, inserted } = setup(editorWith(fileUri("/ws/a.ts"), true));
    await addToThread();
    assert.deepEqual(inserted, [[{ kind: "file", path: "/ws/a.ts" }]]);
  });

  it("addToThread works for untitled selections but not untitled files", async () => {
    const withSelection = setup(editorWith(untitled, false));
    await withSelection.addToThread();
    assert.equal(withSelection.inserted[0]![0]!.kind, "selection");
    const without = setup(editorWith(untitled, true));
    await without.addToThread();
    assert.deepEqual([without.inserted, without.notices], [[], ["notAFile"]]);
  });

  it("addFileToThread takes explorer arguments, else the active editor", async () => {
    const fromExplorer = setup(undefined);
    await fromExplorer.addFileToThread(fileUri("/ws/x"), [fileUri("/ws/x"), fileUri("/ws/y")]);
    assert.deepEqual(fromExplorer.inserted, [
      [
        { kind: "file", path: "/ws/x" },
        { kind: "file", path: "/ws/y" },
      ],
    ]);
    const fromPalette = setup(editorWith(fileUri("/ws/a.ts"), true));
    await fromPalette.addFileToThread();
    assert.deepEqual(fromPalette.inserted, [[{ kind: "file", path: "/ws/a.ts" }]]);
  });

  it("says so when there is no editor or no file", async () => {
    const none = setup(undefined);
    await none.addToThread();
    await none.addFileToThread();
    assert.deepEqual(none.notices, ["noActiveEditor", "noActiveEditor"]);
    const virtual = setup(undefined);
    await virtual.addFileToThread(untitled);
    assert.deepEqual(virtual.notices, ["notAFile"]);
  });
});
