import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { ChatBridge } from "../../../extension/bridge/bridge";
import { emptyThread } from "../../../extension/bridge/chatState";
import type { EditorPort } from "../../../extension/bridge/handlers/context";
import { pathInsideWorkspace } from "../../../extension/bridge/handlers/editorOpenFile";
import { safeExternalUrl } from "../../../extension/bridge/handlers/editorOpenLink";
import { handledMethods, registerWebviewHandlers } from "../../../extension/bridge/handlers/index";
import { HostChannel } from "../../../protocol/webview/channel";
import { webviewRequests } from "../../../protocol/webview/messages";
import { fakePort, nullLogger } from "./fakePort";
import { loadStream } from "./streams";

function setup(workspaceFolder = "/w", disk: Record<string, string> = {}) {
  const port = fakePort();
  const bridge = new ChatBridge({
    port,
    logger: nullLogger(),
    cwd: () => "/w",
    openExternal: async () => true,
    confirmFullAccess: async () => false,
  });
  const calls: string[] = [];
  const editor: EditorPort = {
    openExternal: async (url) => {
      calls.push(`external ${url}`);
      return true;
    },
    writeClipboard: async (text) => void calls.push(`clipboard ${text}`),
    workspaceFolders: () => [workspaceFolder],
    openFile: async (file, line) => void calls.push(`open ${file}:${line ?? ""}`),
    readText: async (file) => disk[file],
    openDiff: async (file, title) =>
      void calls.push(`diff ${file.path} ${title}\n${file.before}---\n${file.after}`),
    openChanges: async (files, title) =>
      void calls.push(`changes ${title}: ${files.map((file) => file.path).join(", ")}`),
    editorContextAttachment: async () => undefined,
  };
  let restarts = 0;
  const posted: unknown[] = [];
  const channel = new HostChannel((message) => posted.push(message), { warn: () => undefined });
  registerWebviewHandlers(channel, {
    bridge,
    editor,
    restartAppServer: async () => void restarts++,
    guard: {
      confirmAccountChange: async (change) => {
        calls.push(`confirm ${change}`);
        return false;
      },
      manageWorkspaceTrust: async () => void calls.push("manage trust"),
      confirmApproveDenied: async () => false,
    },
    slash: {
      reviewDelivery: () => "inline",
      confirmFeedback: async () => null,
      feedbackSent: () => undefined,
    },
  });
  let nextId = 1;
  const request = async (method: string, params: unknown) => {
    const id = nextId++;
    await channel.receive({ kind: "request", id, method, params });
    return posted.find((m) => (m as { id?: number }).id === id) as {
      ok: boolean;
      result?: unknown;
      error?: string;
    };
  };
  return { port, bridge, calls, request, restarts: () => restarts };
}

