/**
 * The `/mcp` panel on a fake port: live startup states, Reload, Sign in (OAuth), and the
 * config.toml table a server is declared in. The webview may only name servers the panel lists.
 */
import assert from "node:assert/strict";

import { ChatState } from "../../../extension/bridge/chatState";
import { mcpOpenConfig } from "../../../extension/bridge/handlers/mcpOpenConfig";
import type { HandlerContext } from "../../../extension/bridge/handlers/context";
import { McpPanel, mcpTableLine } from "../../../extension/bridge/mcpPanel";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import type { McpServerStatus } from "../../../protocol/codex/v2/McpServerStatus";
import type { McpCardView } from "../../../protocol/webview/viewModel";
import { fakePort, nullLogger } from "./fakePort";

function server(name: string, extra: Partial<McpServerStatus> = {}): McpServerStatus {
  return {
    name,
    runtimeStatus: null,
    pluginId: null,
    httpOrigin: null,
    serverInfo: null,
    serverCapabilities: null,
    toolListMeta: null,
    tools: {},
    toolsError: null,
    resources: [],
    resourceTemplates: [],
    authStatus: "unsupported",
    ...extra,
  };
}

function setup(
  servers: McpServerStatus[] = [server("echo"), server("docs", { authStatus: "notLoggedIn" })],
) {
  const port = fakePort();
  const state = new ChatState();
  const opened: string[] = [];
  let threadId: string | undefined = "thread-1";
  const panel = new McpPanel({
    port,
    state,
    logger: nullLogger(),
    openExternal: async (url) => {
      opened.push(url);
      return true;
    },
    threadId: () => threadId,
  });
  port.onNotification(notificationDispatcher([panel.notifications]));
  port.answer("mcpServerStatus/list", () => ({ data: servers, nextCursor: null }));
  const card = (): McpCardView => {
    const found = state.snapshot.cards.find((each) => each.kind === "mcp");
    assert.ok(found?.kind === "mcp", "the MCP panel is shown");
    return found;
  };
  const byName = (name: string) => card().servers.find((each) => each.name === name);
  return {
    port,
    state,
    panel,
    opened,
    card,
    byName,
    servers,
    setThread: (id?: string) => (threadId = id),
  };
}

