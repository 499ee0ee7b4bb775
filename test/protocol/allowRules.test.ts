/**
 * "Always allow commands like this" against the real, pinned codex (0.169.0): the card's answer
 * (`execpolicyAmendment`, the prefix codex proposed) goes through the bridge as
 * `acceptWithExecpolicyAmendment`; codex runs the command, appends the rule to
 * `$CODEX_HOME/rules/default.rules`, and the next matching command runs without a question, in a
 * new thread too. Removing the rule the way `chatgpt.manageAllowRules` does brings the question
 * back in the next new thread (codex reads the rules files for each thread it starts; no restart).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { AddedAllowRule } from "../../extension/bridge/approvalAmendments";
import { defaultRulesFile, removeRuleFromFile } from "../../extension/config/allowRules";
import { shellCall, text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { itemsOf, pendingApproval, turnsDone, waitForState } from "../support/bridgeState";

describe("always allow: execpolicy amendment (real codex)", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;
  let added: AddedAllowRule[];

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "on-request", sandboxMode: "read-only" });
    added = [];
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
      onRuleAdded: (rule) => added.push(rule),
    });
    await bridge.models.choose({ mode: "chat" });
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  /** The model asks to run `cmd` outside the sandbox, proposing `echo allowed-prefix` as a rule. */
  const escalated = (cmd: string, callId: string) =>
    shellCall({ cmd, callId, extraArgs: { prefix_rule: ["echo", "allowed-prefix"] } });

  it("accepted → persisted in default.rules → the next matching command runs without asking; removed → asked again", async () => {
    harness.model.enqueue(escalated("echo allowed-prefix one", "call_one"), text("Ran one."));
    await bridge.threads.send("Run one", []);
    const asking = await waitForState(bridge, (s) => !!pendingApproval(s), "the first approval");
    const approval = pendingApproval(asking)!;
    assert.equal(approval.request.kind, "command");
    const params = approval.request.params as { proposedExecpolicyAmendment?: string[] | null };
    assert.deepEqual(params.proposedExecpolicyAmendment, ["echo", "allowed-prefix"]);

    // A rule other than codex's proposal is refused, and codex still waits.
    assert.throws(() =>
      bridge.approvals.answer(approval.id, { kind: "execpolicyAmendment", prefix: ["echo"] }),
    );
    bridge.approvals.answer(approval.id, {
      kind: "execpolicyAmendment",
      prefix: ["echo", "allowed-prefix"],
    });
    const first = await waitForState(bridge, turnsDone(1), "the first turn");
    assert.match(
      itemsOf(first, "commandExecution")[0]?.aggregatedOutput ?? "",
      /allowed-prefix one/,
    );
    assert.deepEqual(added, [{ kind: "command", prefix: ["echo", "allowed-prefix"] }]);

    const rulesFile = defaultRulesFile(harness.home.dir);
    assert.equal(
      await readFile(rulesFile, "utf8"),
      'prefix_rule(pattern=["echo", "allowed-prefix"], decision="allow")\n',
    );

    // A new thread: the same prefix, another argument, runs outside the sandbox without a card.
    bridge.threads.newThread();
    harness.model.enqueue(escalated("echo allowed-prefix two", "call_two"), text("Ran two."));
    await bridge.threads.send("Run two", []);
    const second = await waitForState(
      bridge,
      (s) => turnsDone(1)(s) || !!pendingApproval(s),
      "the second turn (or a question)",
    );
    assert.equal(pendingApproval(second), undefined, "codex asked again despite the rule");
    const [two] = itemsOf(second, "commandExecution");
    assert.equal(two?.status, "completed", JSON.stringify(two));
    assert.match(two?.aggregatedOutput ?? "", /allowed-prefix two/);

    // Removed the way chatgpt.manageAllowRules removes it: the next new thread asks again.
    const removed = await removeRuleFromFile({
      rule: added[0]!,
      file: rulesFile,
      addedAt: 0,
      count: 1,
    });
    assert.equal(removed, 1);
    assert.equal(await readFile(rulesFile, "utf8"), "");
    bridge.threads.newThread();
    harness.model.enqueue(escalated("echo allowed-prefix three", "call_three"), text("Asked."));
    await bridge.threads.send("Run three", []);
    const third = await waitForState(bridge, (s) => !!pendingApproval(s), "a question again");
    bridge.approvals.answer(pendingApproval(third)!.id, { kind: "decision", decision: "cancel" });
  });
});
