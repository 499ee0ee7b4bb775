/** Mounting the webview in tests, and talking to it as the host would. */
import "./setup";
import { act, cleanup } from "@testing-library/preact";
import { start, type Started } from "../../webview/bootstrap";
import { resetHostForTests } from "../../webview/host";
import { resetViewStateForTests } from "../../webview/viewState";
import { setLanguage } from "../../webview/l10n";
import type { FrameClock } from "../../webview/markdown/frameClock";
import type {
  HostNotificationMethod,
  HostNotificationParams,
} from "../../protocol/webview/messages";
import type { ThreadEvent } from "../../protocol/webview/threadEvents";
import type {
  ChatViewState,
  ThreadItem,
  ThreadView,
  TurnView,
} from "../../protocol/webview/viewModel";
import { vscode, type PostedMessage } from "./setup";

export { vscode };

let mounted: { started: Started; root: HTMLElement } | undefined;

export function resetAll(state?: unknown): void {
  unmount();
  resetHostForTests();
  resetViewStateForTests();
  setLanguage("en");
  vscode.posted.length = 0;
  vscode.state = state;
}

export function mount(
  options: { hydrateTimeoutMs?: number; state?: unknown; frameClock?: FrameClock } = {},
) {
  resetAll(options.state);
  const root = document.createElement("div");
  root.id = "root";
  document.body.appendChild(root);
  let started!: Started;
  act(() => {
    started = start(root, {
      hydrateTimeoutMs: options.hydrateTimeoutMs ?? 60_000,
      ...(options.frameClock ? { frameClock: options.frameClock } : {}),
    });
  });
  mounted = { started, root };
  return { root, store: started.store };
}

export function unmount(): void {
  if (!mounted) return;
  const { started, root } = mounted;
  act(() => started.dispose());
  root.remove();
  mounted = undefined;
  cleanup();
}

/** Delivers a message from the host, as VS Code's postMessage would. */
export function fromHost(message: unknown): void {
  act(() => {
    window.dispatchEvent(new MessageEvent("message", { data: message }));
  });
}

export function notify<M extends HostNotificationMethod>(
  method: M,
  params: HostNotificationParams<M>,
): void {
  fromHost({ kind: "notification", method, params });
}

export async function flush(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
  // Toolkit (FAST) elements apply property changes to their shadow DOM in the next frame.
  await nextFrame();
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Answers the last request of `method` the webview posted. */
export async function respond(method: string, result: unknown, ok = true): Promise<PostedMessage> {
  const message = lastRequest(method);
  fromHost(
    ok
      ? { kind: "response", id: message.id, ok: true, result }
      : { kind: "response", id: message.id, ok: false, error: String(result) },
  );
  await flush();
  return message;
}

export function requests(method?: string): PostedMessage[] {
  return vscode.posted.filter((m) => m.kind === "request" && (!method || m.method === method));
}

export function notifications(method?: string): PostedMessage[] {
  return vscode.posted.filter((m) => m.kind === "notification" && (!method || m.method === method));
}

export function lastRequest(method: string): PostedMessage {
  const list = requests(method);
  const last = list[list.length - 1];
  if (!last) throw new Error(`no ${method} request was posted`);
  return last;
}

export function threadEvents(threadId: string, events: ThreadEvent[]): void {
  notify("thread/events", { threadId, events });
}

// ---------- buttons ----------

/**
 * A button and its accessible name. Native `<button>`s are named by `aria-label` or their text.
 * A toolkit `<vscode-button>` must be upgraded: the control is the `<button>` in its shadow root,
 * named by the `aria-label` the toolkit forwards to it or by the text slotted into it; a host
 * whose `aria-label` did not reach the inner button has no name here.
 */
export interface FoundButton {
  /** What to click: the native button, or the toolkit element (clicks on it reach `onClick`). */
  element: HTMLElement;
  /** The element with the button role: the native button, or the toolkit's inner one. */
  control: HTMLButtonElement;
  name: string;
  disabled: boolean;
}

/** The buttons a user can see: hidden ones (and those inside something hidden) are left out. */
export function allButtons(root: ParentNode): FoundButton[] {
  const found: FoundButton[] = [];
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("button, vscode-button"))) {
    if (element.closest("[hidden]")) continue;
    if (element.tagName === "BUTTON") {
      const control = element as HTMLButtonElement;
      const name = control.getAttribute("aria-label") ?? (control.textContent ?? "").trim();
      found.push({ element, control, name, disabled: control.disabled });
      continue;
    }
    const control = element.shadowRoot?.querySelector("button");
    if (!control) throw new Error(`<vscode-button> was not upgraded: ${element.outerHTML}`);
    const name = control.getAttribute("aria-label") ?? (element.textContent ?? "").trim();
    found.push({ element, control, name, disabled: control.disabled });
  }
  return found;
}

