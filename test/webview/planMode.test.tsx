import "./setup";
import * as assert from "node:assert/strict";
import { act, fireEvent } from "@testing-library/preact";
import { splitPlan } from "../../webview/components/items/planSteps";
import type { ThreadItem } from "../../protocol/webview/viewModel";
import {
  agentMessage,
  button,
  click,
  findButton,
  flush,
  hydrate,
  lastRequest,
  mount,
  requests,
  respond,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
  viewState,
} from "./harness";

const PLAN = [
  "# Greeting",
  "",
  "Intro line.",
  "",
  "1. Read **`app.js`**",
  "2. Add `greet()`",
  "   with a fallback",
  "",
  "   ```js",
  "   1. not a step",
  "   ```",
  "3. Test it",
  "",
  "## Risks",
  "",
  "- Slow start",
].join("\n");

const planItem = (text = PLAN, id = "plan-1"): ThreadItem => ({ type: "plan", id, text });

function planState(patch: Parameters<typeof viewState>[0] = {}) {
  return {
    modelChoice: {
      ...viewState().modelChoice,
      mode: "plan" as const,
      modeBeforePlan: "chat" as const,
    },
    thread: thread([turn("t1", [userMessage("u1", "Plan a greeting"), planItem()])]),
    ...patch,
  };
}

const stepNumbers = (root: ParentNode) =>
  Array.from(root.querySelectorAll(".plandoc-step-number")).map((n) => n.textContent);

describe("webview: plan steps", () => {
  it("cuts a plan into its top-level list items, numbered through the plan", () => {
    const blocks = splitPlan(PLAN);
    assert.deepEqual(
      blocks.map((block) => (block.kind === "step" ? `${block.index}:${block.summary}` : "text")),
      ["text", "0:Read app.js", "1:Add greet()", "2:Test it", "text", "3:Slow start"],
    );
    const second = blocks[2];
    assert.ok(second?.kind === "step");
    // Continuation lines and a fenced block (whose "1." is no step) stay with their step.
    assert.equal(second.markdown, "Add `greet()`\nwith a fallback\n\n```js\n1. not a step\n```");
  });

  it("a plan without a list is one block of text", () => {
    assert.deepEqual(splitPlan("Just do it.\n"), [{ kind: "text", markdown: "Just do it." }]);
  });
});

describe("webview: plan document", () => {
  afterEach(unmount);

  it("shows the plan as numbered steps with Implement this plan, back to the mode before", async () => {
    const { root } = mount();
    hydrate(planState());
    const doc = root.querySelector(".plan-document");
    assert.ok(doc, "a plan document");
    assert.equal(doc.getAttribute("aria-label"), "Proposed plan");
    assert.deepEqual(stepNumbers(doc), ["1.", "2.", "3.", "4."]);
    assert.match(doc.textContent ?? "", /Switches back to Chat and continues this thread/);
    click(root, "Implement this plan");
    assert.deepEqual(lastRequest("plan/implement").params, {});
    await respond("plan/implement", { applied: true });
  });

  it("offers Implement only under the latest plan, once its turn is over", () => {
    const { root } = mount();
    hydrate(
      planState({
        thread: thread([
          turn("t1", [planItem()]),
          turn("t2", [userMessage("u2", "more"), agentMessage("a2", "ok")]),
        ]),
      }),
    );
    assert.equal(findButton(root, "Implement this plan"), undefined, "a later turn exists");
    hydrate(planState({ thread: thread([turn("t1", [planItem()], { status: "inProgress" })]) }));
    assert.equal(findButton(root, "Implement this plan"), undefined, "still planning");
    assert.equal(findButton(root, /Comment on step/), undefined, "no comments while it streams");
  });

  it("comments on one step: the box, the request, the comment shown, edit and remove", async () => {
    const { root } = mount();
    hydrate(planState());
    click(root, "Comment on step 2");
    const box = root.querySelector<HTMLTextAreaElement>(".plan-comment-input");
    assert.ok(box, "a comment box under the step");
    assert.equal(document.activeElement, box, "the box takes the focus");
    act(() => {
      fireEvent.input(box, { target: { value: "Name it hello()" } });
    });
    act(() => {
      fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    });
    assert.deepEqual(lastRequest("plan/comment").params, {
      itemId: "plan-1",
      step: 1,
      stepText: "Add greet()",
      text: "Name it hello()",
    });
    await respond("plan/comment", {});
    assert.equal(root.querySelector(".plan-comment-input"), null, "the box closes");

    // The host keeps the comments; the view shows what it says.
    threadEvents("thread-1", [
      {
        type: "planCommentsChanged",
        comments: [{ itemId: "plan-1", step: 1, stepText: "Add greet()", text: "Name it hello()" }],
      },
    ]);
    await flush();
    assert.match(root.querySelector(".plan-comment")?.textContent ?? "", /Name it hello\(\)/);
    assert.equal(findButton(root, "Comment on step 2"), undefined, "edit it instead");
    // The bar above the message box says it goes with the next message.
    assert.match(
      root.querySelector(".plan-mode-bar")?.textContent ?? "",
      /1 comment on the plan goes with your next message/,
    );
    click(root, "Remove comment");
    assert.deepEqual(lastRequest("plan/comment").params, {
      itemId: "plan-1",
      step: 1,
      stepText: "Add greet()",
      text: "",
    });
    click(root, "Edit comment");
    assert.equal(
      root.querySelector<HTMLTextAreaElement>(".plan-comment-input")?.value,
      "Name it hello()",
    );
    click(root, "Cancel");
    assert.equal(root.querySelector(".plan-comment-input"), null);
  });
});

