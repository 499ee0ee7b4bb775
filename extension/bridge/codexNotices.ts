/**
 * codex's `error`, `warning`, `configWarning` and `deprecationNotice` notifications as notices,
 * classified by their structure where codex gives one (codex 0.169.0, verified against the
 * binary):
 * - A failed model request codex will retry: `error {willRetry: true, turnId}`, message
 *   "Reconnecting... 2/5", the reason in `additionalDetails`. One line per turn, updated in place.
 * - The final failure: `error {willRetry: false}` then `turn/completed {status: "failed", error}`.
 *   It replaces the retry line until the turn ends; from then on the turn shows it (once).
 * - "Model metadata for `<model>` not found…" (`warning`, every turn with a custom model): shown
 *   once per model, explained, and it can be silenced for good.
 * - A broken config.toml: `configWarning {path, range, details: "<path>:<line>:<col>: <why>"}`.
 * - Deprecation notices about the protocol are for developers: they go to the log.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import { l10n } from "../l10n";
import type { NoticeInput } from "./noticeBoard";

export type MappedNotice =
  | {
      kind: "notice";
      /** null: not about one thread (config warnings). */
      threadId: string | null;
      notice: NoticeInput;
    }
  /** For the output channel only. */
  | { kind: "log"; message: string };

type NoticeNotification = Extract<
  ServerNotification,
  { method: "error" | "warning" | "configWarning" | "deprecationNotice" }
>;

/** The one line a turn's retries and final error share. */
export function turnNoticeKey(turnId: string): string {
  return `turn:${turnId}`;
}

const RETRY_PROGRESS = /(\d+)\s*\/\s*(\d+)/;
const MODEL_METADATA = /^Model metadata for `([^`]+)` not found/;
/** codex prefixes a config parse error with where it is: `<path>:<line>:<column>: `. */
const LOCATION_PREFIX = /^.*?:\d+:\d+:\s*/;

export function codexNotice(notification: NoticeNotification): MappedNotice[] {
  switch (notification.method) {
    case "error": {
      const { threadId, turnId, error, willRetry } = notification.params;
      const scope = { key: turnNoticeKey(turnId), threadId, turnId };
      if (willRetry) {
        const progress = RETRY_PROGRESS.exec(error.message);
        const message = progress
          ? l10n.t("Reconnecting… {0} of {1}", Number(progress[1]), Number(progress[2]))
          : l10n.t("Reconnecting…");
        const notice = { level: "warning", message, details: error.additionalDetails, ...scope };
        return [{ kind: "notice", threadId, notice: notice as NoticeInput }];
      }
      const details = error.additionalDetails;
      return [
        {
          kind: "notice",
          threadId,
          notice: { level: "error", message: error.message, details, ...scope },
        },
      ];
    }
    case "warning": {
      const { threadId, message } = notification.params;
      const model = MODEL_METADATA.exec(message)?.[1];
      if (model === undefined) {
        return [
          {
            kind: "notice",
            threadId,
            notice: { level: "warning", message, details: null, threadId },
          },
        ];
      }
      const notice: NoticeInput = {
        level: "info",
        message: l10n.t(
          "Codex has no details about the model “{0}” (usual with a custom provider) and uses general defaults, so some tools may be missing.",
          model,
        ),
        details: message,
        actions: [{ kind: "dontShowAgain" }],
        key: `modelMetadata:${model}`,
        once: true,
        threadId,
      };
      return [{ kind: "notice", threadId, notice }];
    }
    case "configWarning": {
      const { summary, details, path, range } = notification.params;
      const line = range?.start.line ?? null;
      const why = details?.replace(LOCATION_PREFIX, "") ?? null;
      let where: string | null = null;
      if (path && line !== null) where = l10n.t("{0}, line {1}", path, line);
      else if (path) where = path;
      const body = [summary, where && why ? `${where}: ${why}` : (where ?? why)].filter(Boolean);
      const notice: NoticeInput = {
        level: "warning",
        message: body.join("\n"),
        details: null,
        ...(path ? { actions: [{ kind: "openFile", path, line }] } : {}),
      };
      return [{ kind: "notice", threadId: null, notice }];
    }
    case "deprecationNotice": {
      const { summary, details } = notification.params;
      return [
        {
          kind: "log",
          message: `codex deprecation notice: ${summary}${details ? ` (${details})` : ""}`,
        },
      ];
    }
  }
}