export function findButton(root: ParentNode, name: string | RegExp): FoundButton | undefined {
  return allButtons(root).find((b) =>
    typeof name === "string" ? b.name === name : name.test(b.name),
  );
}

/** The button named `name` (exactly, or matching a RegExp); throws when there is none. */
export function button(root: ParentNode, name: string | RegExp): FoundButton {
  const found = findButton(root, name);
  if (!found) {
    const names = allButtons(root).map((b) => JSON.stringify(b.name));
    throw new Error(`no button ${String(name)} among ${names.join(", ")}`);
  }
  return found;
}

/** Clicks the button named `name`, as a mouse click or keyboard activation would. */
export function click(root: ParentNode, name: string | RegExp): void {
  act(() => {
    button(root, name).control.click();
  });
}

// ---------- fixtures ----------

export function agentMessage(id: string, text: string): ThreadItem {
  return {
    type: "agentMessage",
    id,
    text,
    moderation: null,
    phase: null,
    memoryCitation: null,
    delivery: null,
    questions: null,
  };
}

export function userMessage(id: string, text: string): ThreadItem {
  return {
    type: "userMessage",
    id,
    clientId: null,
    content: [{ type: "text", text, text_elements: [] }],
  };
}

export function turn(id: string, items: ThreadItem[], patch: Partial<TurnView> = {}): TurnView {
  return { id, status: "completed", error: null, items, diff: null, plan: null, ...patch };
}

export function thread(turns: TurnView[], patch: Partial<ThreadView> = {}): ThreadView {
  return {
    id: "thread-1",
    name: null,
    cwd: "/work/project",
    turns,
    tokenUsage: null,
    queued: [],
    ...patch,
  };
}

export function viewState(patch: Partial<ChatViewState> = {}): ChatViewState {
  return {
    connection: { kind: "ready" },
    account: {
      status: "signedIn",
      account: { type: "chatgpt", email: "dev@example.com", planType: "plus", workspaceName: null },
    },
    thread: thread([]),
    approvals: [],
    notices: [],
    modelChoice: {
      models: [
        {
          model: "gpt-5-codex",
          displayName: "GPT-5 Codex",
          description: "",
          efforts: [
            { effort: "low", description: "" },
            { effort: "medium", description: "" },
            { effort: "high", description: "" },
          ],
          defaultEffort: "medium",
          isDefault: true,
        },
        {
          model: "gpt-5-mini",
          displayName: "GPT-5 mini",
          description: "",
          efforts: [{ effort: "low", description: "" }],
          defaultEffort: "low",
          isDefault: false,
        },
      ],
      model: null,
      effort: null,
      mode: "agent",
    },
    rateLimits: null,
    settings: {
      composerEnterBehavior: "enter",
      followUpQueueMode: "queue",
      fontSize: null,
      editorFontSize: null,
      locale: "en",
    },
    draft: "",
    language: "en",
    editorContext: { activeFile: null, selection: null },
    cards: [],
    workspaceTrusted: true,
    ...patch,
  };
}

export function hydrate(patch: Partial<ChatViewState> = {}): ChatViewState {
  const state = viewState(patch);
  notify("state/hydrate", state);
  return state;
}
