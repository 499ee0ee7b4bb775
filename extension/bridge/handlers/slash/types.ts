/** A slash command's host side: one module per command, dispatched by `chat/slashCommand`. */
import type { HandlerContext } from "../context";

export type SlashHandler = (context: HandlerContext, args: readonly string[]) => Promise<void>;

let cardCounter = 0;

/** A fresh id for a card (`/status`, `/mcp`). */
export function nextCardId(kind: string): string {
  return `card-${kind}-${++cardCounter}`;
}
