import assert from "node:assert/strict";

import { emptyThread } from "../../../extension/bridge/chatState";
import { INIT_PROMPT } from "../../../extension/bridge/handlers/slash/init";
import { slashHandlers } from "../../../extension/bridge/handlers/slash/index";
import { RequestTimeoutError } from "../../../extension/appServer/errors";
import type { PortRequestOptions } from "../../../extension/connection/port";
import { MCP_LIST_TIMEOUT_MS, mcpServerView } from "../../../extension/bridge/handlers/slash/mcp";
import { reviewTarget } from "../../../extension/bridge/handlers/slash/review";
import { statusCard } from "../../../extension/bridge/handlers/slash/status";
import {
  SLASH_COMMANDS,
  isViewSlashCommand,
  parseSlashCommand,
} from "../../../protocol/webview/slashCommands";
import { handlerHarness } from "./handlerHarness";

const started = { thread: { id: "t-new", name: null }, cwd: "/w", model: "m" };
const reviewTurn = { turn: { id: "review-turn", status: "inProgress" }, reviewThreadId: "t1" };

describe("slash commands: parse → chat/slashCommand → handler", () => {
  it("has a handler for every command the host runs (the view opens its own pickers)", () => {
    assert.deepEqual(
      Object.keys(slashHandlers).sort(),
      SLASH_COMMANDS.map((spec) => spec.name)
        .filter((name) => !isViewSlashCommand(name))
        .sort(),
    );
  });

  it("/review: uncommitted changes, or against a base branch", () => {
    assert.deepEqual(reviewTarget([]), { type: "uncommittedChanges" });
    assert.deepEqual(reviewTarget(["main"]), { type: "baseBranch", branch: "main" });
  });

  it("/review inline reviews in the thread on screen", async () => {
    const { port, bridge, request } = handlerHarness({ reviewDelivery: "inline" });
    bridge.state.setThread(emptyThread("t1", "/w"));
    port.answer("review/start", reviewTurn);
    const parsed = parseSlashCommand("/review main")!;
    const answer = await request("chat/slashCommand", parsed);
    assert.equal(answer.ok, true, answer.error);
    assert.deepEqual(port.calls, [
      {
        method: "review/start",
        params: {
          threadId: "t1",
          target: { type: "baseBranch", branch: "main" },
          delivery: "inline",
        },
      },
    ]);
    assert.equal(bridge.threads.runningTurnId, "review-turn");
  });

  it("/review detached starts a new thread for the review and shows it", async () => {
    const { port, bridge, request } = handlerHarness({ reviewDelivery: "detached" });
    bridge.state.setThread(emptyThread("t1", "/w"));
    port.answer("thread/start", started);
    port.answer("review/start", { ...reviewTurn, reviewThreadId: "t-new" });
    assert.equal((await request("chat/slashCommand", { command: "review", args: [] })).ok, true);
    assert.deepEqual(
      port.calls.map((call) => call.method),
      ["thread/start", "review/start"],
    );
    assert.deepEqual((port.calls[1]!.params as { threadId: string }).threadId, "t-new");
    assert.equal(bridge.state.thread?.id, "t-new");
  });

  it("the host re-checks arguments: bad branch names and extra arguments are refused", async () => {
    const { port, request } = handlerHarness();
    for (const args of [["--force"], ["a..b"], ["two words"]]) {
      const answer = await request("chat/slashCommand", { command: "review", args });
      assert.equal(answer.ok, false, JSON.stringify(args));
    }
    assert.equal(
      (await request("chat/slashCommand", { command: "status", args: ["x"] })).ok,
      false,
    );
    assert.equal((await request("chat/slashCommand", { command: "rm", args: [] })).ok, false);
    assert.equal(
      (await request("chat/slashCommand", { command: "new", args: [], extra: true })).ok,
      false,
    );
    assert.deepEqual(port.calls, []);
  });

  it("/compact compacts the thread on screen; with none it says so", async () => {
    const { port, bridge, request } = handlerHarness();
    const none = await request("chat/slashCommand", { command: "compact", args: [] });
    assert.match(none.error ?? "", /nothing|no conversation/i);
    bridge.state.setThread(emptyThread("t1", "/w"));
    port.answer("thread/compact/start", {});
    assert.equal((await request("chat/slashCommand", { command: "compact", args: [] })).ok, true);
    assert.deepEqual(port.calls, [{ method: "thread/compact/start", params: { threadId: "t1" } }]);
  });

  it("/status shows a card with thread, usage, limits and account", async () => {
    const { bridge, request } = handlerHarness();
    bridge.state.setThread({
      ...emptyThread("t1", "/w"),
      tokenUsage: {
        total: usage(1200),
        last: usage(800),
        modelContextWindow: 10_000,
      },
    });
    bridge.state.setAccount({ status: "signedIn", account: { type: "apiKey" } });
    assert.equal((await request("chat/slashCommand", { command: "status", args: [] })).ok, true);
    const [card] = bridge.state.snapshot.cards;
    assert.equal(card?.kind, "status");
    if (card?.kind !== "status") return;
    assert.equal(card.threadId, "t1");
    assert.equal(card.tokenUsage?.modelContextWindow, 10_000);
    assert.deepEqual(card.account, { status: "signedIn", account: { type: "apiKey" } });
    // A second /status replaces the first card; dismissing removes it.
    await request("chat/slashCommand", { command: "status", args: [] });
    assert.equal(bridge.state.snapshot.cards.length, 1);
    await request("card/dismiss", { cardId: bridge.state.snapshot.cards[0]!.id });
    assert.deepEqual(bridge.state.snapshot.cards, []);
  });

  it("/status reads fresh rate limits for a ChatGPT account", async () => {
    const { port, bridge, request } = handlerHarness();
    bridge.state.setAccount({
      status: "signedIn",
      account: { type: "chatgpt", email: "a@b.c", planType: "plus", workspaceName: null },
    } as never);
    const limits = { primary: { usedPercent: 42, windowDurationMins: 300, resetsAt: null } };
    port.answer("account/rateLimits/read", { rateLimits: limits });
    await request("chat/slashCommand", { command: "status", args: [] });
    const card = bridge.state.snapshot.cards[0];
    assert.equal(card?.kind === "status" && card.rateLimits?.primary?.usedPercent, 42);
    assert.equal(statusCard(bridge.state.snapshot, null, "x").rateLimits?.primary?.usedPercent, 42);
  });

  it("/mcp lists servers, tools and auth state as a card", async () => {
    const { port, bridge, request } = handlerHarness();
    port.answer("mcpServerStatus/list", {
      data: [
        {
          name: "docs",
          runtimeStatus: "connected",
          authStatus: "oAuth",
          tools: {
            search: { name: "search", description: "Search the docs", inputSchema: {} },
            fetch: { name: "fetch", title: "Fetch page", inputSchema: {} },
          },
          toolsError: null,
        },
      ],
      nextCursor: null,
    });
    assert.equal((await request("chat/slashCommand", { command: "mcp", args: [] })).ok, true);
    assert.deepEqual((port.calls[0]!.params as { detail: string }).detail, "toolsAndAuthOnly");
    const card = bridge.state.snapshot.cards[0];
    assert.equal(card?.kind, "mcp");
    if (card?.kind !== "mcp") return;
    assert.deepEqual(card.servers, [
      {
        name: "docs",
        status: "connected",
        auth: "oAuth",
        tools: [
          { name: "Fetch page", description: null },
          { name: "search", description: "Search the docs" },
        ],
        toolsError: null,
      },
    ]);
    assert.equal(mcpServerView({ ...emptyServer(), toolsError: "boom" }).toolsError, "boom");
  });

  it("/mcp waits longer than codex's 30 s MCP startup timeout, and says so when it gives up", async () => {
    const { port, request } = handlerHarness();
    const options: (PortRequestOptions | undefined)[] = [];
    const request0 = port.request.bind(port);
    port.request = (method, params, opts) => {
      options.push(opts);
      return request0(method, params, opts);
    };
    port.answer("mcpServerStatus/list", () => {
      throw new RequestTimeoutError("mcpServerStatus/list", MCP_LIST_TIMEOUT_MS);
    });
    const answer = await request("chat/slashCommand", { command: "mcp", args: [] });
    // codex 0.169.0 answers only after a stuck server's startup_timeout_sec (default 30 s).
    assert.ok(MCP_LIST_TIMEOUT_MS > 30_000);
    assert.deepEqual(options, [{ timeoutMs: MCP_LIST_TIMEOUT_MS }]);
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? "", /^Could not list the MCP servers: Codex did not answer/);
    assert.match(answer.error ?? "", /startup_timeout_sec/);
  });

  it("/feedback uploads only after consent", async () => {
    const declined = handlerHarness({ feedback: null });
    await declined.request("chat/slashCommand", { command: "feedback", args: [] });
    assert.deepEqual(declined.port.calls, []);
    assert.deepEqual(declined.events, ["feedback consent asked"]);

    const agreed = handlerHarness({
      feedback: { classification: "bug", reason: "it broke", includeLogs: true },
    });
    agreed.bridge.state.setThread(emptyThread("t1", "/w"));
    agreed.port.answer("feedback/upload", { threadId: "t1", promptHash: null });
    const answer = await agreed.request("chat/slashCommand", { command: "feedback", args: [] });
    assert.equal(answer.ok, true, answer.error);
    assert.deepEqual(agreed.port.calls, [
      {
        method: "feedback/upload",
        params: { classification: "bug", reason: "it broke", threadId: "t1", includeLogs: true },
      },
    ]);
    assert.deepEqual(agreed.events, ["feedback consent asked", "feedback sent t1"]);
  });

  it("/init sends the AGENTS.md request as a turn; /new clears the thread", async () => {
    const { port, bridge, request } = handlerHarness();
    port.answer("thread/start", started);
    port.answer("turn/start", { turn: { id: "turn-1", status: "inProgress" } });
    await request("chat/slashCommand", { command: "init", args: [] });
    const turn = port.calls.find((call) => call.method === "turn/start");
    const input = (turn?.params as { input: { text: string }[] }).input;
    assert.equal(input[0]!.text, INIT_PROMPT);
    assert.match(INIT_PROMPT, /AGENTS\.md/);
    assert.equal(bridge.state.thread?.id, "t-new");
    await request("chat/slashCommand", { command: "new", args: [] });
    assert.equal(bridge.state.thread, null);
  });
});

function usage(total: number) {
  return {
    totalTokens: total,
    inputTokens: total,
    cachedInputTokens: 0,
    cacheWriteInputTokens: 0,
    outputTokens: 0,
    reasoningOutputTokens: 0,
  };
}

function emptyServer() {
  return {
    name: "x",
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
    authStatus: "unsupported" as const,
  };
}
