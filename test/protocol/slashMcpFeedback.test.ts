/**
 * `/mcp` and `/feedback` through the bridge's `chat/slashCommand` handler against the real, pinned
 * codex app-server (0.169.0) and the mock model.
 *
 * `/mcp`: config.toml declares stdio MCP servers (`[mcp_servers.<name>] command, args`): the
 * echo fixture (test/support/mcpServer/echoMcpServer.mjs), a command that does not exist, and one
 * that never answers `initialize`. codex lists each with its tools, or with its startup error.
 *
 * `/feedback`: codex uploads to Sentry over HTTPS. The app-server gets `HTTPS_PROXY` pointing at a
 * local socket that records the CONNECT and hangs up, so the upload fails the same way with or
 * without network (and never leaves the machine); the failure must reach the user as a message.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { FeedbackConsent } from "../../extension/bridge/handlers/context";
import { registerWebviewHandlers } from "../../extension/bridge/handlers/index";
import { HostChannel } from "../../protocol/webview/channel";
import { parseSlashCommand } from "../../protocol/webview/slashCommands";
import type { McpCardView } from "../../protocol/webview/viewModel";
import { text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { waitForState, lastTurn, turnsDone } from "../support/bridgeState";

const ECHO_SERVER = path.resolve(__dirname, "../support/mcpServer/echoMcpServer.mjs");

function tomlString(value: string): string {
  return JSON.stringify(value);
}

const echoServerToml = `
[mcp_servers.echo]
command = ${tomlString(process.execPath)}
args = [${tomlString(ECHO_SERVER)}, "echo-fixture"]
`;

const missingServerToml = `
[mcp_servers.missing]
command = "/nonexistent/codex-test-no-such-mcp-server"
args = []
`;

/** A server that starts but never answers `initialize`; codex gives up after 2 s. */
const stuckServerToml = `
[mcp_servers.stuck]
command = "sleep"
args = ["600"]
startup_timeout_sec = 2
`;

interface Setup {
  extraToml?: string;
  extraEnv?: Record<string, string>;
  feedback?: FeedbackConsent | null;
}

