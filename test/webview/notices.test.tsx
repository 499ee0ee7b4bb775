import "./setup";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { NoticeView, TurnError } from "../../protocol/webview/viewModel";
import {
  allButtons,
  click,
  hydrate,
  lastRequest,
  mount,
  notify,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

const notice = (id: string, message: string, patch: Partial<NoticeView> = {}): NoticeView => ({
  id,
  level: "warning",
  message,
  details: null,
  ...patch,
});

function shownMessages(root: HTMLElement): string[] {
  return [...root.querySelectorAll(".notices .notice-message")].map((el) => el.textContent ?? "");
}

describe("webview: the notice stack", () => {
  afterEach(unmount);

  it("shows the newest notice; the others fold under 'N more' and expand", () => {
    const { root } = mount();
    hydrate({
      notices: [notice("n1", "first"), notice("n2", "second"), notice("n3", "newest")],
    });
    assert.deepEqual(shownMessages(root), ["newest"]);
    click(root, "2 more");
    assert.deepEqual(shownMessages(root), ["newest", "second", "first"]);
    click(root, "Show less");
    assert.deepEqual(shownMessages(root), ["newest"]);
  });

  it("sits above the transcript and the composer, never inside or after them", () => {
    const { root } = mount();
    hydrate({ notices: [notice("n1", "Reconnecting… 3 of 5")] });
    const app = root.querySelector(".app")!;
    const order = [...app.children].map((el) => el.className.split(" ")[0]);
    assert.ok(order.indexOf("notices") < order.indexOf("main"), order.join(","));
    assert.ok(root.querySelector("textarea"), "the composer is there");
    // The cap that keeps the stack to a third of the view (the layout is checked in Chromium).
    const css = readFileSync(path.join(__dirname, "../../webview/styles/index.css"), "utf8");
    assert.match(css, /\.notices \{[^}]*max-height: 33vh/);
  });

  it("shows a repeat count, and Don't show again / Open config.toml ask the host", () => {
    const { root } = mount();
    hydrate({
      notices: [
        notice("n1", "Model has no metadata", {
          level: "info",
          count: 3,
          actions: [{ kind: "dontShowAgain" }],
        }),
      ],
    });
    assert.match(shownMessages(root)[0]!, /×3/);
    click(root, "Don't show again");
    assert.deepEqual(lastRequest("notice/dismiss").params, { noticeId: "n1", forever: true });
    notify("state/patch", {
      notices: [
        notice("n2", "Invalid configuration; using defaults.\n/h/.codex/config.toml, line 8: bad", {
          actions: [{ kind: "openFile", path: "/h/.codex/config.toml", line: 8 }],
        }),
      ],
    });
    assert.match(shownMessages(root)[0]!, /config\.toml, line 8: bad/);
    click(root, "Open config.toml");
    assert.deepEqual(lastRequest("notice/openFile").params, { noticeId: "n2" });
  });

  it("a failed turn says why in plain words, once, with Retry (codex's message under Details)", () => {
    const { root } = mount();
    const error: TurnError = {
      message:
        "unexpected status 401 Unauthorized: Incorrect API key, url: https://api.openai.com/v1/responses",
      codexErrorInfo: { httpConnectionFailed: { httpStatusCode: 401 } },
      additionalDetails: null,
      misalignment: null,
    };
    hydrate({
      account: { status: "signedIn", account: { type: "apiKey" } },
      thread: thread([turn("t1", [userMessage("u1", "hi")], { status: "failed", error })]),
    });
    const text = root.querySelector(".turn-error")?.textContent ?? "";
    assert.match(text, /The API key was rejected — sign in again\./);
    assert.doesNotMatch(text, /api\.openai\.com/, "codex's raw message waits under Details");
    assert.equal(root.querySelectorAll(".notice-error").length, 1, "shown once");
    click(root, "Retry");
    assert.deepEqual(lastRequest("turn/retry").params, { turnId: "t1" });
    assert.ok(allButtons(root).some((b) => b.name === "Sign in again"));
  });

  it("a network failure with a custom provider names the provider, not OpenAI", () => {
    const { root } = mount();
    hydrate({
      account: { status: "notRequired" },
      thread: thread([
        turn("t1", [userMessage("u1", "hi")], {
          status: "failed",
          error: {
            message: "stream disconnected before completion: error sending request",
            codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } },
            additionalDetails: null,
            misalignment: null,
          },
        }),
      ]),
    });
    assert.match(
      root.querySelector(".turn-error")?.textContent ?? "",
      /Can't reach the model provider — check your network or proxy\./,
    );
  });

  it("the sign-in form has the view: no thread header above it", () => {
    const { root } = mount();
    hydrate({ account: { status: "signedOut" } });
    assert.equal(root.querySelector(".header"), null);
    assert.ok(root.querySelector(".signin, form, input"), "the sign-in form is shown");
  });

  it("with codex failed, no endless 'Checking your account…' under the failure", () => {
    const { root } = mount();
    hydrate({
      account: { status: "unknown" },
      connection: { kind: "failed", reason: "spawn ENOENT", details: [] },
    });
    assert.doesNotMatch(root.textContent ?? "", /Checking your account/);
    assert.match(root.textContent ?? "", /could not be restarted/);
  });
});
