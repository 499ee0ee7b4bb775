/**
 * Issue 15, the composer's commands: the new slash commands (`/model`, `/reasoning`, `/approvals`
 * open their pickers, `/skills` the `$` menu, `/fork` and `/fast` go to the host), the `$` skill
 * menu, Ctrl/Cmd+Shift+Enter flipping queue and steer, and editing and reordering the queue.
 */
import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { SLASH_COMMANDS } from "../../protocol/webview/slashCommands";
import type { SkillView } from "../../protocol/webview/viewModel";
import {
  click,
  flush,
  hydrate,
  lastRequest,
  mount,
  requests,
  respond,
  thread,
  turn,
  unmount,
} from "./harness";
import { flushUntil } from "./flushUntil";

/** The `followUp` a posted `chat/send` carries. */
function followUpOf(message: { params?: unknown }): unknown {
  return (message.params as { followUp?: unknown } | undefined)?.followUp;
}

function setup(patch: Parameters<typeof hydrate>[0] = {}) {
  const { root } = mount();
  hydrate(patch);
  const textarea = root.querySelector<HTMLTextAreaElement>("textarea.composer-input")!;
  return { root, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string, caret = value.length) {
  textarea.value = value;
  textarea.setSelectionRange(caret, caret);
  fireEvent.input(textarea);
}

function key(target: HTMLElement, name: string, init: KeyboardEventInit = {}) {
  fireEvent.keyDown(target, { key: name, ...init });
}

function options(root: HTMLElement) {
  return Array.from(
    root.querySelectorAll<HTMLElement>('.suggestions [role="listbox"] [role="option"]'),
  );
}

/** The open picker menu (`MenuButton`'s listbox), by its accessible name. */
function openMenu(root: HTMLElement, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`ul.menu[aria-label="${name}"]`);
}

const skills: SkillView[] = [
  { name: "deploy-check", description: "Checks a deploy before it goes out", scope: "repo" },
  { name: "demo", description: "A demo skill from CODEX_HOME", scope: "user" },
  { name: "tidy", description: "Tidies imports", scope: "user" },
];

const running = () => thread([turn("t1", [], { status: "inProgress" })]);

