import assert from "node:assert/strict";

import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { CodexConnection } from "../../../extension/connection/codexConnection";
import { nativePathMapper, wslPathMapper, type PathMapper } from "../../../extension/wsl/wslPaths";
import { fakePort } from "../bridge/fakePort";

const wsl = wslPathMapper({ distro: "Ubuntu" });

function fileChangeNotification(path: string): ServerNotification {
  return {
    method: "item/completed",
    params: {
      threadId: "t",
      turnId: "u",
      item: {
        type: "fileChange",
        id: "i",
        status: "completed",
        changes: [{ path, kind: { type: "add" }, diff: "hello\n" }],
      },
    },
  } as ServerNotification;
}

describe("codex connection: WSL path mapping", () => {
  it("passes messages through untouched for a native app-server", async () => {
    const port = fakePort();
    const params = { cwd: "C:\\work", input: [] };
    port.answer("thread/start", { thread: { cwd: "C:\\work", turns: [] } });
    const mapped = new CodexConnection(port, () => nativePathMapper);
    await mapped.request("thread/start", params as never);
    assert.equal(port.calls[0]!.params, params, "the very same object reaches codex");

    const seen: ServerNotification[] = [];
    mapped.onNotification((n) => seen.push(n));
    const notification = fileChangeNotification("/home/me/a.txt");
    port.emit(notification);
    assert.equal(seen[0], notification);
  });

  it("sends cwd and user inputs to WSL as Linux paths", async () => {
    const port = fakePort();
    port.answer("turn/start", { turn: { id: "u" } });
    const mapped = new CodexConnection(port, () => wsl);
    await mapped.request("turn/start", {
      threadId: "t",
      cwd: "C:\\Users\\Me\\My Project",
      input: [{ type: "mention", name: "a.ts", path: "C:\\Users\\Me\\My Project\\a.ts" }],
    } as never);
    const sent = port.calls[0]!.params as { cwd: string; input: { path: string }[] };
    assert.equal(sent.cwd, "/mnt/c/Users/Me/My Project");
    assert.equal(sent.input[0]!.path, "/mnt/c/Users/Me/My Project/a.ts");
  });

  it("sends the Threads view's thread/list folder filter to WSL as Linux paths", async () => {
    const port = fakePort();
    port.answer("thread/list", { data: [], nextCursor: null });
    const mapped = new CodexConnection(port, () => wsl);
    await mapped.request("thread/list", { cwd: ["C:\\a", "D:\\b c"] });
    await mapped.request("thread/list", { cwd: "C:\\a" });
    assert.deepEqual(port.calls[0]!.params, { cwd: ["/mnt/c/a", "/mnt/d/b c"] });
    assert.deepEqual(port.calls[1]!.params, { cwd: "/mnt/c/a" });
  });

  it("brings item paths, thread history and approval cwds back as Windows paths", async () => {
    const port = fakePort();
    let mapper: PathMapper = wsl;
    const mapped = new CodexConnection(port, () => mapper);

    const seen: ServerNotification[] = [];
    mapped.onNotification((n) => seen.push(n));
    port.emit(fileChangeNotification("/mnt/d/repo/new file.txt"));
    const item = (seen[0] as Extract<ServerNotification, { method: "item/completed" }>).params.item;
    assert.equal(item.type === "fileChange" && item.changes[0]!.path, "D:\\repo\\new file.txt");

    port.answer("thread/resume", {
      thread: { cwd: "/home/me/proj", turns: [{ id: "u", items: [] }] },
    });
    const resumed = (await mapped.request("thread/resume", { threadId: "t" } as never)) as {
      thread: { cwd: string };
    };
    assert.equal(resumed.thread.cwd, "\\\\wsl.localhost\\Ubuntu\\home\\me\\proj");

    let approvalCwd = "";
    mapped.handleServerRequest("item/commandExecution/requestApproval", async (params) => {
      approvalCwd = params.cwd ?? "";
      return { decision: "decline" };
    });
    await port.serverRequest("item/commandExecution/requestApproval", { cwd: "/mnt/c/x" }).result;
    assert.equal(approvalCwd, "C:\\x");

    // After a fallback to native, the same port stops translating.
    mapper = nativePathMapper;
    port.emit(fileChangeNotification("/mnt/d/repo/a.txt"));
    const nativeItem = (seen[1] as Extract<ServerNotification, { method: "item/completed" }>).params
      .item;
    assert.equal(
      nativeItem.type === "fileChange" && nativeItem.changes[0]!.path,
      "/mnt/d/repo/a.txt",
    );
  });
});

describe("codex connection: one mapping per message", () => {
  it("maps a notification once, however many views listen", () => {
    const port = fakePort();
    let calls = 0;
    const counting: PathMapper = {
      ...wsl,
      itemToHost: (item) => {
        calls++;
        return wsl.itemToHost(item);
      },
    };
    const connection = new CodexConnection(port, () => counting);
    const seen: ServerNotification[] = [];
    for (let view = 0; view < 3; view++) connection.onNotification((n) => seen.push(n));
    port.emit(fileChangeNotification("/mnt/d/repo/a.txt"));
    assert.equal(calls, 1);
    assert.equal(seen.length, 3);
    assert.ok(
      seen.every((n) => n === seen[0]),
      "every view gets the same mapped message",
    );
  });
});

describe("codex connection: path fields found by the protocol walk", () => {
  it("maps a started thread's cwd and a file change's grant root back to Windows", async () => {
    const port = fakePort();
    const connection = new CodexConnection(port, () => wsl);
    port.answer("thread/start", { thread: { cwd: "/home/me/p", turns: [] }, cwd: "/home/me/p" });
    const started = (await connection.request("thread/start", {} as never)) as { cwd: string };
    assert.equal(started.cwd, "\\\\wsl.localhost\\Ubuntu\\home\\me\\p");

    let grantRoot: string | null | undefined;
    connection.handleServerRequest("item/fileChange/requestApproval", async (params) => {
      grantRoot = params.grantRoot;
      return { decision: "decline" };
    });
    await port.serverRequest("item/fileChange/requestApproval", { grantRoot: "/mnt/c/w" }).result;
    assert.equal(grantRoot, "C:\\w");
  });

  it("maps a generated image's saved path and inputs", () => {
    const item = wsl.itemToHost({
      type: "imageGeneration",
      id: "g",
      status: "completed",
      revisedPrompt: null,
      failure: null,
      generationId: null,
      result: "",
      savedPath: "/mnt/c/out/cat.png",
      inputImages: [{ path: "/mnt/c/in/dog.png", sha256: "x" }],
    } as never);
    assert.ok(item.type === "imageGeneration");
    assert.equal(item.savedPath, "C:\\out\\cat.png");
    assert.equal(item.inputImages?.[0]?.path, "C:\\in\\dog.png");
  });
});
