/**
 * Feeds codex notifications into the host state: thread events through the batcher (which folds
 * them into ChatState once per window, and ChatState tells the views), notices straight into the
 * notice list when they concern the thread on screen, or no thread at all and this view is the
 * one that shows such notices (the sidebar: a config warning belongs in one place, not repeated
 * in every open Codex panel).
 */
import type { ChatState } from "./chatState";
import type { EventBatcher } from "./eventBatcher";
import type { NotificationSink } from "../connection/notifications";
import { mapNotification } from "./notificationEvents";

export function transcriptStream(
  state: ChatState,
  batcher: EventBatcher,
  options: { threadlessNotices: boolean; log?: (message: string) => void } = {
    threadlessNotices: true,
  },
): NotificationSink {
  return (notification) => {
    for (const mapped of mapNotification(notification)) {
      switch (mapped.kind) {
        case "event":
          batcher.push(mapped.threadId, mapped.event);
          continue;
        case "log":
          options.log?.(mapped.message);
          continue;
        case "turnEnded":
          state.turnEnded(mapped.threadId, mapped.turnId, mapped.succeeded);
          continue;
        case "notice":
          break;
      }
      const current = state.thread?.id;
      const shown =
        mapped.threadId === null ? options.threadlessNotices : mapped.threadId === current;
      if (shown) {
        // Notices after the events that led to them: a paced state holds the notice until the
        // pending events have gone out (the batcher posts the older first); otherwise flush now.
        if (!state.paced) batcher.flush();
        state.addNotice(mapped.notice);
      }
    }
  };
}
