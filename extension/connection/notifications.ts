/**
 * Typed per-method notification handlers, dispatched in a declared order. A view subscribes one
 * listener to the connection (`notificationDispatcher([...])`) instead of one per consumer, so
 * the order in which its consumers see a notification is written down where they are wired, not
 * implied by the order in which they happened to be constructed.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ServerNotificationMethod, ServerNotificationParams } from "../../protocol/codexRpc";

/** A consumer's handlers, by notification method, each with that method's typed params. */
export type NotificationHandlers = {
  readonly [M in ServerNotificationMethod]?: (params: ServerNotificationParams<M>) => void;
};

/** A consumer that sees every notification (the transcript stream maps them all). */
export type NotificationSink = (notification: ServerNotification) => void;

export type NotificationConsumer = NotificationHandlers | NotificationSink;

/**
 * One listener that hands each notification to `consumers` in the order given: a handler table
 * when it has a handler for the method, a sink always. The consumers of each method are looked
 * up once, on its first notification.
 */
export function notificationDispatcher(
  consumers: readonly NotificationConsumer[],
): NotificationSink {
  const byMethod = new Map<string, NotificationSink[]>();
  const callsFor = (method: ServerNotificationMethod): NotificationSink[] => {
    const calls: NotificationSink[] = [];
    for (const consumer of consumers) {
      if (typeof consumer === "function") {
        calls.push(consumer);
        continue;
      }
      const handler = (consumer as Record<string, ((params: unknown) => void) | undefined>)[method];
      if (handler) calls.push((notification) => handler(notification.params));
    }
    byMethod.set(method, calls);
    return calls;
  };
  return (notification) => {
    const calls = byMethod.get(notification.method) ?? callsFor(notification.method);
    for (const call of calls) call(notification);
  };
}
