import "./setup";
import * as assert from "node:assert/strict";
import { registerToolkit } from "../../webview/toolkit";
import {
  allButtons,
  button,
  click,
  flush,
  hydrate,
  mount,
  requests,
  respond,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

describe("webview: toolkit components", () => {
  afterEach(unmount);

  it("registers once; the elements are upgraded with a shadow DOM", () => {
    mount();
    registerToolkit();
    registerToolkit();
    for (const tag of [
      "vscode-button",
      "vscode-badge",
      "vscode-tag",
      "vscode-divider",
      "vscode-progress-ring",
    ])
      assert.ok(customElements.get(tag), `${tag} is defined`);
  });

  it("icon buttons: the host's aria-label names the inner <button>", async () => {
    const { root } = mount();
    hydrate();
    await flush();
    const header = root.querySelector(".header") as HTMLElement;
    const found = allButtons(header);
    assert.deepEqual(
      found.map((b) => [b.name, b.element.getAttribute("appearance")]),
      [
        ["History", "icon"],
        ["Account", "icon"],
      ],
    );
    for (const b of found) {
      assert.equal(b.control.getAttribute("aria-label"), b.element.getAttribute("aria-label"));
      assert.equal(b.control.textContent?.trim(), "", "icon only: the name is the aria-label");
    }
  });

  it("toggle buttons forward aria-pressed to the inner <button>", async () => {
    const { root } = mount();
    hydrate();
    await flush();
    assert.equal(button(root, "History").control.getAttribute("aria-pressed"), "false");
    click(root, "History");
    await flush();
    assert.equal(button(root, "History").control.getAttribute("aria-pressed"), "true");
    assert.equal(button(root, "Account").control.getAttribute("aria-pressed"), "false");
    click(root, "History");
    await flush();
    assert.equal(button(root, "History").control.getAttribute("aria-pressed"), "false");
  });

  it("a disabled toolkit button ignores clicks, also on its slotted icon", async () => {
    const { root } = mount();
    hydrate();
    click(root, "History");
    await respond("history/list", {
      threads: [
        {
          id: "a",
          name: "Old",
          title: "Old",
          preview: "",
          cwd: "/w",
          updatedAt: Math.floor(Date.now() / 1000),
          modelProvider: "openai",
        },
      ],
      nextCursor: null,
    });
    click(root, "Fork Old");
    await flush();
    // the row is busy until the host answers
    const archive = button(root, "Archive Old");
    assert.ok(archive.disabled && archive.element.hasAttribute("disabled"));
    archive.control.click();
    (archive.element.querySelector(".codicon") as HTMLElement).click();
    archive.element.click();
    await flush();
    assert.equal(requests("history/archive").length, 0);
    await respond("history/fork", {});
  });

  it("loading states: a progress ring hidden from AT inside a labelled status", () => {
    const { root } = mount();
    const status = root.querySelector(".booting [role=status]");
    assert.ok(status, "booting shows a status");
    assert.match(status.textContent ?? "", /Loading/);
    const ring = status.querySelector("vscode-progress-ring");
    assert.ok(ring?.shadowRoot, "the ring is an upgraded toolkit element");
    assert.equal(ring.getAttribute("aria-hidden"), "true");
  });

  it("the pending-approval count is a badge", async () => {
    const { root } = mount();
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]),
      approvals: ["a", "b"].map((id) => ({
        id,
        threadId: "thread-1",
        status: "pending" as const,
        request: {
          kind: "permissions" as const,
          params: {
            threadId: "thread-1",
            turnId: "t1",
            itemId: id,
            environmentId: null,
            startedAtMs: 0,
            cwd: "/w",
            reason: null,
            permissions: { network: { enabled: true }, fileSystem: null },
          },
        },
      })),
    });
    const badge = root.querySelector(".approval-bar vscode-badge");
    assert.equal(badge?.textContent, "2");
    assert.equal(badge?.getAttribute("aria-hidden"), "true", "the text says it already");
    assert.match(root.querySelector(".approval-bar")?.textContent ?? "", /2 approvals/);
  });
});
