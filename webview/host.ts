/**
 * The one `acquireVsCodeApi()` handle and the one WebviewChannel of this webview. VS Code allows
 * `acquireVsCodeApi` to be called once per page, so everything goes through these singletons.
 */
import { WebviewChannel } from "../protocol/webview/channel";
import type {
  WebviewRequestMethod,
  WebviewRequestParams,
  WebviewRequestResult,
} from "../protocol/webview/messages";

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

interface Host {
  api: VsCodeApi;
  channel: WebviewChannel;
  dispose(): void;
}

let current: Host | undefined;

/** Errors sent to the host's log, capped so a render loop cannot flood it. */
let reportedErrors = 0;
const MAX_REPORTED_ERRORS = 50;

function fallbackApi(): VsCodeApi {
  let state: unknown;
  return {
    postMessage: () => undefined,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

function createHost(): Host {
  const api = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : fallbackApi();
  const channel = new WebviewChannel((message) => api.postMessage(message), {
    warn: (message) => reportError(message),
  });
  const onMessage = (event: MessageEvent) => channel.receive(event.data);
  window.addEventListener("message", onMessage);
  return {
    api,
    channel,
    dispose: () => {
      window.removeEventListener("message", onMessage);
      channel.failPending("The view was closed.");
    },
  };
}

export function getHost(): Host {
  current ??= createHost();
  return current;
}

export function channel(): WebviewChannel {
  return getHost().channel;
}

/** Sends an error to the host's log (never to the user's clipboard or anywhere else). */
export function reportError(message: string): void {
  if (reportedErrors >= MAX_REPORTED_ERRORS) return;
  reportedErrors += 1;
  getHost().channel.notify("webview/error", { message: message.slice(0, 10_000) });
}

/** Fire-and-forget request: failures are reported to the host log, not thrown. */
export function send<M extends WebviewRequestMethod>(
  method: M,
  params: WebviewRequestParams<M>,
): void {
  channel()
    .request(method, params)
    .catch((error: unknown) => reportError(`${method} failed: ${errorMessage(error)}`));
}

/** A request whose failure the caller shows to the user. */
export function request<M extends WebviewRequestMethod>(
  method: M,
  params: WebviewRequestParams<M>,
): Promise<WebviewRequestResult<M>> {
  return channel().request(method, params);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Tests only: forget the singleton so the next `getHost()` starts clean. */
export function resetHostForTests(): void {
  current?.dispose();
  current = undefined;
  reportedErrors = 0;
}