describe("MCP panel", () => {
  it("shows each server's startup state live, for the view's thread only", async () => {
    const { port, panel, byName, card } = setup();
    await panel.show();
    assert.equal(byName("echo")?.startup, undefined);
    const update = (
      threadId: string | null,
      status: "starting" | "ready" | "failed",
      error: string | null = null,
    ) =>
      port.emit({
        method: "mcpServer/startupStatus/updated",
        params: { threadId, name: "echo", status, error, failureReason: null },
      });
    update("thread-1", "starting");
    assert.deepEqual(byName("echo")?.startup, { state: "starting", error: null });
    update("another-thread", "failed", "not this one");
    assert.deepEqual(byName("echo")?.startup, { state: "starting", error: null });
    update("thread-1", "failed", "spawn ENOENT");
    assert.deepEqual(byName("echo")?.startup, { state: "failed", error: "spawn ENOENT" });
    // A server codex starts that the list did not have yet (added, then Reload) appears at once.
    port.emit({
      method: "mcpServer/startupStatus/updated",
      params: {
        threadId: "thread-1",
        name: "added",
        status: "starting",
        error: null,
        failureReason: null,
      },
    });
    assert.deepEqual(
      card().servers.map((each) => each.name),
      ["echo", "docs", "added"],
    );
  });

  it("lists again when a server listed as starting reports ready, for its state and tools", async () => {
    const { port, panel, byName, servers } = setup();
    servers.push(server("late", { runtimeStatus: "starting" }));
    await panel.show();
    assert.equal(byName("late")?.status, "starting");
    const lists = () => port.calls.filter((call) => call.method === "mcpServerStatus/list").length;
    const before = lists();
    servers[servers.length - 1] = server("late", {
      runtimeStatus: "connected",
      tools: { echo: { name: "echo", inputSchema: {} } } as unknown as McpServerStatus["tools"],
    });
    port.emit({
      method: "mcpServer/startupStatus/updated",
      params: {
        threadId: "thread-1",
        name: "late",
        status: "ready",
        error: null,
        failureReason: null,
      },
    });
    await waitFor(() => byName("late")?.status === "connected");
    assert.equal(lists(), before + 1);
    assert.deepEqual(
      byName("late")?.tools.map((tool) => tool.name),
      ["echo"],
    );
  });

  it("servers reporting ready while a listing is under way list once more after it, not once each", async () => {
    const names = ["a", "b", "c", "d"];
    const { port, panel, byName } = setup(
      names.map((name) => server(name, { runtimeStatus: "starting" })),
    );
    await panel.show();
    const answers = port.hold("mcpServerStatus/list");
    const ready = (name: string) =>
      port.emit({
        method: "mcpServer/startupStatus/updated",
        params: { threadId: "thread-1", name, status: "ready", error: null, failureReason: null },
      });
    const listing = (connected: readonly string[]) => ({
      data: names.map((name) =>
        server(name, { runtimeStatus: connected.includes(name) ? "connected" : "starting" }),
      ),
      nextCursor: null,
    });

    ready("a");
    await waitFor(() => answers.length === 1);
    for (const name of ["b", "c", "d"]) ready(name);
    answers[0]!(listing(["a"]));
    await waitFor(() => answers.length === 2);
    answers[1]!(listing(names));
    await waitFor(() => names.every((name) => byName(name)?.status === "connected"));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(
      port.calls.filter((call) => call.method === "mcpServerStatus/list").length,
      3,
      "the panel's listing, the one under way and one after it",
    );
  });

  it("Reload asks codex to reload, lists again and keeps the live states", async () => {
    const { port, panel, byName, card, servers } = setup();
    await panel.show();
    port.emit({
      method: "mcpServer/startupStatus/updated",
      params: {
        threadId: "thread-1",
        name: "echo",
        status: "ready",
        error: null,
        failureReason: null,
      },
    });
    let reloadSeen = false;
    port.answer("config/mcpServer/reload", () => {
      reloadSeen = true;
      assert.equal(card().busy, "reloading", "the panel says it reloads");
      servers.push(server("second"));
      return {};
    });
    await panel.reload();
    assert.ok(reloadSeen);
    assert.deepEqual(
      port.calls.map((call) => call.method),
      ["mcpServerStatus/list", "config/mcpServer/reload", "mcpServerStatus/list"],
    );
    assert.equal(card().busy, null);
    assert.deepEqual(byName("echo")?.startup, { state: "ready", error: null });
    assert.ok(byName("second"));

    port.answer("config/mcpServer/reload", () => {
      throw new Error("config.toml: expected `=`");
    });
    await assert.rejects(panel.reload(), /Could not reload the MCP servers/);
    assert.match(card().error ?? "", /expected `=`/);
    assert.equal(card().busy, null);
  });

  it("Sign in opens codex's authorization URL and follows the completion notification", async () => {
    const { port, panel, byName, opened } = setup();
    await panel.show();
    port.answer("mcpServer/oauth/login", (params: unknown) => {
      assert.deepEqual(params, { name: "docs", threadId: "thread-1" });
      return { authorizationUrl: "https://auth.example/authorize?x=1", loginId: "l1" };
    });
    await panel.login("docs");
    assert.deepEqual(opened, ["https://auth.example/authorize?x=1"]);
    assert.deepEqual(byName("docs")?.login, { state: "waiting", error: null });

    port.emit({
      method: "mcpServer/oauthLogin/completed",
      params: {
        name: "docs",
        threadId: "thread-1",
        loginId: "l1",
        success: false,
        error: "denied",
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(byName("docs")?.login?.state, "failed");
    assert.match(byName("docs")?.login?.error ?? "", /denied/);

    await assert.rejects(panel.login("not-listed"), /no MCP server named not-listed/);
    port.answer("mcpServer/oauth/login", { authorizationUrl: "javascript:alert(1)" });
    await assert.rejects(panel.login("docs"), /Could not open the sign-in page/);
    assert.deepEqual(opened, ["https://auth.example/authorize?x=1"], "only http(s) URLs open");
  });

  it("opens the config.toml that declares the server, at its table", async () => {
    const { port, panel } = setup();
    await panel.show();
    port.answer("config/read", {
      config: {},
      layers: null,
      origins: {
        model: {
          name: { type: "user", file: "/home/u/.codex/config.toml", profile: null },
          version: "v",
        },
        "mcp_servers.docs.url": {
          name: { type: "project", dotCodexFolder: "/w/.codex" },
          version: "v",
        },
      },
    });
    const opened: { path: string; line?: number }[] = [];
    const context = {
      bridge: { mcp: panel },
      editor: {
        readText: async (path: string) =>
          path === "/w/.codex/config.toml"
            ? 'model = "x"\n\n[mcp_servers.docs]\nurl = "https://d"\n'
            : undefined,
        openFile: async (path: string, line?: number) => void opened.push({ path, line }),
      },
    } as unknown as HandlerContext;
    await mcpOpenConfig.handle(context, { server: "docs" });
    assert.deepEqual(opened, [{ path: "/w/.codex/config.toml", line: 3 }]);
    await assert.rejects(
      Promise.resolve(mcpOpenConfig.handle(context, { server: "echo" })),
      /does not say which config.toml declares echo/,
    );
  });

  it("finds the table header bare, quoted, or spaced", () => {
    assert.equal(mcpTableLine("a = 1\n[mcp_servers.echo]\n", "echo"), 2);
    assert.equal(mcpTableLine('[ mcp_servers."my server" ] # mine\n', "my server"), 1);
    assert.equal(mcpTableLine("[mcp_servers.echo.env]\n", "echo"), null);
    assert.equal(mcpTableLine("[mcp_servers.echoes]\n", "echo"), null);
  });
});

/** Lets pending promise callbacks run until `condition` holds; fails after 200 turns. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail("the condition never held");
}
