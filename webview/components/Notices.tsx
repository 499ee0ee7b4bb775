/**
 * What is wrong now, as a stack that never buries the chat: the newest notice shows, the others
 * fold under "N more" and expand on demand, and the stack is capped at a third of the view (it
 * scrolls inside), so the transcript and the composer keep their room. The host keeps the list
 * short (a retry line updates in place, repeats count up, notices end with their cause).
 */
import type { NoticeView } from "../../protocol/webview/viewModel";
import { useState } from "preact/hooks";
import { send } from "../host";
import { localizedMemo, t } from "../l10n";
import { useView } from "../state/store";
import { Button, Disclosure, Icon, useExpanded } from "./common";

const ICONS: Record<NoticeView["level"], string> = {
  error: "error",
  warning: "warning",
  info: "info",
};

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function NoticeActions({ notice }: { notice: NoticeView }) {
  if (!notice.actions?.length) return null;
  return (
    <div class="notice-actions">
      {notice.actions.map((action) =>
        action.kind === "openFile" ? (
          <Button
            key="openFile"
            variant="secondary"
            icon="go-to-file"
            onClick={() => send("notice/openFile", { noticeId: notice.id })}
          >
            {t("notice.openFile", fileName(action.path))}
          </Button>
        ) : (
          <Button
            key="dontShowAgain"
            variant="secondary"
            onClick={() => send("notice/dismiss", { noticeId: notice.id, forever: true })}
          >
            {t("notice.dontShowAgain")}
          </Button>
        ),
      )}
    </div>
  );
}

const Notice = localizedMemo(function Notice({ notice }: { notice: NoticeView }) {
  const [open, toggle] = useExpanded(`notice:${notice.id}`, false);
  const count = notice.count ?? 1;
  return (
    <div
      class={`notice notice-${notice.level}`}
      role={notice.level === "error" ? "alert" : "status"}
      data-notice-id={notice.id}
    >
      <Icon name={ICONS[notice.level] ?? "info"} />
      <div class="notice-body">
        <div class="notice-message">
          {notice.message}
          {count > 1 && (
            <span class="notice-count" title={t("notice.count", count)}>
              {" "}
              ×{count}
            </span>
          )}
        </div>
        {notice.details && (
          <>
            <Disclosure open={open} onToggle={toggle} label={t("common.details")} />
            {open && <pre class="notice-details">{notice.details}</pre>}
          </>
        )}
        <NoticeActions notice={notice} />
      </div>
      <Button
        variant="icon"
        icon="close"
        aria-label={t("notice.dismiss")}
        title={t("notice.dismiss")}
        onClick={() => send("notice/dismiss", { noticeId: notice.id })}
      />
    </div>
  );
});

export function Notices() {
  const notices = useView((view) => view.notices);
  // Not remembered: a new trouble starts folded again.
  const [expanded, setExpanded] = useState(false);
  if (notices.length === 0) return null;
  // Newest first: what just happened is what the user sees.
  const newestFirst = notices.slice().reverse();
  const shown = expanded ? newestFirst : newestFirst.slice(0, 1);
  const hidden = notices.length - 1;
  return (
    <section class="notices" aria-label={t("notice.stackLabel")}>
      <div class="notices-list">
        {shown.map((notice) => (
          <Notice key={notice.id} notice={notice} />
        ))}
      </div>
      {hidden > 0 && (
        <button
          type="button"
          class="notices-toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          <Icon name={expanded ? "chevron-up" : "chevron-down"} />
          {expanded ? t("notice.showLess") : t("notice.showMore", hidden)}
        </button>
      )}
    </section>
  );
}
