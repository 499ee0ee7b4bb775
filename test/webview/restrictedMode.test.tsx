import "./setup";
import * as assert from "node:assert/strict";
import type { ApprovalView } from "../../protocol/webview/viewModel";
import {
  click,
  flush,
  hydrate,
  mount,
  notify,
  requests,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

/** A command approval on which codex proposes an "always allow" rule. */
const ruleApproval: ApprovalView = {
  id: "ap1",
  threadId: "thread-1",
  status: "pending",
  request: {
    kind: "command",
    params: {
      threadId: "thread-1",
      turnId: "t1",
      itemId: "c1",
      startedAtMs: 0,
      environmentId: null,
      cwd: "/work/project",
      command: "npm test",
      proposedExecpolicyAmendment: ["npm", "test"],
    },
  } as ApprovalView["request"],
};

describe("webview: Restricted Mode", () => {
  afterEach(unmount);

  it("explains what is limited and asks the host for VS Code's trust dialog", async () => {
    const { root } = mount();
    hydrate({ workspaceTrusted: false });
    const banner = root.querySelector(".restricted-mode");
    assert.ok(banner, "the banner is shown");
    assert.match(banner.textContent ?? "", /Restricted Mode/);
    assert.match(banner.textContent ?? "", /only reads and chats/);
    click(root, "What is limited");
    assert.match(banner.textContent ?? "", /Agent and Full access are off/);
    assert.match(banner.textContent ?? "", /Implement with Codex/);
    click(root, "Trust this folder…");
    await flush();
    assert.equal(requests("workspace/manageTrust").length, 1);
  });

  it("is gone as soon as the host reports the folder trusted, and absent when trusted", () => {
    const { root } = mount();
    hydrate({ workspaceTrusted: false });
    notify("state/patch", { workspaceTrusted: true });
    assert.equal(root.querySelector(".restricted-mode"), null);
    hydrate();
    assert.equal(root.querySelector(".restricted-mode"), null);
  });

  it("offers no Always allow on an approval (the host refuses it until the folder is trusted)", async () => {
    const { root } = mount();
    const withApproval = {
      thread: thread([turn("t1", [userMessage("u1", "test it")], { status: "inProgress" })]),
      approvals: [ruleApproval],
    };
    hydrate({ ...withApproval, workspaceTrusted: false });
    await flush();
    const card = root.querySelector(".approval-pending");
    assert.ok(card, "the card is shown, Allow once and all");
    assert.doesNotMatch(card.textContent ?? "", /Always allow/);
    notify("state/patch", { workspaceTrusted: true });
    await flush();
    assert.match(root.querySelector(".approval-pending")?.textContent ?? "", /Always allow/);
  });
});