describe("webview request handlers", () => {
  it("cover every webview request", () => {
    assert.deepEqual([...handledMethods].sort(), Object.keys(webviewRequests).sort());
  });

  it("open only http(s) links", async () => {
    assert.equal(safeExternalUrl("https://example.com/a?b=1"), "https://example.com/a?b=1");
    for (const bad of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "command:workbench.action.quit",
      "vscode://x",
      "/relative",
      "",
    ]) {
      assert.equal(safeExternalUrl(bad), null, bad);
    }
    const { request, calls } = setup();
    assert.equal((await request("editor/openLink", { href: "http://a.example" })).ok, true);
    const refused = await request("editor/openLink", { href: "command:evil" });
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? "", /http and https/);
    assert.deepEqual(calls, ["external http://a.example/"]);
  });

  it("open only files inside a workspace folder", async () => {
    const folders = ["/w", "/other/root"];
    assert.equal(pathInsideWorkspace("/w/src/a.ts", folders, path.posix), "/w/src/a.ts");
    assert.equal(pathInsideWorkspace("src/a.ts", folders, path.posix), "/w/src/a.ts");
    assert.equal(pathInsideWorkspace("/other/root/x", folders, path.posix), "/other/root/x");
    assert.equal(pathInsideWorkspace("/w/../etc/passwd", folders, path.posix), null);
    assert.equal(pathInsideWorkspace("../secret", folders, path.posix), null);
    assert.equal(pathInsideWorkspace("/wx/a", folders, path.posix), null);
    assert.equal(pathInsideWorkspace("/w/a", [], path.posix), null);
    assert.equal(
      pathInsideWorkspace("C:\\proj\\a.ts", ["c:\\proj"], path.win32)?.toLowerCase(),
      "c:\\proj\\a.ts",
    );
  });

  it("open a file only when its real path is inside a workspace folder", async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), "open-file-"));
    try {
      const outside = mkdtempSync(path.join(tmpdir(), "outside-"));
      writeFileSync(path.join(workspace, "a.ts"), "");
      writeFileSync(path.join(outside, "secret"), "");
      symlinkSync(path.join(outside, "secret"), path.join(workspace, "notes"));
      symlinkSync(outside, path.join(workspace, "linked-dir"));
      const { request, calls } = setup(workspace);
      const open = async (file: string) => (await request("editor/openFile", { path: file })).ok;
      assert.equal((await request("editor/openFile", { path: "a.ts", line: 3 })).ok, true);
      assert.equal(await open("/etc/passwd"), false);
      assert.equal(await open(path.join(workspace, "notes")), false, "symlink to a file outside");
      assert.equal(await open("linked-dir/secret"), false, "through a symlinked folder");
      assert.equal(await open("missing.ts"), false);
      assert.deepEqual(calls, [`open ${path.join(workspace, "a.ts")}:3`]);
      rmSync(outside, { recursive: true, force: true });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  /** The patchApproval stream's item (adds added.txt, edits notes.txt) with `status`. */
  function transcriptWithPatch(
    bridge: ChatBridge,
    status: "inProgress" | "completed" | "declined",
  ) {
    bridge.state.setThread(emptyThread("thread-1", "/workspace"));
    bridge.state.applyEvents("thread-1", [{ type: "turnStarted", turnId: "turn-1" }]);
    const started = loadStream("patchApproval").notifications.find(
      (n) => n.method === "item/started" && n.params.item.type === "fileChange",
    );
    assert.ok(started?.method === "item/started");
    bridge.state.applyEvents("thread-1", [
      { type: "itemUpserted", turnId: "turn-1", item: { ...started.params.item, status } as never },
    ]);
  }
  const notesBefore = "first line\nold line\nlast line\n";
  const notesAfter = "first line\nnew line\nlast line\n";
  const change = { turnId: "turn-1", itemId: "call_patch" };

  it("a pending change: the file on disk against the proposal, read-only, no false warning", async () => {
    const { bridge, request, calls } = setup("/w", { "/workspace/notes.txt": notesBefore });
    transcriptWithPatch(bridge, "inProgress");
    const ok = await request("editor/openFileDiff", { ...change, path: "/workspace/notes.txt" });
    assert.equal(ok.ok, true, ok.error);
    const all = await request("editor/openItemDiff", change);
    assert.equal(all.ok, true, all.error);
    assert.deepEqual(calls, [
      `diff /workspace/notes.txt notes.txt (proposed by Codex)\n${notesBefore}---\n${notesAfter}`,
      "changes Codex: proposed changes: /workspace/added.txt, /workspace/notes.txt",
    ]);
  });

  it("an applied change: the original against the file; the turn in the multi-file diff", async () => {
    const { bridge, request, calls } = setup("/w", {
      "/workspace/notes.txt": notesAfter,
      "/workspace/added.txt": "brand new file\n",
    });
    transcriptWithPatch(bridge, "completed");
    await request("editor/openFileDiff", { ...change, path: "/workspace/notes.txt" });
    assert.equal((await request("editor/openTurnDiff", { turnId: "turn-1" })).ok, true);
    assert.equal((await request("editor/openTurnDiff", { turnId: "nope" })).ok, false);
    const missing = await request("editor/openFileDiff", { ...change, path: "/workspace/x.txt" });
    assert.equal(missing.ok, false);
    assert.deepEqual(calls, [
      `diff /workspace/notes.txt notes.txt (changed by Codex)\n${notesBefore}---\ndisk`,
      "changes Codex: changes of this turn: /workspace/added.txt, /workspace/notes.txt",
    ]);
  });

  it("a file edited since says so instead of showing a wrong diff", async () => {
    const { bridge, request, calls } = setup("/w", { "/workspace/notes.txt": "rewritten\n" });
    transcriptWithPatch(bridge, "completed");
    const answer = await request("editor/openFileDiff", {
      ...change,
      path: "/workspace/notes.txt",
    });
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? "", /notes\.txt was edited after Codex changed it/);
    assert.deepEqual(calls, []);
  });

  it("a declined turn changed nothing: no turn review", async () => {
    const { bridge, request } = setup("/w", { "/workspace/notes.txt": notesBefore });
    transcriptWithPatch(bridge, "declined");
    const answer = await request("editor/openTurnDiff", { turnId: "turn-1" });
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? "", /changed no files/);
  });

  it("copy, restart and dismiss", async () => {
    const { bridge, request, calls, restarts } = setup();
    await request("clipboard/write", { text: "copied" });
    await request("appServer/restart", {});
    const notice = bridge.state.addNotice({ level: "info", message: "x", details: null })!;
    await request("notice/dismiss", { noticeId: notice.id });
    assert.deepEqual(calls, ["clipboard copied"]);
    assert.equal(restarts(), 1);
    assert.deepEqual(bridge.state.snapshot.notices, []);
  });

  it("declined full access answers applied: false", async () => {
    const { request, bridge } = setup();
    const answer = await request("models/choose", { mode: "agentFullAccess" });
    assert.deepEqual(answer.result, { applied: false });
    assert.equal(bridge.state.snapshot.modelChoice.mode, "agent");
  });

  it("send errors reach the webview as a message", async () => {
    const { port, request } = setup();
    port.answer("thread/start", () => {
      throw new Error("codex said no");
    });
    const answer = await request("chat/send", { text: "hi", attachments: [] });
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? "", /codex said no/);
    const empty = await request("history/rename", { threadId: "t", name: "   " });
    assert.match(empty.error ?? "", /cannot be empty/);
  });
});
