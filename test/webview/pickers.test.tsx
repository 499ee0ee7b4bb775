import "./setup";
import * as assert from "node:assert/strict";
import { act, fireEvent } from "@testing-library/preact";
import { hydrate, lastRequest, mount, requests, respond, unmount, viewState } from "./harness";

/** The menu button whose accessible name starts with `name` ("Model: GPT-5 Codex"). */
function picker(root: ParentNode, name: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll<HTMLButtonElement>("button.menu-button")).find(
    (button) => button.getAttribute("aria-label")?.startsWith(`${name}: `),
  );
  assert.ok(found, `a ${name} picker`);
  return found;
}

function openMenu(root: ParentNode, name: string): HTMLElement {
  const button = picker(root, name);
  act(() => button.click());
  assert.equal(button.getAttribute("aria-expanded"), "true");
  const menu = root.querySelector<HTMLElement>(`#${button.getAttribute("aria-controls")}`);
  assert.ok(menu, "the button controls an open listbox");
  assert.equal(menu.getAttribute("role"), "listbox");
  return menu;
}

function options(menu: HTMLElement) {
  return Array.from(menu.querySelectorAll<HTMLElement>('[role="option"]'));
}

function optionLabels(menu: HTMLElement): string[] {
  return options(menu).map((option) => option.querySelector(".menu-item-label")!.textContent!);
}

function activeLabel(menu: HTMLElement): string | null | undefined {
  const id = menu.getAttribute("aria-activedescendant");
  return id ? menu.querySelector(`#${id} .menu-item-label`)?.textContent : null;
}

function press(element: Element, key: string) {
  fireEvent.keyDown(element, { key });
}

describe("webview: pickers", () => {
  afterEach(unmount);

  it("model and effort are menu buttons that name the model, and post models/choose", async () => {
    const { root } = mount();
    hydrate();
    // "default" shows the model codex uses by default, not the word "Default"
    assert.equal(picker(root, "Model").getAttribute("aria-label"), "Model: GPT-5 Codex");
    assert.equal(picker(root, "Reasoning effort").textContent, "Medium");
    assert.equal(root.querySelector("select"), null, "no native selects");

    const menu = openMenu(root, "Model");
    assert.deepEqual(optionLabels(menu), ["Default", "GPT-5 Codex", "GPT-5 mini"]);
    assert.equal(
      menu.querySelector('[aria-selected="true"] .menu-item-label')?.textContent,
      "Default",
    );
    assert.match(options(menu)[0]!.textContent ?? "", /GPT-5 Codex/, "Default says which model");
    act(() => options(menu)[2]!.click());
    assert.equal(root.querySelector('[role="listbox"]'), null, "a pick closes the menu");
    assert.deepEqual(lastRequest("models/choose").params, { model: "gpt-5-mini", effort: null });
    await respond("models/choose", { applied: true });
    assert.equal(picker(root, "Model").getAttribute("aria-label"), "Model: GPT-5 mini");

    const efforts = openMenu(root, "Reasoning effort");
    assert.deepEqual(
      optionLabels(efforts),
      ["Default (Low)", "Low"],
      "efforts of the chosen model",
    );
    press(efforts, "Escape");

    const again = openMenu(root, "Model");
    act(() => options(again)[0]!.click());
    assert.deepEqual(lastRequest("models/choose").params, { model: null, effort: null });
  });

  it("the keyboard opens, moves through and picks in a menu; Escape closes it", () => {
    const { root } = mount();
    hydrate();
    const button = picker(root, "Reasoning effort");
    press(button, "ArrowDown");
    const menu = root.querySelector<HTMLElement>('[role="listbox"]')!;
    assert.ok(menu, "ArrowDown opens the menu");
    assert.equal(document.activeElement, menu, "the menu takes focus");
    assert.equal(activeLabel(menu), "Default (Medium)", "starting at the current choice");
    press(menu, "ArrowDown");
    press(menu, "ArrowDown");
    assert.equal(activeLabel(menu), "Medium");
    press(menu, "End");
    assert.equal(activeLabel(menu), "High");
    press(menu, "ArrowDown");
    assert.equal(activeLabel(menu), "Default (Medium)", "wraps around");
    press(menu, "Home");
    press(menu, "ArrowUp");
    assert.equal(activeLabel(menu), "High");
    press(menu, "Escape");
    assert.equal(root.querySelector('[role="listbox"]'), null);
    assert.equal(document.activeElement, button, "focus returns to the button");
    assert.equal(button.getAttribute("aria-expanded"), "false");

    press(button, "ArrowUp");
    const again = root.querySelector<HTMLElement>('[role="listbox"]')!;
    assert.equal(activeLabel(again), "High", "ArrowUp opens at the last choice");
    press(again, "Enter");
    assert.deepEqual(lastRequest("models/choose").params, { effort: "high" });
    assert.equal(button.textContent, "High");
  });

  it("reverts the mode when the host answers applied:false (full access is confirmed by the host)", async () => {
    const { root } = mount();
    hydrate({ modelChoice: { ...viewState().modelChoice, mode: "agent" } });
    const menu = openMenu(root, "Mode");
    assert.deepEqual(optionLabels(menu), ["Chat", "Agent", "Agent (full access)", "Plan"]);
    act(() => options(menu)[2]!.click());
    assert.deepEqual(lastRequest("models/choose").params, { mode: "agentFullAccess" });
    assert.equal(picker(root, "Mode").getAttribute("aria-label"), "Mode: Full access");
    await respond("models/choose", { applied: false });
    assert.equal(picker(root, "Mode").getAttribute("aria-label"), "Mode: Agent");
  });

  it("a failed choice reverts and says why, under the row of controls", async () => {
    const { root } = mount();
    hydrate();
    const menu = openMenu(root, "Model");
    act(() => options(menu)[2]!.click());
    await respond("models/choose", "The model list changed.", false);
    assert.equal(picker(root, "Model").getAttribute("aria-label"), "Model: GPT-5 Codex");
    const error = root.querySelector(".composer-toolbar > .pickers-error [role='alert']");
    assert.match(error?.textContent ?? "", /The model list changed/);
  });

  it("Restricted Mode: shows Chat in effect, Agent and Full access off with the reason, Plan (read-only) on", () => {
    const { root } = mount();
    hydrate({
      workspaceTrusted: false,
      modelChoice: { ...viewState().modelChoice, mode: "agent" },
    });
    assert.equal(picker(root, "Mode").getAttribute("aria-label"), "Mode: Chat");
    const menu = openMenu(root, "Mode");
    const [chat, agent, full, plan] = options(menu);
    assert.equal(chat!.getAttribute("aria-disabled"), null);
    assert.equal(plan!.getAttribute("aria-disabled"), null);
    for (const option of [agent!, full!]) {
      assert.equal(option.getAttribute("aria-disabled"), "true");
      assert.match(option.textContent ?? "", /Off in Restricted Mode: trust this folder to use it/);
    }
    act(() => full!.click());
    assert.ok(root.querySelector('[role="listbox"]'), "the menu stays open");
    assert.equal(requests("models/choose").length, 0, "nothing was chosen");
  });
});
