/**
 * The MCP panel's Sign in against the real, pinned codex (0.169.0) and a streamable-HTTP MCP
 * server behind OAuth (test/support/mcpServer/oauthMcpServer.ts): the panel lists it as not
 * signed in; Sign in sends `mcpServer/oauth/login` and opens codex's authorization URL (the test
 * plays the browser and calls codex's redirect URI); `mcpServer/oauthLogin/completed` marks it
 * signed in, and the panel, listed again, shows its tool.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { McpCardView, McpServerView } from "../../protocol/webview/viewModel";
import { startOauthMcpServer, type OauthMcpServer } from "../support/mcpServer/oauthMcpServer";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { waitForState } from "../support/bridgeState";

describe("MCP panel: Sign in to an OAuth MCP server (real codex)", function () {
  this.timeout(90_000);
  let mcpServer: OauthMcpServer;
  let harness: CodexHarness;
  let bridge: ChatBridge;
  const opened: string[] = [];

  beforeEach(async () => {
    mcpServer = await startOauthMcpServer();
    harness = await startCodexHarness({
      approvalPolicy: "never",
      sandboxMode: "read-only",
      // Tokens in CODEX_HOME, not the desktop keyring the test machine does not have.
      extraToml: `mcp_oauth_credentials_store = "file"\n[mcp_servers.remote]\nurl = "${mcpServer.origin}/mcp"\nstartup_timeout_sec = 10\n`,
    });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      // The browser: follow codex's authorization URL straight to its redirect URI.
      openExternal: async (url) => {
        opened.push(url);
        const authorize = new URL(url);
        const redirect = new URL(authorize.searchParams.get("redirect_uri")!);
        redirect.searchParams.set("code", "fixture-code");
        redirect.searchParams.set("state", authorize.searchParams.get("state")!);
        void fetch(redirect);
        return true;
      },
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") {
      console.log(harness.log.slice(-40).join("\n"), mcpServer.hits.join("\n"));
    }
    bridge.dispose();
    await harness.dispose();
    await mcpServer.close();
  });

  const remote = (card: McpCardView | undefined): McpServerView | undefined =>
    card?.servers.find((server) => server.name === "remote");
  const panel = (): McpCardView | undefined => {
    const card = bridge.state.snapshot.cards.find((each) => each.kind === "mcp");
    return card?.kind === "mcp" ? card : undefined;
  };

  it("not signed in → Sign in in the browser → signed in, with its tools", async () => {
    await bridge.mcp.show();
    assert.equal(remote(panel())?.auth, "notLoggedIn");
    assert.deepEqual(remote(panel())?.tools, []);

    await bridge.mcp.login("remote");
    assert.equal(opened.length, 1);
    assert.ok(opened[0]!.startsWith(`${mcpServer.origin}/authorize?`), opened[0]);
    await waitForState(
      bridge,
      () => remote(panel())?.login?.state === "succeeded" && remote(panel())?.auth === "oAuth",
      "the server signed in",
    );
    assert.deepEqual(
      remote(panel())?.tools.map((tool) => tool.name),
      ["whoami"],
    );
    assert.ok(mcpServer.hits.includes("POST /token"), "codex exchanged the code for a token");
  });
});
