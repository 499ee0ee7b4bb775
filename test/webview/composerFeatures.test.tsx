import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent, waitFor } from "@testing-library/preact";
import { de } from "../../webview/l10n/de";
import { attachedFilesText } from "../../protocol/webview/attachedFiles";
import { SLASH_COMMANDS } from "../../protocol/webview/slashCommands";
import { MAX_IMAGE_BYTES } from "../../webview/components/imageAttachments";
import {
  click,
  flush,
  hydrate,
  lastRequest,
  mount,
  notify,
  requests,
  respond,
  thread,
  turn,
  unmount,
  vscode,
} from "./harness";
import { flushUntil } from "./flushUntil";

function setup(patch: Parameters<typeof hydrate>[0] = {}) {
  const { root } = mount();
  hydrate(patch);
  const textarea = root.querySelector<HTMLTextAreaElement>("textarea")!;
  return { root, textarea };
}

/** Types `value` with the caret at its end (or at `caret`). */
function type(textarea: HTMLTextAreaElement, value: string, caret = value.length) {
  textarea.value = value;
  textarea.setSelectionRange(caret, caret);
  fireEvent.input(textarea);
}

function key(textarea: HTMLTextAreaElement, name: string) {
  fireEvent.keyDown(textarea, { key: name });
}

function options(root: HTMLElement) {
  return Array.from(root.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]'));
}

function selected(root: HTMLElement): string | undefined {
  return (
    options(root).find((option) => option.getAttribute("aria-selected") === "true")?.textContent ??
    undefined
  );
}

const files = [
  { path: "/w/src/app.ts", label: "app.ts", description: "src" },
  { path: "/w/test/app.test.ts", label: "app.test.ts", description: "test" },
];

