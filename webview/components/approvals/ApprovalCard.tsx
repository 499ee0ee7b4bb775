/**
 * An approval inline in the transcript. Each kind renders its own body; every answer goes
 * through `approval/answer`. Answered and cancelled approvals collapse to a one-line record.
 */
import { useState } from "preact/hooks";
import type { ApprovalView } from "../../../protocol/webview/viewModel";
import { errorMessage, request } from "../../host";
import { localizedMemo, t } from "../../l10n";
import { usePathContext } from "../../state/pathContext";
import { useSelector } from "../../state/store";
import { ErrorText, Icon } from "../common";
import {
  CommandApproval,
  FileChangeApproval,
  PermissionsApproval,
  approvalAction,
} from "./DecisionApprovals";
import { ElicitationApproval, UserInputApproval } from "./FormApprovals";
import { useAnswer } from "./useAnswer";

function PendingBody({ approval }: { approval: ApprovalView }) {
  const { busy, error, answer } = useAnswer(approval.id);
  const paths = usePathContext(approval.workspaceFolders);
  const request = approval.request;
  const answering = { busy, answer, paths };
  let body;
  switch (request.kind) {
    case "command":
      body = <CommandApproval params={request.params} {...answering} />;
      break;
    case "fileChange":
      body = <FileChangeApproval params={request.params} {...answering} />;
      break;
    case "permissions":
      body = <PermissionsApproval params={request.params} {...answering} />;
      break;
    case "userInput":
      body = <UserInputApproval params={request.params} busy={busy} answer={answer} />;
      break;
    case "elicitation":
      body = <ElicitationApproval params={request.params} busy={busy} answer={answer} />;
      break;
    default:
      body = <div class="muted">{t("approval.unknown")}</div>;
  }
  return (
    <>
      {body}
      {error && <ErrorText>{error}</ErrorText>}
    </>
  );
}

/**
 * An approval from a thread that is not on screen (the sidebar takes the requests no view shows,
 * e.g. a thread left working in the background): it says so, and opens that thread.
 */
function OtherThreadLine({ threadId }: { threadId: string }) {
  const [error, setError] = useState<string | null>(null);
  const open = () =>
    void request("history/resume", { threadId }).catch((err: unknown) =>
      setError(errorMessage(err)),
    );
  return (
    <div class="approval-other-thread">
      <span>{t("approval.otherThread")}</span>
      <button type="button" class="btn-link" onClick={open}>
        {t("approval.openThread")}
      </button>
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}

/** The title says what kind of action is asked for. */
const TITLES: Record<string, () => string> = {
  command: () => t("approval.command.title"),
  writeStdin: () => t("approval.stdin.title"),
  network: () => t("approval.network.title"),
  fileChange: () => t("approval.fileChange.title"),
  permissions: () => t("approval.permissions.title"),
  userInput: () => t("approval.userInput.title"),
  elicitation: () => t("approval.elicitation.title"),
};

export const ApprovalCard = localizedMemo(function ApprovalCard({
  approval,
}: {
  approval: ApprovalView;
}) {
  const title = (TITLES[approvalAction(approval.request)] ?? (() => t("approval.unknown")))();
  const viewThreadId = useSelector((state) => state.view?.thread?.id ?? null);
  const headingId = `approval-title-${approval.id}`;
  if (approval.status !== "pending") {
    const cancelled = approval.status === "cancelled";
    return (
      <div class={`approval approval-${approval.status}`} id={`approval-${approval.id}`}>
        <Icon name={cancelled ? "circle-slash" : "check"} />
        <span>{title}</span>
        <span class="muted">{cancelled ? t("approval.cancelled") : t("approval.answered")}</span>
      </div>
    );
  }
  return (
    <section
      class="approval approval-pending"
      id={`approval-${approval.id}`}
      aria-labelledby={headingId}
    >
      <div class="approval-title" id={headingId}>
        <Icon name="shield" />
        <span>{title}</span>
      </div>
      {approval.threadId !== viewThreadId && <OtherThreadLine threadId={approval.threadId} />}
      <PendingBody approval={approval} />
    </section>
  );
});
