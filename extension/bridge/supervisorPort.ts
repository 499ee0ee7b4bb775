/**
 * The supervisor as the bridge's AppServerPort: every request goes through `ensureStarted()`,
 * so the first one starts the app-server (lazy start) and requests during a restart wait for it.
 */
import type { AppServerSupervisor } from "../appServer/supervisor";
import type { AppServerPort } from "./port";

export function supervisorPort(supervisor: AppServerSupervisor): AppServerPort {
  return {
    async request(method, params, options) {
      const client = await supervisor.ensureStarted();
      return client.request(method, params, options);
    },
    onNotification: (listener) => supervisor.onNotification(listener),
    handleServerRequest: (method, handler) => supervisor.handleServerRequest(method, handler),
    trackLoadedThread: (threadId) => supervisor.trackLoadedThread(threadId),
    get state() {
      return supervisor.state;
    },
    onDidChangeState: (listener) => supervisor.onDidChangeState(listener),
    onDidConnect: (listener) => supervisor.onDidConnect(() => listener()),
  };
}
