import assert from "node:assert/strict";

import { ChatState, emptyThread } from "../../../extension/bridge/chatState";
import { EventBatcher } from "../../../extension/bridge/eventBatcher";
import {
  compactionMarkerId,
  mapNotification,
  type MappedNotice,
  type MappedThreadEvent,
} from "../../../extension/bridge/notificationEvents";
import { transcriptStream } from "../../../extension/bridge/transcriptStream";
import { turnNoticeKey } from "../../../extension/bridge/codexNotices";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import type { ThreadItem, ThreadView } from "../../../protocol/webview/viewModel";
import { fakePort } from "./fakePort";
import { loadStream } from "./streams";

function events(n: ServerNotification): MappedThreadEvent[] {
  return mapNotification(n).filter((m): m is MappedThreadEvent => m.kind === "event");
}

function notices(n: ServerNotification): MappedNotice[] {
  return mapNotification(n).filter(
    (m): m is MappedNotice => m.kind === "notice" || m.kind === "log",
  );
}

/** Feeds notifications through the real pipeline (mapping → batcher → ChatState). */
function replay(notifications: readonly ServerNotification[]): ThreadView {
  const port = fakePort();
  const state = new ChatState();
  state.setThread(emptyThread("thread-1", "/workspace"));
  const batcher = new EventBatcher({ deliver: (id, batch) => state.applyEvents(id, batch) });
  port.onNotification(transcriptStream(state, batcher));
  for (const n of notifications) port.emit(n);
  batcher.flush();
  return state.thread!;
}

function itemsOf(thread: ThreadView): ThreadItem[] {
  assert.equal(thread.turns.length, 1);
  return thread.turns[0]!.items;
}

