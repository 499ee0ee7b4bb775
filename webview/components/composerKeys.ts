import type { EnterBehavior } from "../../protocol/webview/viewModel";

export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

/** Whether this keydown in the composer should send, per `chatgpt.composerEnterBehavior`. */
export function shouldSend(event: KeyInfo, behavior: EnterBehavior, text: string): boolean {
  if (event.key !== "Enter" || event.isComposing || event.altKey) return false;
  const withCmd = event.ctrlKey || event.metaKey;
  if (withCmd) return true;
  if (event.shiftKey) return false;
  switch (behavior) {
    case "enter":
      return true;
    case "cmdIfMultiline":
      return !text.includes("\n");
    case "cmdAlways":
      return false;
  }
}

/**
 * Ctrl/Cmd+Shift+Enter: send, flipping queue and steer for this one message while a turn runs
 * (the official extension's shortcut). It sends whatever `chatgpt.composerEnterBehavior` says.
 */
export function flipsFollowUp(event: KeyInfo): boolean {
  return (
    event.key === "Enter" &&
    !event.isComposing &&
    !event.altKey &&
    event.shiftKey &&
    (event.ctrlKey || event.metaKey)
  );
}
