import "./setup";
import * as assert from "node:assert/strict";
import { click, flush, hydrate, mount, notify, requests, unmount } from "./harness";

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
});
