import assert from "node:assert/strict";

import { AccountController, deriveAccountView } from "../../../extension/bridge/account";
import { ChatState } from "../../../extension/bridge/chatState";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import { fakePort, nullLogger } from "./fakePort";

describe("account", () => {
  it("derives the view from account/read", () => {
    assert.deepEqual(
      deriveAccountView({ account: null, userId: null, requiresOpenaiAuth: false }),
      { status: "notRequired" },
    );
    assert.deepEqual(deriveAccountView({ account: null, userId: null, requiresOpenaiAuth: true }), {
      status: "signedOut",
    });
    assert.deepEqual(
      deriveAccountView({ account: { type: "apiKey" }, userId: null, requiresOpenaiAuth: true }),
      { status: "signedIn", account: { type: "apiKey" } },
    );
  });

  function setup() {
    const port = fakePort();
    const state = new ChatState();
    const logger = nullLogger();
    const opened: string[] = [];
    const controller = new AccountController({
      port,
      state,
      logger,
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
    });
    port.onNotification(notificationDispatcher([controller.notifications]));
    return { port, state, logger, opened, controller };
  }

  it("reads the account without refreshing tokens", async () => {
    const { port, state, controller } = setup();
    port.answer("account/read", { account: null, userId: null, requiresOpenaiAuth: false });
    await controller.refresh();
    assert.deepEqual(port.calls[0], { method: "account/read", params: { refreshToken: false } });
    assert.equal(state.snapshot.account.status, "notRequired");
  });

  it("sends an API key straight to codex and never logs or keeps it", async () => {
    const { port, state, logger, controller } = setup();
    const key = "sk-test-SECRET-123";
    let signedIn = false;
    port.answer("account/login/start", () => {
      signedIn = true;
      return { type: "apiKey" };
    });
    port.answer("account/read", () => ({
      account: signedIn ? { type: "apiKey" } : null,
      userId: null,
      requiresOpenaiAuth: true,
    }));
    await controller.login({ method: "apiKey", apiKey: key });
    assert.deepEqual(port.calls[0], {
      method: "account/login/start",
      params: { type: "apiKey", apiKey: key },
    });
    assert.equal(state.snapshot.account.status, "signedIn");
    assert.ok(!JSON.stringify(state.snapshot).includes(key), "not in the view state");
    assert.ok(!logger.lines.join("\n").includes(key), "not in the log");
  });

  it("a failed API-key login shows the error, not the key", async () => {
    const { port, state, logger, controller } = setup();
    port.answer("account/login/start", () => {
      throw new Error("invalid api key");
    });
    await controller.login({ method: "apiKey", apiKey: "sk-SECRET" });
    assert.deepEqual(state.snapshot.account, { status: "signedOut", error: "invalid api key" });
    assert.ok(!logger.lines.join("\n").includes("sk-SECRET"));
  });

  it("opens the browser for ChatGPT sign-in and finishes on login/completed", async () => {
    const { port, state, opened, controller } = setup();
    port.answer("account/login/start", {
      type: "chatgpt",
      loginId: "L1",
      authUrl: "https://auth.example/x",
    });
    await controller.login({ method: "chatgpt" });
    assert.deepEqual(opened, ["https://auth.example/x"]);
    assert.deepEqual(state.snapshot.account, {
      status: "signingIn",
      flow: { kind: "browser", loginId: "L1", authUrl: "https://auth.example/x" },
    });
    port.answer("account/read", {
      account: { type: "chatgpt", email: "a@b.c", planType: "plus", workspaceName: null },
      userId: "u",
      requiresOpenaiAuth: true,
    });
    port.emit({
      method: "account/login/completed",
      params: { loginId: "L1", success: true, error: null, onboardingEntrypoint: null },
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(state.snapshot.account.status, "signedIn");
  });

  it("shows the device code flow and a failed completion", async () => {
    const { port, state, controller } = setup();
    port.answer("account/login/start", {
      type: "chatgptDeviceCode",
      loginId: "L2",
      verificationUrl: "https://auth.example/device",
      userCode: "ABCD-EFGH",
    });
    await controller.login({ method: "deviceCode" });
    assert.equal(state.snapshot.account.status, "signingIn");
    port.emit({
      method: "account/login/completed",
      params: { loginId: "L2", success: false, error: "expired", onboardingEntrypoint: null },
    });
    assert.deepEqual(state.snapshot.account, { status: "signedOut", error: "expired" });
  });

  it("cancels a running login and logs out", async () => {
    const { port, state, controller } = setup();
    state.setAccount({
      status: "signingIn",
      flow: { kind: "browser", loginId: "L3", authUrl: "https://a" },
    });
    port.answer("account/login/cancel", { status: "canceled" });
    port.answer("account/read", { account: null, userId: null, requiresOpenaiAuth: true });
    await controller.cancelLogin();
    assert.ok(port.calls.some((c) => c.method === "account/login/cancel"));
    assert.equal(state.snapshot.account.status, "signedOut");
    port.answer("account/logout", {});
    await controller.logout();
    assert.ok(port.calls.some((c) => c.method === "account/logout"));
  });

  it("keeps rate limits from account/rateLimits/updated", () => {
    const { port, state } = setup();
    const rateLimits = { limitId: null, limitName: null, primary: null, secondary: null } as never;
    port.emit({ method: "account/rateLimits/updated", params: { rateLimits } });
    assert.equal(state.snapshot.rateLimits, rateLimits);
  });
});
