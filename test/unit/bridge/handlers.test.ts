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

function setup(workspaceFolder = "/w") {
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
    openFileDiff: async (change, title) => void calls.push(`diff ${change.path} ${title}`),
    openTurnDiff: async (_diff, title) => void calls.push(`turnDiff ${title}`),
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

  it("open a file diff and the turn diff from the transcript", async () => {
    const { bridge, request, calls } = setup();
    bridge.state.setThread(emptyThread("thread-1", "/workspace"));
    for (const n of loadStream("patchApproval").notifications) {
      if (n.method === "turn/started")
        bridge.state.applyEvents("thread-1", [{ type: "turnStarted", turnId: "turn-1" }]);
      if (n.method === "item/completed") {
        bridge.state.applyEvents("thread-1", [
          { type: "itemUpserted", turnId: "turn-1", item: n.params.item },
        ]);
      }
      if (n.method === "turn/diff/updated") {
        bridge.state.applyEvents("thread-1", [
          { type: "diffUpdated", turnId: "turn-1", diff: n.params.diff },
        ]);
      }
    }
    const ok = await request("editor/openFileDiff", {
      turnId: "turn-1",
      itemId: "call_patch",
      path: "/workspace/notes.txt",
    });
    assert.equal(ok.ok, true);
    const missing = await request("editor/openFileDiff", {
      turnId: "turn-1",
      itemId: "call_patch",
      path: "/workspace/other.txt",
    });
    assert.equal(missing.ok, false);
    assert.equal((await request("editor/openTurnDiff", { turnId: "turn-1" })).ok, true);
    assert.equal((await request("editor/openTurnDiff", { turnId: "nope" })).ok, false);
    assert.deepEqual(calls, [
      "diff /workspace/notes.txt notes.txt (changed by Codex)",
      "turnDiff Codex: changes of this turn",
    ]);
  });

  it("copy, restart and dismiss", async () => {
    const { bridge, request, calls, restarts } = setup();
    await request("clipboard/write", { text: "copied" });
    await request("appServer/restart", {});
    const notice = bridge.state.addNotice({ level: "info", message: "x", details: null });
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
