/**
 * "Always allow": the host sends codex only the rule codex proposed on that request, whatever
 * the webview sends back.
 */
import assert from "node:assert/strict";

import { amendmentDecision } from "../../../extension/bridge/approvalAmendments";
import { offeredRules } from "../../../protocol/webview/approvalRules";
import { ApprovalBroker, responseFor } from "../../../extension/bridge/approvals";
import { ChatState } from "../../../extension/bridge/chatState";
import { UserFacingError } from "../../../extension/bridge/userFacingError";
import type { CommandExecutionRequestApprovalParams } from "../../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import { fakePort, nullLogger } from "./fakePort";

/** What codex 0.169.0 sent for `echo hi there` with a `prefix_rule` (seen in a protocol run). */
function commandParams(
  extra: Partial<CommandExecutionRequestApprovalParams> & { availableDecisions?: unknown } = {},
): CommandExecutionRequestApprovalParams {
  return {
    kind: "command",
    threadId: "t",
    turnId: "u",
    itemId: "c1",
    startedAtMs: 0,
    environmentId: "local",
    command: "/bin/bash -c 'echo hi there'",
    cwd: "/w",
    proposedExecpolicyAmendment: ["echo", "hi"],
    availableDecisions: [
      "accept",
      { acceptWithExecpolicyAmendment: { execpolicy_amendment: ["echo", "hi"] } },
      "cancel",
    ],
    ...extra,
  } as CommandExecutionRequestApprovalParams;
}

const networkParams = commandParams({
  proposedExecpolicyAmendment: null,
  networkApprovalContext: { host: "example.com", protocol: "https" },
  proposedNetworkPolicyAmendments: [
    { host: "example.com", action: "allow" },
    { host: "example.com", action: "deny" },
  ],
  availableDecisions: undefined,
});

describe("approval amendments (always allow)", () => {
  it("sends codex's proposed prefix as acceptWithExecpolicyAmendment", () => {
    assert.deepEqual(
      responseFor(
        { kind: "command", params: commandParams() },
        { kind: "execpolicyAmendment", prefix: ["echo", "hi"] },
      ),
      { decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: ["echo", "hi"] } } },
    );
  });

  it("refuses a prefix that is not exactly codex's proposal (wider, narrower, or none proposed)", () => {
    for (const prefix of [["echo"], ["echo", "hi", "there"], ["rm", "-rf"], ["echo", "HI"]]) {
      assert.throws(
        () => amendmentDecision(commandParams(), { kind: "execpolicyAmendment", prefix }),
        UserFacingError,
        JSON.stringify(prefix),
      );
    }
    assert.throws(
      () =>
        amendmentDecision(commandParams({ proposedExecpolicyAmendment: null }), {
          kind: "execpolicyAmendment",
          prefix: ["echo", "hi"],
        }),
      UserFacingError,
    );
  });

  it("refuses when codex's availableDecisions do not offer the rule", () => {
    assert.throws(
      () =>
        amendmentDecision(commandParams({ availableDecisions: ["accept", "cancel"] }), {
          kind: "execpolicyAmendment",
          prefix: ["echo", "hi"],
        }),
      /not the rule Codex proposed/,
    );
  });

  it("offers and accepts only what availableDecisions lists (codex keeps a host's deny rule out)", () => {
    const listed = commandParams({
      ...networkParams,
      availableDecisions: [
        "accept",
        {
          applyNetworkPolicyAmendment: {
            network_policy_amendment: { host: "example.com", action: "allow" },
          },
        },
        "cancel",
      ],
    });
    assert.deepEqual(offeredRules(listed), [
      { kind: "network", host: "example.com", action: "allow" },
    ]);
    assert.throws(
      () =>
        amendmentDecision(listed, {
          kind: "networkPolicyAmendment",
          host: "example.com",
          action: "deny",
        }),
      UserFacingError,
    );
    assert.equal(
      amendmentDecision(listed, {
        kind: "networkPolicyAmendment",
        host: "example.com",
        action: "allow",
      }).rule.kind,
      "network",
    );
  });

  it("sends one of codex's proposed network amendments, and nothing else", () => {
    assert.deepEqual(
      amendmentDecision(networkParams, {
        kind: "networkPolicyAmendment",
        host: "example.com",
        action: "deny",
      }),
      {
        decision: {
          applyNetworkPolicyAmendment: {
            network_policy_amendment: { host: "example.com", action: "deny" },
          },
        },
        rule: { kind: "network", host: "example.com", action: "deny" },
      },
    );
    assert.throws(
      () =>
        amendmentDecision(networkParams, {
          kind: "networkPolicyAmendment",
          host: "evil.example",
          action: "allow",
        }),
      UserFacingError,
    );
  });

  it("records the rule once codex has the answer, and not when the answer is refused", async () => {
    const port = fakePort();
    const state = new ChatState();
    const added: unknown[] = [];
    const broker = new ApprovalBroker({
      port,
      state,
      logger: nullLogger(),
      onRuleAdded: (rule) => added.push(rule),
    });
    broker.register();
    const pending = port.serverRequest("item/commandExecution/requestApproval", commandParams());
    const id = state.snapshot.approvals[0]!.id;
    assert.throws(() => broker.answer(id, { kind: "execpolicyAmendment", prefix: ["echo"] }));
    assert.deepEqual(added, [], "a refused rule is not recorded");
    broker.answer(id, { kind: "execpolicyAmendment", prefix: ["echo", "hi"] });
    assert.deepEqual(await pending.result, {
      decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: ["echo", "hi"] } },
    });
    assert.deepEqual(added, [{ kind: "command", prefix: ["echo", "hi"] }]);
  });
});