describe("webview: the composer's commands (issue 15)", () => {
  afterEach(unmount);

  describe("slash menu", () => {
    it("lists every command with its usage in full and its localised description", () => {
      const { root, textarea } = setup();
      type(textarea, "/");
      const shown = options(root);
      assert.equal(shown.length, SLASH_COMMANDS.length);
      for (const name of [
        "fork",
        "model",
        "reasoning",
        "approvals",
        "skills",
        "fast",
        "auto-context",
      ]) {
        const option = shown.find(
          (candidate) => candidate.querySelector(".suggestion-label")?.textContent === `/${name}`,
        );
        assert.ok(option, `/${name} is offered`);
        assert.ok(
          (option.querySelector(".suggestion-description")?.textContent ?? "").length > 10,
          `/${name} has a description`,
        );
        // The name is never the part that gives way: only the description ellipsises.
        assert.equal(
          option.querySelector(".suggestion-label")?.classList.contains("ellipsis"),
          false,
        );
      }
    });

    it("shows the German descriptions in German", () => {
      const { root, textarea } = setup({ language: "de" });
      type(textarea, "/fo");
      assert.match(options(root)[0]!.textContent ?? "", /\/fork.*Thread abzweigen/);
    });

    for (const [command, menu] of [
      ["model", "Model"],
      ["reasoning", "Reasoning effort"],
      ["approvals", "Mode"],
    ] as const) {
      it(`/${command} opens the ${menu} picker in the view, without asking the host`, async () => {
        const { root, textarea } = setup();
        type(textarea, `/${command}`);
        key(textarea, "Enter");
        await flush();
        assert.ok(openMenu(root, menu), `the ${menu} menu is open`);
        assert.equal(requests("chat/slashCommand").length, 0);
        assert.equal(requests("chat/send").length, 0);
        assert.equal(textarea.value, "");
      });
    }

    it("/permissions, the codex CLI's newer name, opens the Mode picker too", async () => {
      const { root, textarea } = setup();
      type(textarea, "/perm");
      assert.match(options(root)[0]!.textContent ?? "", /\/approvals/);
      type(textarea, "/permissions");
      assert.equal(root.querySelector(".suggestions"), null, "typed out in full: no menu");
      key(textarea, "Enter");
      await flush();
      assert.ok(openMenu(root, "Mode"));
      assert.equal(requests("chat/slashCommand").length, 0);
    });

    it("/auto-context flips the editor-context toggle", async () => {
      const { root, textarea } = setup({
        editorContext: {
          activeFile: { path: "/work/project/a.ts", label: "a.ts" },
          selection: null,
        },
      } as never);
      const toggle = () => root.querySelector<HTMLElement>(".context-toggle")!;
      const before = toggle().getAttribute("aria-pressed");
      type(textarea, "/auto-context");
      key(textarea, "Enter");
      await flush();
      assert.notEqual(toggle().getAttribute("aria-pressed"), before);
      assert.equal(textarea.value, "");
      assert.equal(requests("chat/slashCommand").length, 0);
    });

    it("/fork and /fast go to the host", async () => {
      const { textarea } = setup();
      type(textarea, "/fork");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/slashCommand").params, { command: "fork", args: [] });
      await respond("chat/slashCommand", {});
      type(textarea, "/fast");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/slashCommand").params, { command: "fast", args: [] });
    });

    it("the model picker says Fast while /fast is on", () => {
      const { root } = setup();
      const state = hydrate({});
      hydrate({ modelChoice: { ...state.modelChoice, fast: true } });
      const button = root.querySelector<HTMLElement>(".picker-model .menu-button")!;
      assert.match(button.getAttribute("aria-label") ?? "", /GPT-5 Codex · Fast/);
    });

    it("/skills opens the $ menu", async () => {
      const { root, textarea } = setup();
      type(textarea, "/skills");
      key(textarea, "Enter");
      await flush();
      assert.equal(textarea.value, "$");
      await flushUntil(() => requests("composer/listSkills").length === 1, "skills asked for");
      await respond("composer/listSkills", { skills });
      assert.deepEqual(
        options(root).map((option) => option.querySelector(".suggestion-label")?.textContent),
        ["$deploy-check", "$demo", "$tidy"],
      );
    });
  });

  describe("$ skills", () => {
    it("lists the workspace's skills with descriptions; a pick writes $name into the text", async () => {
      const { root, textarea } = setup();
      type(textarea, "run $de");
      await flushUntil(() => requests("composer/listSkills").length === 1, "skills asked for");
      assert.match(root.querySelector(".suggestions")?.textContent ?? "", /Loading skills/);
      await respond("composer/listSkills", { skills });
      const shown = options(root);
      assert.deepEqual(
        shown.map((option) => option.querySelector(".suggestion-label")?.textContent),
        ["$deploy-check", "$demo"],
      );
      assert.match(shown[1]!.textContent ?? "", /A demo skill from CODEX_HOME/);
      key(textarea, "ArrowDown");
      key(textarea, "Enter");
      await flush();
      assert.equal(textarea.value, "run $demo ");
      assert.equal(root.querySelector(".suggestions"), null);
      assert.equal(requests("chat/send").length, 0, "a pick does not send");
      key(textarea, "Enter");
      assert.deepEqual(lastRequest("chat/send").params, { text: "run $demo ", attachments: [] });
    });

    it("a $ that names no skill ($5) is plain text: no menu", async () => {
      const { root, textarea } = setup();
      type(textarea, "costs $5");
      await flushUntil(() => requests("composer/listSkills").length === 1, "skills asked for");
      await respond("composer/listSkills", { skills });
      assert.equal(root.querySelector(".suggestions"), null);
    });

    it("says so when the workspace has no skills; Escape closes the menu", async () => {
      const { root, textarea } = setup();
      type(textarea, "$");
      await flushUntil(() => requests("composer/listSkills").length === 1, "skills asked for");
      await respond("composer/listSkills", { skills: [] });
      assert.match(root.querySelector(".suggestions")?.textContent ?? "", /No skills/);
      key(textarea, "Escape");
      await flush();
      assert.equal(root.querySelector(".suggestions"), null);
    });
  });

  describe("Ctrl/Cmd+Shift+Enter", () => {
    it("steers this one message when follow-ups queue", () => {
      const { textarea } = setup({ thread: running() });
      type(textarea, "now, please");
      key(textarea, "Enter", { ctrlKey: true, shiftKey: true });
      assert.deepEqual(lastRequest("chat/send").params, {
        text: "now, please",
        attachments: [],
        followUp: "steer",
      });
    });

    it("queues this one message when follow-ups steer (Cmd on macOS)", () => {
      const { textarea } = setup({
        thread: running(),
        settings: {
          composerEnterBehavior: "enter",
          followUpQueueMode: "steer",
          fontSize: null,
          editorFontSize: null,
          locale: "en",
        },
      });
      type(textarea, "after this");
      key(textarea, "Enter", { metaKey: true, shiftKey: true });
      assert.equal(followUpOf(lastRequest("chat/send")), "queue");
    });

    it("plain Enter follows the setting, and with no turn running there is nothing to flip", () => {
      const { textarea } = setup({ thread: running() });
      type(textarea, "queued as usual");
      key(textarea, "Enter");
      assert.equal(followUpOf(lastRequest("chat/send")), undefined);
      unmount();
      const idle = setup();
      type(idle.textarea, "a new turn");
      key(idle.textarea, "Enter", { ctrlKey: true, shiftKey: true });
      assert.equal(followUpOf(lastRequest("chat/send")), undefined);
    });

    it("the Send button says what the shortcut does while a turn runs", () => {
      const { root, textarea } = setup({ thread: running() });
      type(textarea, "x");
      const send = root.querySelector<HTMLElement>(".send-button")!;
      assert.match(send.getAttribute("title") ?? "", /Ctrl\/Cmd\+Shift\+Enter steers/);
    });
  });

  describe("queued follow-ups", () => {
    const queued = [
      { id: "q1", text: "first" },
      { id: "q2", text: "second" },
      { id: "q3", text: "third" },
    ];

    it("moves a message up or down; the first has no Up, the last no Down", async () => {
      const { root } = setup({ thread: thread([], { queued }) });
      assert.equal(root.querySelector('[aria-label="Move “first” up"]'), null);
      assert.equal(root.querySelector('[aria-label="Move “third” down"]'), null);
      click(root, "Move “second” up");
      click(root, "Move “second” down");
      await flush();
      assert.deepEqual(
        requests("chat/moveQueued").map((sent) => sent.params),
        [
          { queuedId: "q2", offset: -1 },
          { queuedId: "q2", offset: 1 },
        ],
      );
    });

    it("edits a message in place: Enter saves, Escape cancels", async () => {
      const { root } = setup({ thread: thread([], { queued }) });
      click(root, "Edit queued message “second”");
      await flush();
      const editor = root.querySelector<HTMLTextAreaElement>("textarea.queued-input")!;
      assert.equal(editor.value, "second");
      assert.equal(document.activeElement, editor);
      editor.value = "second, reworded";
      fireEvent.input(editor);
      key(editor, "Enter");
      assert.deepEqual(lastRequest("chat/editQueued").params, {
        queuedId: "q2",
        text: "second, reworded",
      });
      await respond("chat/editQueued", {});
      assert.equal(root.querySelector("textarea.queued-input"), null);

      click(root, "Edit queued message “third”");
      await flush();
      key(root.querySelector<HTMLTextAreaElement>("textarea.queued-input")!, "Escape");
      await flush();
      assert.equal(root.querySelector("textarea.queued-input"), null);
      assert.equal(requests("chat/editQueued").length, 1);
    });

    it("keeps the editor open with the host's reason when the edit fails", async () => {
      const { root } = setup({ thread: thread([], { queued }) });
      click(root, "Edit queued message “first”");
      await flush();
      const editor = root.querySelector<HTMLTextAreaElement>("textarea.queued-input")!;
      editor.value = "";
      fireEvent.input(editor);
      click(root, "Save");
      await respond("chat/editQueued", "There is nothing to send.", false);
      assert.ok(root.querySelector("textarea.queued-input"));
      assert.match(root.querySelector(".queued-box")?.textContent ?? "", /nothing to send/);
    });
  });
});
