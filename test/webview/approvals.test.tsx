import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import type { ApprovalView } from "../../protocol/webview/viewModel";
import {
  allButtons,
  button,
  click,
  flush,
  hydrate,
  mount,
  notify,
  requests,
  respond,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

function commandApproval(id: string, status: ApprovalView["status"] = "pending"): ApprovalView {
  return {
    id,
    threadId: "thread-1",
    status,
    request: {
      kind: "command",
      params: {
        kind: "command",
        threadId: "thread-1",
        turnId: "t1",
        itemId: "c1",
        startedAtMs: 0,
        environmentId: null,
        reason: "needs network",
        command: "curl https://example.com",
        cwd: "/work/project",
      } as ApprovalView["request"]["params"],
    } as ApprovalView["request"],
  };
}

interface ToolkitElement {
  $fastController: { definition: { shadowOptions?: { delegatesFocus?: boolean } } };
}

const baseThread = () =>
  thread([turn("t1", [userMessage("u1", "do it")], { status: "inProgress" })]);

describe("webview: approvals", () => {
  afterEach(unmount);

  for (const [label, decision] of [
    ["Accept", "accept"],
    ["Accept for this session", "acceptForSession"],
    ["Decline", "decline"],
  ] as const) {
    it(`command: "${label}" posts approval/answer ${decision}`, async () => {
      const { root } = mount();
      hydrate({ thread: baseThread(), approvals: [commandApproval("ap1")] });
      const card = root.querySelector(".approval-pending") as HTMLElement;
      assert.ok(card);
      assert.match(card.textContent ?? "", /curl https:\/\/example\.com/);
      assert.match(card.textContent ?? "", /needs network/);
      click(card, label);
      await flush();
      const sent = requests("approval/answer");
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0]!.params, {
        approvalId: "ap1",
        answer: { kind: "decision", decision },
      });
      // buttons stay disabled until the host answers
      assert.ok(button(card, "Accept").disabled);
      await respond("approval/answer", {});
      assert.ok(!button(root, "Accept").disabled);
    });
  }

  it("approval buttons are real, focusable buttons (reachable by Tab)", async () => {
    const { root } = mount();
    hydrate({ thread: baseThread(), approvals: [commandApproval("ap1")] });
    await flush();
    for (const [name, appearance] of [
      ["Accept", "primary"],
      ["Accept for this session", "secondary"],
      ["Decline", "secondary"],
    ] as const) {
      const b = button(root.querySelector(".approval-pending") as HTMLElement, name);
      assert.equal(b.element.tagName, "VSCODE-BUTTON");
      assert.equal(b.element.getAttribute("appearance"), appearance);
      // the control is a native button in the shadow root, which takes the host's focus
      assert.equal(b.control.tagName, "BUTTON");
      assert.notEqual(b.control.tabIndex, -1);
      assert.ok(!b.control.disabled);
      const controller = (b.element as unknown as ToolkitElement).$fastController;
      assert.equal(controller.definition.shadowOptions?.delegatesFocus, true);
    }
  });

  it("shows cancelled approvals as cancelled, without buttons", () => {
    const { root } = mount();
    hydrate({ thread: baseThread(), approvals: [commandApproval("ap1", "cancelled")] });
    const card = root.querySelector(".approval-cancelled");
    assert.ok(card);
    assert.match(card.textContent ?? "", /Cancelled/);
    assert.deepEqual(allButtons(card), []);
    assert.equal(root.querySelector(".approval-bar"), null, "no pending bar for cancelled");
  });

  it("pins a bar while approvals are pending; Show focuses the card", async () => {
    const { root } = mount();
    hydrate({ thread: baseThread(), approvals: [commandApproval("ap1")] });
    const bar = root.querySelector(".approval-bar") as HTMLElement;
    assert.ok(bar);
    assert.match(bar.textContent ?? "", /waiting for your approval/);
    click(bar, "Show");
    await flush(20);
    const card = root.querySelector(".approval-pending");
    assert.ok(card?.contains(document.activeElement), "focus moved into the approval card");
    notify("state/patch", { approvals: [commandApproval("ap1", "answered")] });
    assert.equal(root.querySelector(".approval-bar"), null);
  });

  it("permissions: grant for session / deny", async () => {
    const { root } = mount();
    const approval: ApprovalView = {
      id: "p1",
      threadId: "thread-1",
      status: "pending",
      request: {
        kind: "permissions",
        params: {
          threadId: "thread-1",
          turnId: "t1",
          itemId: "x",
          environmentId: null,
          startedAtMs: 0,
          cwd: "/w",
          reason: "needs network",
          permissions: { network: { enabled: true }, fileSystem: null },
        },
      },
    };
    hydrate({ thread: baseThread(), approvals: [approval] });
    click(root, "Grant for this session");
    await flush();
    assert.deepEqual(requests("approval/answer")[0]!.params, {
      approvalId: "p1",
      answer: { kind: "permissions", grant: true, scope: "session" },
    });
  });

  it("userInput: radio options, free text and secrets become answers", async () => {
    const { root } = mount();
    const approval: ApprovalView = {
      id: "q1",
      threadId: "thread-1",
      status: "pending",
      request: {
        kind: "userInput",
        params: {
          threadId: "thread-1",
          turnId: "t1",
          itemId: "i1",
          isBlocking: true,
          autoResolutionMs: null,
          questions: [
            {
              id: "color",
              header: "Colour",
              question: "Which colour?",
              isOther: false,
              isSecret: false,
              options: [
                { label: "red", description: "" },
                { label: "blue", description: "" },
              ],
            },
            {
              id: "token",
              header: "Token",
              question: "Paste the token",
              isOther: false,
              isSecret: true,
              options: null,
            },
          ],
        },
      },
    };
    hydrate({ thread: baseThread(), approvals: [approval] });
    const radios = root.querySelectorAll<HTMLInputElement>("input[type=radio]");
    fireEvent.click(radios[1]!);
    const secret = root.querySelector<HTMLInputElement>("input[type=password]");
    assert.ok(secret, "secret questions use a password field");
    fireEvent.input(secret, { target: { value: "s3cret" } });
    click(root, "Send answers");
    await flush();
    assert.deepEqual(requests("approval/answer")[0]!.params, {
      approvalId: "q1",
      answer: { kind: "userInput", answers: { color: ["blue"], token: ["s3cret"] } },
    });
  });

  it("elicitation: a form from requestedSchema, and decline", async () => {
    const { root } = mount();
    const approval: ApprovalView = {
      id: "e1",
      threadId: "thread-1",
      status: "pending",
      request: {
        kind: "elicitation",
        params: {
          threadId: "thread-1",
          turnId: "t1",
          serverName: "jira",
          mode: "form",
          _meta: null,
          message: "Which project?",
          requestedSchema: {
            type: "object",
            properties: {
              project: { type: "string", title: "Project" },
              count: { type: "integer", title: "Count" },
              urgent: { type: "boolean", title: "Urgent" },
            },
            required: ["project"],
          },
        } as ApprovalView["request"]["params"],
      } as ApprovalView["request"],
    };
    hydrate({ thread: baseThread(), approvals: [approval] });
    const inputs = root.querySelectorAll<HTMLInputElement>(".approval-form input");
    fireEvent.input(inputs[0]!, { target: { value: "CODEX" } });
    fireEvent.input(inputs[1]!, { target: { value: "3" } });
    fireEvent.click(inputs[2]!);
    click(root, "Submit");
    await flush();
    assert.deepEqual(requests("approval/answer")[0]!.params, {
      approvalId: "e1",
      answer: {
        kind: "elicitation",
        action: "accept",
        content: { project: "CODEX", count: 3, urgent: true },
      },
    });
    await respond("approval/answer", {});
    click(root, "Decline");
    await flush();
    assert.deepEqual(requests("approval/answer")[1]!.params, {
      approvalId: "e1",
      answer: { kind: "elicitation", action: "decline", content: null },
    });
  });
});
