/**
 * Slash commands through the bridge's `chat/slashCommand` handler against the real, pinned codex
 * app-server and the mock model: `/review` (uncommitted changes and a base branch, in a real git
 * repository), `/compact`, and the data `/status` shows.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import { registerWebviewHandlers } from "../../extension/bridge/handlers/index";
import { HostChannel } from "../../protocol/webview/channel";
import { parseSlashCommand } from "../../protocol/webview/slashCommands";
import type { ChatViewState, ThreadItem } from "../../protocol/webview/viewModel";
import { text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { waitForState, lastTurn, turnsDone } from "../support/bridgeState";

const items = (state: ChatViewState): ThreadItem[] =>
  (state.thread?.turns ?? []).flatMap((turn) => turn.items);

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.invalid",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.invalid",
    },
  });
}

describe("slash commands against the real codex", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;
  let delivery: "inline" | "detached";
  let slash: (typed: string) => Promise<{ ok: boolean; error?: string }>;

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "never", sandboxMode: "read-only" });
    const log: string[] = [];
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    await bridge.refreshAfterConnect().catch(() => undefined);
    delivery = "inline";
    const posted: { id?: number; ok?: boolean; error?: string }[] = [];
    const channel = new HostChannel((message) => posted.push(message as never), {
      warn: () => undefined,
    });
    registerWebviewHandlers(channel, {
      bridge,
      editor: {
        openExternal: async () => false,
        writeClipboard: async () => undefined,
        workspaceFolders: () => [harness.workspace.dir],
        openFile: async () => undefined,
        readText: async () => undefined,
        openDiff: async () => undefined,
        openChanges: async () => undefined,
        editorContextAttachment: async () => undefined,
      },
      restartAppServer: async () => undefined,
      slash: {
        reviewDelivery: () => delivery,
        confirmFeedback: async () => null,
        feedbackSent: () => undefined,
      },
      guard: {
        confirmAccountChange: async () => false,
        manageWorkspaceTrust: async () => {},
        confirmApproveDenied: async () => false,
      },
    });
    let nextId = 1;
    slash = async (typed) => {
      const parsed = parseSlashCommand(typed);
      assert.ok(parsed, `${typed} parses`);
      const id = nextId++;
      await channel.receive({ kind: "request", id, method: "chat/slashCommand", params: parsed });
      const response = posted.find((message) => message.id === id);
      return { ok: response?.ok === true, error: response?.error };
    };
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-60).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  function initRepository(): void {
    const dir = harness.workspace.dir;
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(path.join(dir, "app.js"), "export const answer = 41;\n");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "initial");
  }

  it("/review reviews the uncommitted changes in the thread on screen", async () => {
    initRepository();
    writeFileSync(path.join(harness.workspace.dir, "app.js"), "export const answer = 42;\n");
    harness.model.enqueue(text("Reviewed: the answer changed from 41 to 42. No issues found."));
    const answer = await slash("/review");
    assert.equal(answer.ok, true, answer.error);
    const state = await waitForState(bridge, turnsDone(1), "the review turn to complete");
    assert.equal(lastTurn(state)?.status, "completed");
    const types = items(state).map((item) => item.type);
    assert.ok(types.includes("enteredReviewMode"), types.join());
    assert.ok(types.includes("exitedReviewMode"), types.join());
    // codex asked the model to review the working tree's changes, and the review came back.
    const request = JSON.stringify(harness.model.requests.at(-1));
    assert.match(request, /Review the current code changes \(staged, unstaged, and untracked/);
    const exited = items(state).find((item) => item.type === "exitedReviewMode");
    assert.equal(
      exited?.type === "exitedReviewMode" && exited.review,
      "Reviewed: the answer changed from 41 to 42. No issues found.",
    );
    // codex announces the review turn under a second id; no phantom turn stays "in progress".
    assert.equal(state.thread?.turns.length, 1);
    assert.equal(bridge.threads.runningTurnId, undefined);
  });

  it("/review <branch> (detached) reviews against the base branch in a new thread", async () => {
    initRepository();
    git(harness.workspace.dir, "checkout", "-q", "-b", "feature");
    writeFileSync(path.join(harness.workspace.dir, "app.js"), "export const answer = 43;\n");
    git(harness.workspace.dir, "commit", "-q", "-am", "change the answer");
    harness.model.enqueue(text("Warm-up."), text("Reviewed against main."));
    await bridge.threads.send("hello", []);
    const first = await waitForState(bridge, turnsDone(1), "the first turn");
    const firstThread = first.thread!.id;

    delivery = "detached";
    const answer = await slash("/review main");
    assert.equal(answer.ok, true, answer.error);
    const state = await waitForState(
      bridge,
      (s) => s.thread?.id !== firstThread && turnsDone(1)(s),
      "the review in a new thread",
    );
    assert.notEqual(state.thread?.id, firstThread);
    assert.ok(items(state).some((item) => item.type === "exitedReviewMode"));
    const mergeBase = git(harness.workspace.dir, "merge-base", "main", "HEAD").trim();
    const request = JSON.stringify(harness.model.requests.at(-1));
    assert.match(request, /against the base branch 'main'/);
    assert.ok(request.includes(mergeBase), "the merge base is in the review prompt");
    // The first thread is untouched: the review went to a thread of its own.
    assert.equal(state.thread?.turns.length, 1);
  });

  it("/compact compacts the thread on screen", async () => {
    harness.model.enqueue(text("First answer."), text("Summary of the conversation so far."));
    await bridge.threads.send("Remember the number 7.", []);
    await waitForState(bridge, turnsDone(1), "the first turn");
    const requestsBefore = harness.model.requests.length;
    const answer = await slash("/compact");
    assert.equal(answer.ok, true, answer.error);
    const state = await waitForState(
      bridge,
      (s) => items(s).some((item) => item.type === "contextCompaction") && turnsDone(2)(s),
      "a context compaction",
    );
    assert.ok(harness.model.requests.length > requestsBefore, "codex asked the model to summarise");
    assert.ok(items(state).some((item) => item.type === "contextCompaction"));
  });

  it("/compact without a thread says there is nothing to compact", async () => {
    const answer = await slash("/compact");
    assert.equal(answer.ok, false);
    assert.match(answer.error ?? "", /no conversation to compact/);
  });

  it("/status shows the thread id, context usage and account from codex", async () => {
    harness.model.enqueue(text("Hello."));
    await bridge.threads.send("hi", []);
    const done = await waitForState(
      bridge,
      (s) => turnsDone(1)(s) && s.thread?.tokenUsage !== null,
      "the turn and its token usage",
    );
    const answer = await slash("/status");
    assert.equal(answer.ok, true, answer.error);
    const card = bridge.state.snapshot.cards.find((c) => c.kind === "status");
    assert.ok(card && card.kind === "status");
    assert.equal(card.threadId, done.thread!.id);
    assert.equal(card.cwd, harness.workspace.dir);
    assert.ok(card.tokenUsage && card.tokenUsage.total.totalTokens > 0, "token usage");
    assert.equal(card.mode, bridge.state.snapshot.modelChoice.mode);
    assert.notEqual(card.account.status, "unknown");
  });
});
