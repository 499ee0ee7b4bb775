/** A ChatBridge on a fake port with every webview handler registered on a HostChannel. */
import { ChatBridge } from "../../../extension/bridge/bridge";
import type {
  ContextMentions,
  EditorPort,
  FeedbackConsent,
  HandlerContext,
} from "../../../extension/bridge/handlers/index";
import { registerWebviewHandlers } from "../../../extension/bridge/handlers/index";
import { HostChannel } from "../../../protocol/webview/channel";
import type { Attachment } from "../../../protocol/webview/messages";
import { fakePort, nullLogger } from "./fakePort";

export interface HarnessOptions {
  editorContext?: Attachment;
  mentionPaths?: string[];
  folders?: { name: string; path: string }[];
  reviewDelivery?: "inline" | "detached";
  feedback?: FeedbackConsent | null;
  /** The user's answer to the host's native account-change confirmation (default: yes). */
  confirmAccountChange?: boolean;
  /** The user's answer to the host's native "Approve anyway" confirmation (default: yes). */
  confirmApproveDenied?: boolean;
  /** `@problems` and the rest; absent: the handlers offer files only. */
  contextMentions?: ContextMentions;
  /** `chatgpt.approvalsReviewer` as the bridge reads it. */
  approvalsReviewer?: "user" | "auto_review";
}

export interface HandlerResponse {
  ok: boolean;
  result?: unknown;
  error?: string;
}

export function handlerHarness(options: HarnessOptions = {}) {
  const port = fakePort();
  const bridge = new ChatBridge({
    port,
    logger: nullLogger(),
    cwd: () => "/w",
    openExternal: async () => true,
    confirmFullAccess: async () => false,
    ...(options.approvalsReviewer ? { approvalsReviewer: () => options.approvalsReviewer } : {}),
  });
  const events: string[] = [];
  const editor: EditorPort = {
    openExternal: async () => true,
    writeClipboard: async () => undefined,
    workspaceFolders: () => (options.folders ?? [{ name: "w", path: "/w" }]).map((f) => f.path),
    openFile: async () => undefined,
    readText: async () => undefined,
    openDiff: async () => undefined,
    openChanges: async () => undefined,
    editorContextAttachment: async () => {
      events.push("editorContext read");
      return options.editorContext;
    },
  };
  const searches: { query: string; limit: number }[] = [];
  const context: Omit<HandlerContext, "bridge"> = {
    editor,
    guard: {
      confirmAccountChange: async (change) => {
        events.push(`confirm ${change}`);
        return options.confirmAccountChange ?? true;
      },
      manageWorkspaceTrust: async () => void events.push("manage trust"),
      confirmApproveDenied: async (question) => {
        events.push(`confirm approve anyway: ${question.action}`);
        return options.confirmApproveDenied ?? true;
      },
    },
    restartAppServer: async () => undefined,
    fileMentions: options.mentionPaths
      ? {
          search: async (query, limit) => {
            searches.push({ query, limit });
            return options.mentionPaths!.map((path) => ({ path }));
          },
        }
      : undefined,
    workspaceFolders: () => options.folders ?? [{ name: "w", path: "/w" }],
    ...(options.contextMentions ? { contextMentions: options.contextMentions } : {}),
    slash: {
      reviewDelivery: () => options.reviewDelivery ?? "inline",
      confirmFeedback: async () => {
        events.push("feedback consent asked");
        return options.feedback ?? null;
      },
      feedbackSent: (id) => void events.push(`feedback sent ${id}`),
    },
  };
  const posted: unknown[] = [];
  const channel = new HostChannel((message) => posted.push(message), { warn: () => undefined });
  registerWebviewHandlers(channel, { ...context, bridge });
  let nextId = 1;
  const request = async (method: string, params: unknown): Promise<HandlerResponse> => {
    const id = nextId++;
    await channel.receive({ kind: "request", id, method, params });
    return posted.find((m) => (m as { id?: number }).id === id) as HandlerResponse;
  };
  return { port, bridge, request, events, searches };
}
