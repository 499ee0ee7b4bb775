/**
 * An AppServerPort with no app-server behind it: the bench pushes notifications in by hand.
 * Requests fail (the bridge metrics never send any).
 */
import type { AppServerPort, Disposable, PortState } from "../../extension/connection/port";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";

export interface FakePort extends AppServerPort {
  emit(notification: ServerNotification): void;
}

export function fakePort(): FakePort {
  const listeners = new Set<(notification: ServerNotification) => void>();
  const none: Disposable = { dispose: () => undefined };
  const state: PortState = { kind: "ready" };
  return {
    state,
    request: () => Promise.reject(new Error("the bench port has no app-server")),
    onNotification(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    handleServerRequest: () => none,
    trackLoadedThread: () => none,
    onDidChangeState: () => none,
    onDidConnect: () => none,
    emit(notification) {
      for (const listener of listeners) listener(notification);
    },
  };
}
