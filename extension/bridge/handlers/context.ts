/**
 * What a webview request handler may use. Handlers stay free of `vscode`: editor actions go
 * through EditorPort (implemented with the VS Code API in extension/views/editorPort.ts), so each
 * handler is unit-tested with fakes.
 */
import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import type { HostChannel } from "../../../protocol/webview/channel";
import type {
  WebviewRequestMethod,
  WebviewRequestParams,
  WebviewRequestResult,
} from "../../../protocol/webview/messages";
import type { ChatBridge } from "../bridge";
import type { Disposable } from "../port";

export interface EditorPort {
  /** Opens an http(s) URL outside VS Code. */
  openExternal(url: string): Promise<boolean>;
  writeClipboard(text: string): Promise<void>;
  /** Absolute paths of the workspace folders (file scheme only). */
  workspaceFolders(): readonly string[];
  /** Opens a file the handler has checked is inside a workspace folder. */
  openFile(absolutePath: string, line?: number): Promise<void>;
  /** A diff editor: the change's original text against the file on disk. */
  openFileDiff(change: FileUpdateChange, title: string): Promise<void>;
  /** The turn's whole unified diff. */
  openTurnDiff(diff: string, title: string): Promise<void>;
}

export interface HandlerContext {
  bridge: Pick<ChatBridge, "threads" | "approvals" | "account" | "models" | "state">;
  editor: EditorPort;
  restartAppServer(): Promise<void>;
}

export interface WebviewHandler<M extends WebviewRequestMethod> {
  readonly method: M;
  handle(
    context: HandlerContext,
    params: WebviewRequestParams<M>,
  ): Promise<WebviewRequestResult<M>> | WebviewRequestResult<M>;
}

/** A handler with its method bound, ready to register on a channel. */
export interface RegisterableHandler {
  readonly method: WebviewRequestMethod;
  register(channel: HostChannel, context: HandlerContext): Disposable;
}

export function defineHandler<M extends WebviewRequestMethod>(
  method: M,
  handle: WebviewHandler<M>["handle"],
): WebviewHandler<M> & RegisterableHandler {
  return {
    method,
    handle,
    register: (channel, context) => channel.handle(method, (params) => handle(context, params)),
  };
}
