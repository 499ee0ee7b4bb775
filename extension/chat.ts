/**
 * The chat's host side: the bridge to codex and the webview session of a view. Loaded at first
 * use through loadChat() (a file of its own in the build, dist/chat.js), so activation does not
 * read or compile it.
 */
export { ChatBridge } from "./bridge/bridge";
export {
  codexWebviewOptions,
  panelContainer,
  viewContainer,
  WebviewSession,
} from "./views/webviewSession";
