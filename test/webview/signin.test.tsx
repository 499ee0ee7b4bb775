import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { click, flush, hydrate, mount, notify, requests, unmount, vscode } from "./harness";
import { flushUntil } from "./flushUntil";

describe("webview: sign-in", () => {
  afterEach(unmount);

  it("API key: submit posts account/login, clears the field, never persists the key", async () => {
    const { root } = mount();
    hydrate({ account: { status: "signedOut" } });
    assert.equal(root.querySelector(".composer"), null, "no composer while signed out");
    const input = root.querySelector<HTMLInputElement>("#codex-api-key");
    assert.ok(input);
    assert.equal(input.type, "password");
    // codex does not try the key at sign-in: the form says when it is tried
    const hint = root.querySelector(`#${input.getAttribute("aria-describedby")}`);
    assert.match(hint?.textContent ?? "", /first message tells whether OpenAI accepts it/);
    fireEvent.input(input, { target: { value: "sk-test-123" } });
    fireEvent.submit(input.closest("form")!);
    await flushUntil(() => requests("account/login").length > 0, "account/login");
    assert.deepEqual(requests("account/login")[0]!.params, {
      method: "apiKey",
      apiKey: "sk-test-123",
    });
    assert.equal(input.value, "");
    assert.doesNotMatch(JSON.stringify(vscode.state ?? null), /sk-test-123/);
    const others = vscode.posted.filter((m) => m.method !== "account/login");
    assert.doesNotMatch(JSON.stringify(others), /sk-test-123/);
  });

  it("ChatGPT sign-in posts account/login chatgpt", async () => {
    const { root } = mount();
    hydrate({ account: { status: "signedOut" } });
    click(root, "Sign in with ChatGPT");
    await flush();
    assert.deepEqual(requests("account/login")[0]!.params, { method: "chatgpt" });
  });

  it("device code: shows the code and URL with copy buttons; Cancel cancels", async () => {
    const { root } = mount();
    hydrate({
      account: {
        status: "signingIn",
        flow: {
          kind: "deviceCode",
          loginId: "l1",
          verificationUrl: "https://auth.example/device",
          userCode: "ABCD-1234",
        },
      },
    });
    assert.equal(root.querySelector(".device-code")?.textContent, "ABCD-1234");
    assert.match(root.textContent ?? "", /https:\/\/auth\.example\/device/);
    click(root, "Copy code");
    await flush();
    assert.deepEqual(requests("clipboard/write")[0]!.params, { text: "ABCD-1234" });
    click(root, "Cancel");
    await flush();
    assert.equal(requests("account/cancelLogin").length, 1);
  });

  it("signed in: shows the account and plan, with Sign out", async () => {
    const { root } = mount();
    hydrate();
    click(root, "Account");
    assert.match(root.textContent ?? "", /dev@example\.com/);
    assert.match(root.textContent ?? "", /plus/);
    click(root, "Sign out");
    await flush();
    assert.equal(requests("account/logout").length, 1);
    notify("state/patch", { account: { status: "signedOut" } });
    assert.ok(root.querySelector(".signin"));
  });
});
