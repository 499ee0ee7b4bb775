/** Mounting the webview in tests, and talking to it as the host would. */
import "./setup";
import { act, cleanup } from "@testing-library/preact";
import { start, type Started } from "../../webview/bootstrap";
import { resetHostForTests } from "../../webview/host";
import { resetViewStateForTests } from "../../webview/viewState";
import { setStrings } from "../../webview/l10n";
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
  setStrings({});
  vscode.posted.length = 0;
  vscode.state = state;
}

export function mount(options: { hydrateTimeoutMs?: number; state?: unknown } = {}) {
  resetAll(options.state);
  const root = document.createElement("div");
  root.id = "root";
  document.body.appendChild(root);
  let started!: Started;
  act(() => {
    started = start(root, { hydrateTimeoutMs: options.hydrateTimeoutMs ?? 60_000 });
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
    strings: {},
    editorContext: { activeFile: null, selection: null },
    cards: [],
    ...patch,
  };
}

export function hydrate(patch: Partial<ChatViewState> = {}): ChatViewState {
  const state = viewState(patch);
  notify("state/hydrate", state);
  return state;
}
