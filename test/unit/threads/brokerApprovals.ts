/** A real approval broker on a fake port, seen as the Threads view sees every bridge's approvals. */
import { ApprovalBroker } from "../../../extension/bridge/approvals";
import { ChatState } from "../../../extension/bridge/chatState";
import type { ApprovalSource } from "../../../extension/threads/openNotifications";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import { fakePort, nullLogger } from "../bridge/fakePort";
import { loadStream } from "../bridge/streams";

/** codex's recorded one-line command approval (`echo hello-from-codex`) in thread-1. */
const commandRequest = loadStream("commandApproval").serverRequests[0]!;

export function brokerApprovals() {
  const port = fakePort();
  const listeners = new Set<(threadId: string) => void>();
  const broker = new ApprovalBroker({
    port,
    state: new ChatState(),
    logger: nullLogger(),
    onWaitingChanged: (threadId) => listeners.forEach((listener) => listener(threadId)),
  });
  broker.register();
  const source: ApprovalSource = {
    waiting: (threadId) =>
      broker.waitingIn(threadId).map(({ approvalId, request }) => ({
        request,
        answer: (answer: ApprovalAnswer) => broker.answerIfWaiting(approvalId, answer),
      })),
    onDidChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  /** codex asks about the recorded command, with `params` changed. */
  const ask = (params: Record<string, unknown> = {}) =>
    port.serverRequest(commandRequest.method, {
      ...(commandRequest.params as Record<string, unknown>),
      ...params,
    });
  return { broker, source, listeners, ask };
}