describe("webview: composer @-mentions, slash commands, images, editor context", () => {
  afterEach(unmount);

  describe("@-mentions", () => {
    it("searches after a short pause, lists files, picks with the keyboard", async () => {
      const { root, textarea } = setup();
      type(textarea, "look at @a");
      type(textarea, "look at @ap");
      type(textarea, "look at @app");
      assert.equal(requests("composer/searchFiles").length, 0, "debounced");
      await flushUntil(() => requests("composer/searchFiles").length > 0, "the file search");
      assert.equal(requests("composer/searchFiles").length, 1, "one request for fast typing");
      assert.deepEqual(lastRequest("composer/searchFiles").params, { query: "app" });
      await respond("composer/searchFiles", { files });

      const listbox = root.querySelector('[role="listbox"]')!;
      assert.equal(listbox.getAttribute("aria-label"), "Files and context");
      assert.equal(textarea.getAttribute("aria-expanded"), "true");
      assert.equal(textarea.getAttribute("aria-controls"), listbox.id);
      assert.equal(options(root).length, 2);
      assert.match(selected(root) ?? "", /app\.ts\s*src/);

      key(textarea, "ArrowDown");
      assert.match(selected(root) ?? "", /app\.test\.ts/);
      assert.equal(
        textarea.getAttribute("aria-activedescendant"),
        options(root)[1]!.id,
        "the textarea points at the highlighted option",
      );
      key(textarea, "ArrowDown");
      assert.match(selected(root) ?? "", /^app\.ts/, "wraps around");
      key(textarea, "ArrowUp");
      key(textarea, "Enter");
      await flush();

      assert.equal(requests("chat/send").length, 0, "Enter picked, it did not send");
      assert.equal(textarea.value, "look at ");
      assert.equal(root.querySelector('[role="listbox"]'), null);
      assert.match(root.querySelector(".attachments")?.textContent ?? "", /app\.test\.ts/);

      type(textarea, "look at this");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, {
        text: "look at this",
        attachments: [{ kind: "file", path: "/w/test/app.test.ts" }],
      });
    });

    it("Tab picks too; Escape closes the popup without clearing the text", async () => {
      const { root, textarea } = setup();
      type(textarea, "@app");
      await flushUntil(() => requests("composer/searchFiles").length === 1, "the file search");
      await respond("composer/searchFiles", { files });
      key(textarea, "Escape");
      assert.equal(root.querySelector('[role="listbox"]'), null);
      assert.equal(textarea.value, "@app");

      type(textarea, "x @app");
      // The same query again: its results are still there, no new search is needed.
      await flushUntil(() => root.querySelector('[role="listbox"]'), "the popup again");
      await respond("composer/searchFiles", { files });
      key(textarea, "Tab");
      await flush();
      assert.equal(textarea.value, "x ");
      assert.match(root.querySelector(".attachments")?.textContent ?? "", /app\.ts/);
    });

    it("a mention closed with Escape stays closed; a new one where it stood opens again", async () => {
      const { root, textarea } = setup();
      type(textarea, "@term");
      await flushUntil(() => requests("composer/searchFiles").length === 1, "the search");
      await respond("composer/searchFiles", { files });
      key(textarea, "Escape");
      type(textarea, "@termi");
      await flush();
      assert.equal(root.querySelector('[role="listbox"]'), null, "the same mention stays closed");
      // The box cleared and a new mention typed at the same place (what code-server showed: the
      // menu never opened again at the start of the box).
      type(textarea, "");
      await flush();
      type(textarea, "@app");
      await flushUntil(() => requests("composer/searchFiles").length >= 2, "the new search");
      await respond("composer/searchFiles", { files });
      await flushUntil(
        () => root.querySelector('[role="listbox"]'),
        "the popup for the new mention",
      );
    });

    it("ignores a late answer to an older query", async () => {
      const { root, textarea } = setup();
      type(textarea, "@a");
      await flushUntil(() => requests("composer/searchFiles").length === 1, "the first search");
      const first = lastRequest("composer/searchFiles");
      type(textarea, "@ap");
      await flushUntil(() => requests("composer/searchFiles").length === 2, "the second search");
      await respond("composer/searchFiles", { files: [files[0]] });
      // The answer to "@a" arrives last; it must not replace the newer results.
      notifyResponse(first.id!, { files: [{ path: "/w/a.md", label: "a.md", description: "" }] });
      await flush();
      assert.deepEqual(
        options(root).map((option) => option.textContent),
        ["app.tssrc"],
      );
    });

    it("an e-mail address is not a mention", async () => {
      const { textarea } = setup();
      type(textarea, "mail me@example");
      // A quiet period past the 30 ms debounce: only the absence of a request can be checked.
      await flush(40);
      assert.equal(requests("composer/searchFiles").length, 0);
    });
  });

  describe("slash commands", () => {
    it("offers matching commands with localised descriptions; Tab completes, Enter runs", async () => {
      const { root, textarea } = setup();
      type(textarea, "/");
      assert.equal(options(root).length, SLASH_COMMANDS.length);
      type(textarea, "/rev");
      assert.equal(options(root).length, 1);
      assert.match(options(root)[0]!.textContent ?? "", /\/review \[base-branch\]/);
      assert.match(options(root)[0]!.textContent ?? "", /Review the current changes/);
      key(textarea, "Tab");
      await flush();
      assert.equal(textarea.value, "/review ");
      assert.equal(root.querySelector('[role="listbox"]'), null);

      type(textarea, "/review main");
      key(textarea, "Enter");
      assert.equal(requests("chat/send").length, 0);
      assert.deepEqual(lastRequest("chat/slashCommand").params, {
        command: "review",
        args: ["main"],
      });
      await respond("chat/slashCommand", {});
      assert.equal(textarea.value, "");
    });

    it("Enter on a highlighted command without arguments completes it; Enter again runs it", async () => {
      const { textarea } = setup();
      type(textarea, "/st");
      key(textarea, "Enter");
      await flush();
      assert.equal(textarea.value, "/status");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/slashCommand").params, { command: "status", args: [] });
    });

    it("shows the host's error for a failed command and keeps the text", async () => {
      const { root, textarea } = setup();
      type(textarea, "/compact");
      key(textarea, "Enter");
      await respond("chat/slashCommand", "There is no conversation to compact yet.", false);
      assert.match(root.textContent ?? "", /no conversation to compact/);
      assert.equal(textarea.value, "/compact");
    });

    it("text that only looks like a command is sent as a message", () => {
      const { textarea } = setup();
      type(textarea, "/unknown thing");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, {
        text: "/unknown thing",
        attachments: [],
      });
    });
  });

  describe("images", () => {
    it("a pasted image becomes a removable chip and is sent as an image attachment", async () => {
      const { root, textarea } = setup();
      // happy-dom's File (Node's own File is a global too, but happy-dom's FileReader reads only its own).
      const DomFile = (window as unknown as { File: typeof File }).File;
      const png = new DomFile([new Uint8Array([137, 80, 78, 71])], "shot.png", {
        type: "image/png",
      });
      fireEvent.paste(textarea, { clipboardData: { files: [png], types: ["Files"] } });
      // FileReader finishes when it finishes; a loaded machine needs more than a fixed wait.
      await waitFor(() =>
        assert.match(root.querySelector(".attachments")?.textContent ?? "", /shot\.png/),
      );
      key(textarea, "Enter");
      const sent = lastRequest("chat/send").params as {
        attachments: { kind: string; name: string; dataUrl: string }[];
      };
      assert.equal(sent.attachments[0]!.kind, "image");
      assert.equal(sent.attachments[0]!.name, "shot.png");
      assert.match(sent.attachments[0]!.dataUrl, /^data:image\/png;base64,/);
      await respond("chat/send", { queued: false });

      fireEvent.paste(textarea, { clipboardData: { files: [png], types: ["Files"] } });
      await flushUntil(() => root.querySelector(".attachments"), "the chip");
      click(root, "Remove attachment shot.png");
      assert.equal(root.querySelector(".attachments"), null);
    });

    it("refuses non-images and images over the cap, and says why", async () => {
      const { root, textarea } = setup();
      const big = new File([new Uint8Array(MAX_IMAGE_BYTES + 1)], "huge.png", {
        type: "image/png",
      });
      fireEvent.drop(textarea, { dataTransfer: { files: [big], types: ["Files"] } });
      await flushUntil(() => /huge\.png is larger/.test(root.textContent ?? ""), "the refusal");
      assert.equal(root.querySelector(".attachments"), null);
      assert.match(root.textContent ?? "", /huge\.png is larger than 5 MB/);

      const text = new File(["hello"], "notes.txt", { type: "text/plain" });
      fireEvent.drop(textarea, { dataTransfer: { files: [text], types: ["Files"] } });
      await flushUntil(() => /notes\.txt could not/.test(root.textContent ?? ""), "the refusal");
      assert.equal(root.querySelector(".attachments"), null);
      assert.match(root.textContent ?? "", /notes\.txt could not be read/);
    });

    it("a text paste is left alone", () => {
      const { textarea } = setup();
      const event = fireEvent.paste(textarea, {
        clipboardData: { files: [], types: ["text/plain"] },
      });
      assert.equal(event, true, "not prevented");
    });
  });

  describe("editor context toggle", () => {
    const editorContext = {
      activeFile: { path: "/w/src/app.ts", label: "src/app.ts" },
      selection: { path: "/w/src/app.ts", startLine: 3, endLine: 7 },
    };

    it("shows what would be attached; when on, chat/send asks the host to include it", async () => {
      const { root, textarea } = setup({ editorContext });
      const toggle = root.querySelector<HTMLButtonElement>(".context-toggle")!;
      assert.equal(toggle.textContent, "app.ts:3-7");
      assert.equal(toggle.getAttribute("aria-pressed"), "false");
      type(textarea, "explain");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, { text: "explain", attachments: [] });
      await respond("chat/send", { queued: false });

      fireEvent.click(toggle);
      assert.equal(toggle.getAttribute("aria-pressed"), "true");
      type(textarea, "explain");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, {
        text: "explain",
        attachments: [],
        includeEditorContext: true,
      });
      await respond("chat/send", { queued: false });
      await flushUntil(
        () =>
          (vscode.state as { includeEditorContext?: boolean } | undefined)?.includeEditorContext,
        "the toggle to be saved",
      );
      assert.equal(
        (vscode.state as { includeEditorContext?: boolean }).includeEditorContext,
        true,
        "remembered across reloads",
      );
    });

    it("an attached selection that is the editor's selection shows one chip and goes out once", async () => {
      const { root, textarea } = setup({ editorContext });
      fireEvent.click(root.querySelector<HTMLButtonElement>(".context-toggle")!);
      const selection = {
        kind: "selection" as const,
        path: "/w/src/app.ts",
        startLine: 3,
        endLine: 7,
        text: "code",
      };
      notify("composer/insert", { attachments: [selection] });
      await flushUntil(() => root.querySelector(".context-toggle") === null, "the toggle hidden");
      assert.equal(
        [...root.querySelectorAll(".composer-chips .ellipsis")].filter(
          (chip) => chip.textContent === "app.ts:3-7",
        ).length,
        1,
        "one app.ts:3-7 chip",
      );
      type(textarea, "explain");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, {
        text: "explain",
        attachments: [selection],
      });
      await respond("chat/send", { queued: false });
    });

    it("follows the host: the file without a selection, hidden without an editor", () => {
      const { root } = setup({ editorContext });
      notify("state/patch", { editorContext: { ...editorContext, selection: null } });
      assert.equal(root.querySelector(".context-toggle")?.textContent, "app.ts");
      notify("state/patch", { editorContext: { activeFile: null, selection: null } });
      assert.equal(root.querySelector(".context-toggle"), null);
    });
  });

  describe("sent attachments", () => {
    it("the transcript shows attached files as chips, not the path list sent for the model", () => {
      const { root } = setup({
        thread: thread([
          turn("t1", [
            {
              type: "userMessage",
              id: "u1",
              clientId: null,
              content: [
                { type: "text", text: "look at", text_elements: [] },
                { type: "mention", name: "app.ts", path: "/w/src/app.ts" },
                {
                  type: "text",
                  text: attachedFilesText(["/w/src/app.ts"])!,
                  text_elements: [],
                },
              ],
            },
          ]),
        ]),
      });
      const bubble = root.querySelector(".user-bubble")?.textContent ?? "";
      assert.match(bubble, /look at/);
      assert.match(bubble, /app\.ts/);
      assert.doesNotMatch(bubble, /Attached files/);
    });
  });

  describe("languages", () => {
    it("switches to German when the host patches the language", async () => {
      const { root, textarea } = setup();
      assert.equal(textarea.getAttribute("placeholder"), "Ask Codex to do anything");
      notify("state/patch", { language: "de" });
      await flush();
      assert.equal(textarea.getAttribute("aria-label"), de["composer.label"]);
      assert.notEqual(textarea.getAttribute("placeholder"), "Ask Codex to do anything");
      type(textarea, "/re");
      assert.match(options(root)[0]!.textContent ?? "", /Aktuelle Änderungen prüfen/);
      notify("state/patch", { language: "en" });
      await flush();
      assert.equal(textarea.getAttribute("placeholder"), "Ask Codex to do anything");
    });
  });

  describe("cards", () => {
    it("shows /status and /mcp cards as transcript rows and dismisses them", () => {
      const { root } = setup({
        cards: [
          {
            id: "c1",
            kind: "status",
            threadId: "thread-1",
            cwd: "/w",
            model: "gpt-5-codex",
            mode: "agent",
            tokenUsage: {
              total: usage(3000),
              last: usage(2500),
              modelContextWindow: 10_000,
            },
            rateLimits: null,
            account: { status: "notRequired" },
          },
          {
            id: "c2",
            kind: "mcp",
            truncated: false,
            servers: [
              {
                name: "docs",
                status: "connected",
                auth: "oAuth",
                tools: [{ name: "search", description: "Search the docs" }],
                toolsError: null,
              },
            ],
          },
        ],
      });
      // Transcript rows at full width, not a strip of their own under it.
      const cards = [...root.querySelectorAll(".transcript .card")];
      assert.equal(cards.length, 2, "both cards are transcript rows");
      assert.equal(root.querySelector(".cards"), null);
      const text = cards.map((card) => card.textContent ?? "").join("\n");
      assert.match(text, /thread-1/);
      assert.match(text, /2\.5k of 10\.0k tokens \(25%\)/);
      assert.match(text, /docs.*connected.*signed in \(OAuth\)/);
      assert.match(text, /search — Search the docs/);
      click(root, "Dismiss Status");
      assert.deepEqual(lastRequest("card/dismiss").params, { cardId: "c1" });
    });
  });
});

function usage(total: number) {
  return {
    totalTokens: total,
    inputTokens: total,
    cachedInputTokens: 0,
    cacheWriteInputTokens: 0,
    outputTokens: 0,
    reasoningOutputTokens: 0,
  };
}

function notifyResponse(id: number, result: unknown) {
  window.dispatchEvent(
    new MessageEvent("message", { data: { kind: "response", id, ok: true, result } }),
  );
}