describe("webview: plan mode bar", () => {
  afterEach(unmount);

  it("says Plan mode is on and leaves it in one click, for the mode before", async () => {
    const { root } = mount();
    hydrate(planState());
    const bar = root.querySelector(".plan-mode-bar");
    assert.match(bar?.textContent ?? "", /Plan mode: Codex plans and changes nothing\./);
    assert.equal(button(root, /^Leave plan mode/).name, "Leave plan mode — Back to Chat");
    click(root, /^Leave plan mode/);
    assert.deepEqual(lastRequest("models/choose").params, { mode: "chat" });
    await respond("models/choose", { applied: true });
  });

  it("is gone outside Plan mode with no comments waiting", () => {
    const { root } = mount();
    hydrate(planState({ modelChoice: viewState().modelChoice }));
    assert.equal(root.querySelector(".plan-mode-bar"), null);
    assert.equal(requests("models/choose").length, 0);
  });

  it("the mode picker offers Plan, off with the reason when codex has none", () => {
    const { root } = mount();
    hydrate({ modelChoice: { ...viewState().modelChoice, planModeSupported: false } });
    const picker = Array.from(root.querySelectorAll<HTMLButtonElement>("button.menu-button")).find(
      (b) => b.getAttribute("aria-label")?.startsWith("Mode: "),
    )!;
    act(() => picker.click());
    const plan = Array.from(root.querySelectorAll<HTMLElement>('[role="option"]')).find(
      (option) => option.querySelector(".menu-item-label")?.textContent === "Plan",
    );
    assert.ok(plan, "a Plan entry");
    assert.equal(plan.getAttribute("aria-disabled"), "true");
    assert.match(plan.textContent ?? "", /This codex has no plan mode/);
  });
});

describe("webview: thread goal", () => {
  afterEach(unmount);

  it("shows the goal with its status under the header, clears it with /goal clear", async () => {
    const { root } = mount();
    const goal = {
      threadId: "thread-1",
      objective: "Ship plan mode",
      status: "active" as const,
      tokenBudget: null,
      tokensUsed: 0,
      timeUsedSeconds: 0,
      createdAt: 1,
      updatedAt: 1,
    };
    hydrate({ thread: thread([], { goal }) });
    const line = root.querySelector(".goal-line");
    assert.ok(line, "a goal line");
    assert.match(line.textContent ?? "", /Ship plan mode/);
    assert.equal(line.querySelector(".goal-status")?.textContent, "Active");
    threadEvents("thread-1", [{ type: "goalChanged", goal: { ...goal, status: "complete" } }]);
    await flush();
    assert.equal(root.querySelector(".goal-status")?.textContent, "Complete");
    click(root, "Clear goal");
    assert.deepEqual(lastRequest("chat/slashCommand").params, { command: "goal", args: ["clear"] });
    threadEvents("thread-1", [{ type: "goalChanged", goal: null }]);
    await flush();
    assert.equal(root.querySelector(".goal-line"), null);
  });
});
