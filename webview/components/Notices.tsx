/** Errors, warnings and config warnings from the host, each dismissible. */
import type { NoticeView } from "../../protocol/webview/viewModel";
import { send } from "../host";
import { localizedMemo, t } from "../l10n";
import { useView } from "../state/store";
import { Button, Disclosure, Icon, useExpanded } from "./common";

const ICONS: Record<NoticeView["level"], string> = {
  error: "error",
  warning: "warning",
  info: "info",
};

const Notice = localizedMemo(function Notice({ notice }: { notice: NoticeView }) {
  const [open, toggle] = useExpanded(`notice:${notice.id}`, false);
  return (
    <div
      class={`notice notice-${notice.level}`}
      role={notice.level === "error" ? "alert" : "status"}
    >
      <Icon name={ICONS[notice.level] ?? "info"} />
      <div class="notice-body">
        <div>{notice.message}</div>
        {notice.details && (
          <>
            <Disclosure open={open} onToggle={toggle} label={t("common.details")} />
            {open && <pre class="notice-details">{notice.details}</pre>}
          </>
        )}
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
  if (notices.length === 0) return null;
  return (
    <div class="notices">
      {notices.map((notice) => (
        <Notice key={notice.id} notice={notice} />
      ))}
    </div>
  );
}