describe("/mcp and /feedback against the real codex", function () {
  this.timeout(60_000);
  let harness: CodexHarness | undefined;
  let bridge: ChatBridge | undefined;
  let proxy: Server | undefined;
  let sentEvents: string[];

  async function setup(options: Setup = {}) {
    harness = await startCodexHarness(
      { approvalPolicy: "never", sandboxMode: "read-only", extraToml: options.extraToml },
      options.extraEnv,
    );
    const h = harness;
    const b = new ChatBridge({
      port: h.port,
      logger: memoryLogger(h.log),
      cwd: () => h.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    bridge = b;
    await b.refreshAfterConnect().catch(() => undefined);
    sentEvents = [];
    const openedFiles: { file: string; line?: number }[] = [];
    const posted: { id?: number; ok?: boolean; error?: string }[] = [];
    const channel = new HostChannel((message) => posted.push(message as never), {
      warn: () => undefined,
    });
    registerWebviewHandlers(channel, {
      bridge: b,
      editor: {
        openExternal: async () => false,
        writeClipboard: async () => undefined,
        workspaceFolders: () => [h.workspace.dir],
        openFile: async (file, line) => void openedFiles.push({ file, line }),
        readText: (file) => readFile(file, "utf8").catch(() => undefined),
        openDiff: async () => undefined,
        openChanges: async () => undefined,
        editorContextAttachment: async () => undefined,
      },
      restartAppServer: async () => undefined,
      slash: {
        reviewDelivery: () => "inline",
        confirmFeedback: async () => options.feedback ?? null,
        feedbackSent: (id) => sentEvents.push(`sent ${id}`),
      },
      guard: {
        confirmAccountChange: async () => false,
        manageWorkspaceTrust: async () => {},
        confirmApproveDenied: async () => false,
      },
    });
    let nextId = 1;
    const slash = async (typed: string) => {
      const parsed = parseSlashCommand(typed);
      assert.ok(parsed, `${typed} parses`);
      const id = nextId++;
      await channel.receive({ kind: "request", id, method: "chat/slashCommand", params: parsed });
      const response = posted.find((message) => message.id === id);
      return { ok: response?.ok === true, error: response?.error };
    };
    const request = async (method: string, params: unknown) => {
      const id = nextId++;
      await channel.receive({ kind: "request", id, method, params });
      const response = posted.find((message) => message.id === id);
      return { ok: response?.ok === true, error: response?.error };
    };
    return { harness: h, bridge: b, slash, request, openedFiles };
  }

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && harness) {
      console.log(harness.log.slice(-60).join("\n"));
    }
    bridge?.dispose();
    await harness?.dispose();
    proxy?.close();
    bridge = undefined;
    harness = undefined;
    proxy = undefined;
  });

  function mcpCard(b: ChatBridge): McpCardView {
    const card = b.state.snapshot.cards.find((c) => c.kind === "mcp");
    assert.ok(card && card.kind === "mcp", "an /mcp card is shown");
    return card;
  }

  it("/mcp lists a stdio MCP server with its tool, before and after a thread starts it", async () => {
    const { harness: h, bridge: b, slash } = await setup({ extraToml: echoServerToml });
    const before = await slash("/mcp");
    assert.equal(before.ok, true, before.error);
    // Without a thread codex probes the server for its tools; no thread runtime yet (null is
    // shown as "not started").
    assert.deepEqual(mcpCard(b).servers, [
      {
        name: "echo",
        status: null,
        auth: "unsupported",
        tools: [{ name: "echo", description: "Returns the text it is given." }],
        toolsError: null,
      },
    ]);
    assert.equal(mcpCard(b).truncated, false);

    h.model.enqueue(text("Hello."));
    await b.threads.send("hi", []);
    await waitForState(b, turnsDone(1), "the first turn");
    const after = await slash("/mcp");
    assert.equal(after.ok, true, after.error);
    const [echo] = mcpCard(b).servers;
    assert.equal(echo?.name, "echo");
    assert.equal(echo?.status, "connected");
    assert.deepEqual(
      echo?.tools.map((tool) => tool.name),
      ["echo"],
    );
  });

  it("/mcp shows a server whose command does not exist with its startup error", async () => {
    const {
      harness: h,
      bridge: b,
      slash,
    } = await setup({
      extraToml: `${echoServerToml}\n${missingServerToml}`,
    });
    const answer = await slash("/mcp");
    assert.equal(answer.ok, true, answer.error);
    const byName = new Map(mcpCard(b).servers.map((server) => [server.name, server]));
    assert.deepEqual([...byName.keys()].sort(), ["echo", "missing"]);
    const missing = byName.get("missing")!;
    assert.deepEqual(missing.tools, []);
    assert.match(missing.toolsError ?? "", /MCP startup failed: No such file or directory/);
    // The working server is listed as usual next to the broken one.
    assert.equal(byName.get("echo")?.toolsError, null);
    assert.equal(byName.get("echo")?.tools.length, 1);

    // In a thread, codex reports the runtime state too; turns still work.
    h.model.enqueue(text("Still fine."));
    await b.threads.send("hi", []);
    const state = await waitForState(b, turnsDone(1), "a turn with a broken MCP server");
    assert.equal(lastTurn(state)?.status, "completed");
    assert.equal((await slash("/mcp")).ok, true);
    const inThread = new Map(mcpCard(b).servers.map((server) => [server.name, server]));
    assert.equal(inThread.get("missing")?.status, "failed");
    assert.match(inThread.get("missing")?.toolsError ?? "", /No such file or directory/);
    assert.equal(inThread.get("echo")?.status, "connected");
  });

  it("/mcp panel: live startup states, Reload picks up a server added to config.toml, config.toml opens at its table", async () => {
    const {
      harness: h,
      bridge: b,
      slash,
      request,
      openedFiles,
    } = await setup({
      extraToml: echoServerToml,
    });
    h.model.enqueue(text("Hello."));
    await b.threads.send("hi", []);
    await waitForState(b, turnsDone(1), "the first turn");
    assert.equal((await slash("/mcp")).ok, true);
    assert.deepEqual(
      mcpCard(b).servers.map((server) => [server.name, server.status]),
      [["echo", "connected"]],
    );

    // The user adds a server to config.toml, then presses Reload.
    const config = await readFile(h.home.configPath, "utf8");
    await writeFile(
      h.home.configPath,
      `${config}\n[mcp_servers."second.server"]\ncommand = ${tomlString(process.execPath)}\nargs = [${tomlString(ECHO_SERVER)}, "second"]\n`,
    );
    const reloaded = await request("mcp/reload", {});
    assert.equal(reloaded.ok, true, reloaded.error);
    // codex restarted the thread's servers and said so (mcpServer/startupStatus/updated).
    const state = await waitForState(
      b,
      () => {
        const card = mcpCard(b);
        // Ready and listed as connected: codex 0.171.0 may list the new server as "starting"
        // before it is up, and the panel lists again when it reports ready.
        return (
          card.servers.length === 2 &&
          card.servers.every((s) => s.startup?.state === "ready" && s.status === "connected")
        );
      },
      "both servers ready and connected after Reload",
    );
    const second = state.cards
      .flatMap((card) => (card.kind === "mcp" ? card.servers : []))
      .find((server) => server.name === "second.server");
    assert.equal(second?.status, "connected");
    assert.deepEqual(
      second?.tools.map((tool) => tool.name),
      ["echo"],
    );
    assert.equal(mcpCard(b).busy, null);

    // config.toml, from codex's config/read origins, at the server's table.
    const opened = await request("mcp/openConfig", { server: "second.server" });
    assert.equal(opened.ok, true, opened.error);
    const lines = (await readFile(h.home.configPath, "utf8")).split("\n");
    const [target] = openedFiles;
    assert.equal(target?.file, h.home.configPath);
    assert.equal(lines[target!.line! - 1], '[mcp_servers."second.server"]');

    // Sign in is codex's OAuth flow, for streamable HTTP servers only: a stdio server is refused.
    const login = await request("mcp/login", { server: "echo" });
    assert.equal(login.ok, false);
    assert.match(login.error ?? "", /OAuth login is only supported for streamable HTTP servers/);
    // A name the panel does not list is refused by the host before codex hears of it.
    const unknown = await request("mcp/openConfig", { server: "../../etc/passwd" });
    assert.equal(unknown.ok, false);
    assert.match(unknown.error ?? "", /no MCP server named/);
  });

  it("/mcp lists a server that never answers once its startup_timeout_sec is over", async () => {
    const { bridge: b, slash } = await setup({
      extraToml: `${echoServerToml}\n${stuckServerToml}`,
    });
    const answer = await slash("/mcp");
    assert.equal(answer.ok, true, answer.error);
    // codex waited for the stuck server's 2 s startup timeout (its error says so), then
    // answered for both.
    const byName = new Map(mcpCard(b).servers.map((server) => [server.name, server]));
    assert.match(byName.get("stuck")?.toolsError ?? "", /timed out handshaking with MCP server/);
    assert.equal(byName.get("echo")?.tools.length, 1);
  });

  it("/feedback: a failed upload reaches the user as a message; the bridge stays usable", async () => {
    const connects: string[] = [];
    proxy = createServer((socket) => {
      socket.once("data", (chunk) => {
        connects.push(chunk.toString("latin1").split("\r\n", 1)[0] ?? "");
        socket.destroy();
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => proxy!.listen(0, "127.0.0.1", resolve));
    const address = proxy.address();
    assert.ok(address && typeof address === "object");
    const proxyUrl = `http://127.0.0.1:${address.port}`;
    const {
      harness: h,
      bridge: b,
      slash,
    } = await setup({
      feedback: { classification: "bug", reason: "protocol test", includeLogs: false },
      extraEnv: {
        HTTPS_PROXY: proxyUrl,
        https_proxy: proxyUrl,
        NO_PROXY: "127.0.0.1,localhost",
        no_proxy: "127.0.0.1,localhost",
      },
    });
    h.model.enqueue(text("First answer."), text("Second answer."));
    await b.threads.send("hello", []);
    await waitForState(b, turnsDone(1), "the first turn");

    const answer = await slash("/feedback");
    assert.equal(answer.ok, false);
    assert.match(
      answer.error ?? "",
      /^Could not send the feedback: Codex error: failed to upload feedback(?!.*\(-\d+\))(?!.*https?:).*\.$/,
    );
    // (codex's own error, not our client's 30 s timeout; no JSON-RPC code, no URL.)
    assert.deepEqual(sentEvents, []);
    // codex really tried to upload (through the proxy, so nothing left the machine).
    assert.ok(
      connects.some((line) => /^CONNECT \S+:443 /.test(line)),
      `proxy saw: ${connects.join(" | ")}`,
    );

    // The bridge and codex are fine: the next turn in the same thread works.
    await b.threads.send("again", []);
    const state = await waitForState(b, turnsDone(2), "the turn after /feedback");
    assert.equal(lastTurn(state)?.status, "completed");
    assert.equal(state.connection.kind, "ready");
  });
});