describe("notificationEvents", () => {
  describe("mapNotification", () => {
    it("maps a hook run in a turn to the turn's hook row, and one outside a turn to nothing", () => {
      const run = { id: "r1", eventName: "stop", status: "blocked" } as never;
      assert.deepEqual(
        events({ method: "hook/completed", params: { threadId: "t", turnId: "u", run } }),
        [{ kind: "event", threadId: "t", event: { type: "hookRun", turnId: "u", run } }],
      );
      assert.deepEqual(
        mapNotification({ method: "hook/started", params: { threadId: "t", turnId: null, run } }),
        [],
      );
    });

    it("maps text deltas to appends keyed by thread, turn and item", () => {
      assert.deepEqual(
        events({
          method: "item/agentMessage/delta",
          params: { threadId: "t", turnId: "u", itemId: "i", delta: "Hi" },
        }),
        [
          {
            kind: "event",
            threadId: "t",
            event: {
              type: "textAppended",
              turnId: "u",
              itemId: "i",
              target: "agentText",
              index: 0,
              delta: "Hi",
            },
          },
        ],
      );
    });

    it("maps every streamed field to its target", () => {
      const base = { threadId: "t", turnId: "u", itemId: "i", delta: "x" };
      const target = (n: ServerNotification) => {
        const e = events(n)[0]?.event;
        return e?.type === "textAppended" ? [e.target, e.index, e.delta] : undefined;
      };
      assert.deepEqual(target({ method: "item/commandExecution/outputDelta", params: base }), [
        "commandOutput",
        0,
        "x",
      ]);
      assert.deepEqual(
        target({ method: "item/reasoning/summaryTextDelta", params: { ...base, summaryIndex: 2 } }),
        ["reasoningSummary", 2, "x"],
      );
      assert.deepEqual(
        target({
          method: "item/reasoning/summaryPartAdded",
          params: { threadId: "t", turnId: "u", itemId: "i", summaryIndex: 1 },
        }),
        ["reasoningSummary", 1, ""],
      );
      assert.deepEqual(
        target({ method: "item/reasoning/textDelta", params: { ...base, contentIndex: 3 } }),
        ["reasoningContent", 3, "x"],
      );
      assert.deepEqual(target({ method: "item/plan/delta", params: base }), ["planText", 0, "x"]);
    });

    it("maps diff, plan, token usage and rename", () => {
      assert.deepEqual(
        events({
          method: "turn/diff/updated",
          params: { threadId: "t", turnId: "u", diff: "d" },
        })[0]?.event,
        { type: "diffUpdated", turnId: "u", diff: "d" },
      );
      assert.deepEqual(
        events({
          method: "turn/plan/updated",
          params: {
            threadId: "t",
            turnId: "u",
            explanation: null,
            plan: [{ step: "a", status: "pending" }],
          },
        })[0]?.event,
        {
          type: "planUpdated",
          turnId: "u",
          explanation: null,
          steps: [{ step: "a", status: "pending" }],
        },
      );
      assert.deepEqual(
        events({ method: "thread/name/updated", params: { threadId: "t" } })[0]?.event,
        { type: "renamed", name: null },
      );
    });

    it("turns thread/compacted into a marker item", () => {
      const [mapped] = events({
        method: "thread/compacted",
        params: { threadId: "t", turnId: "u" },
      });
      assert.deepEqual(mapped?.event, {
        type: "itemUpserted",
        turnId: "u",
        item: { type: "contextCompaction", id: compactionMarkerId("u") },
      });
    });

    it("classifies codex's errors and warnings by their structure", () => {
      const error = {
        message: "Reconnecting... 2/5",
        codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } },
        additionalDetails: "stream disconnected",
        misalignment: null,
      };
      // A retry: one line per turn ("2 of 5"), keyed so the next attempt replaces it.
      assert.deepEqual(
        notices({
          method: "error",
          params: { error, willRetry: true, threadId: "t", turnId: "u" },
        }),
        [
          {
            kind: "notice",
            threadId: "t",
            notice: {
              level: "warning",
              message: "Reconnecting… 2 of 5",
              details: "stream disconnected",
              key: turnNoticeKey("u"),
              threadId: "t",
              turnId: "u",
            },
          },
        ],
      );
      // The final error takes the same line (until the turn shows it).
      const final = notices({
        method: "error",
        params: {
          error: { ...error, message: "boom" },
          willRetry: false,
          threadId: "t",
          turnId: "u",
        },
      })[0];
      assert.equal(final?.kind === "notice" && final.notice.key, turnNoticeKey("u"));
      assert.equal(final?.kind === "notice" && final.notice.level, "error");
      // The turn's end says so (the retry line ends with it).
      assert.deepEqual(
        mapNotification({
          method: "turn/completed",
          params: { threadId: "t", turn: { id: "u", status: "completed", error: null } },
        } as unknown as ServerNotification).filter((m) => m.kind === "turnEnded"),
        [{ kind: "turnEnded", threadId: "t", turnId: "u", succeeded: true }],
      );
    });

    it("shows the missing model metadata warning once per model, explained, with Don't show again", () => {
      const [mapped] = notices({
        method: "warning",
        params: {
          threadId: "t",
          message:
            "Model metadata for `custom-x` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.",
        },
      });
      assert.ok(mapped?.kind === "notice");
      assert.equal(mapped.notice.key, "modelMetadata:custom-x");
      assert.equal(mapped.notice.once, true);
      assert.equal(mapped.notice.level, "info");
      assert.match(mapped.notice.message, /custom-x.*custom provider/);
      assert.deepEqual(mapped.notice.actions, [{ kind: "dontShowAgain" }]);
      assert.deepEqual(
        notices({ method: "warning", params: { threadId: null, message: "careful" } })[0],
        {
          kind: "notice",
          threadId: null,
          notice: { level: "warning", message: "careful", details: null, threadId: null },
        },
      );
    });

    it("names a broken config.toml's path, line and codex's reason, with Open", () => {
      const path = "/home/u/.codex/config.toml";
      const [mapped] = notices({
        method: "configWarning",
        params: {
          summary: "Invalid configuration; using defaults.",
          details: `${path}:8:11: invalid basic string, expected \`"\``,
          path,
          range: { start: { line: 8, column: 11 }, end: { line: 8, column: 11 } },
        },
      });
      assert.ok(mapped?.kind === "notice");
      assert.equal(
        mapped.notice.message,
        `Invalid configuration; using defaults.\n${path}, line 8: invalid basic string, expected \`"\``,
      );
      assert.equal(mapped.notice.details, null);
      assert.deepEqual(mapped.notice.actions, [{ kind: "openFile", path, line: 8 }]);
    });

    it("sends codex's deprecation notices to the log, not the view", () => {
      assert.deepEqual(
        mapNotification({
          method: "deprecationNotice",
          params: {
            summary: "Full-history hydration is deprecated",
            details: "use `excludeTurns`",
          },
        }),
        [
          {
            kind: "log",
            message:
              "codex deprecation notice: Full-history hydration is deprecated (use `excludeTurns`)",
          },
        ],
      );
    });

    it("ignores notifications the transcript does not show", () => {
      assert.deepEqual(
        mapNotification({
          method: "thread/status/changed",
          params: { threadId: "t", status: { type: "idle" } },
        }),
        [],
      );
    });
  });

  describe("recorded real codex streams", () => {
    it("a streamed text answer ends as the full agent message", () => {
      const thread = replay(loadStream("text").notifications);
      assert.equal(thread.turns[0]!.status, "completed");
      const [user, agent] = itemsOf(thread);
      assert.equal(user?.type, "userMessage");
      assert.equal(
        agent?.type === "agentMessage" && agent.text,
        "Hello! This answer is streamed in a few chunks.",
      );
      assert.ok(thread.tokenUsage, "token usage arrives with the turn");
    });

    it("the deltas alone build the same text (item/completed dropped)", () => {
      const stream = loadStream("text").notifications.filter(
        (n) => !(n.method === "item/completed" && n.params.item.type === "agentMessage"),
      );
      const agent = itemsOf(replay(stream)).find((item) => item.type === "agentMessage");
      assert.equal(
        agent?.type === "agentMessage" && agent.text,
        "Hello! This answer is streamed in a few chunks.",
      );
    });

    it("reasoning streams its summary before the answer", () => {
      const stream = loadStream("reasoning").notifications.filter(
        (n) => !(n.method === "item/completed" && n.params.item.type === "reasoning"),
      );
      const items = itemsOf(replay(stream));
      assert.deepEqual(
        items.map((item) => item.type),
        ["userMessage", "reasoning", "agentMessage"],
      );
      const reasoning = items[1];
      assert.deepEqual(reasoning?.type === "reasoning" && reasoning.summary, [
        "Multiplying six by seven gives forty-two.",
      ]);
      const full = itemsOf(replay(loadStream("reasoning").notifications));
      assert.deepEqual(full[1]?.type === "reasoning" && full[1].summary, [
        "Multiplying six by seven gives forty-two.",
      ]);
      assert.equal(full[2]?.type === "agentMessage" && full[2].text, "The answer is 42.");
    });

    it("an accepted command shows its output and exit code", () => {
      const items = itemsOf(replay(loadStream("commandApproval").notifications));
      const command = items.find((item) => item.type === "commandExecution");
      assert.ok(command?.type === "commandExecution");
      assert.equal(command.status, "completed");
      assert.equal(command.exitCode, 0);
      assert.match(command.aggregatedOutput ?? "", /hello-from-codex/);
      const answer = items.at(-1);
      assert.equal(
        answer?.type === "agentMessage" && answer.text,
        "The command printed hello-from-codex.",
      );
    });

    it("an accepted patch shows its file changes and the turn diff", () => {
      const thread = replay(loadStream("patchApproval").notifications);
      const change = itemsOf(thread).find((item) => item.type === "fileChange");
      assert.ok(change?.type === "fileChange");
      assert.equal(change.status, "completed");
      assert.deepEqual(
        change.changes.map((c) => [c.path, c.kind.type]),
        [
          ["/workspace/added.txt", "add"],
          ["/workspace/notes.txt", "update"],
        ],
      );
      assert.match(thread.turns[0]!.diff ?? "", /\+new line/);
    });

    it("events of another thread leave the transcript alone", () => {
      const other = loadStream("text").notifications.map((n) =>
        JSON.parse(JSON.stringify(n).split("thread-1").join("thread-2")),
      ) as ServerNotification[];
      assert.deepEqual(replay(other).turns, []);
    });
  });
});
