/** Approvals answered with a decision: commands, file changes, extra permissions. */
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import type { ApprovalRequestView } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { useSelector } from "../../state/store";
import { Button, Icon, basename } from "../common";

type ParamsOf<K extends ApprovalRequestView["kind"]> = Extract<
  ApprovalRequestView,
  { kind: K }
>["params"];

interface Answering {
  busy: boolean;
  answer(value: ApprovalAnswer): void;
}

function DecisionButtons({ busy, answer }: Answering) {
  const decide = (decision: "accept" | "acceptForSession" | "decline") => () =>
    answer({ kind: "decision", decision });
  return (
    <div class="approval-actions">
      <Button variant="primary" disabled={busy} onClick={decide("accept")}>
        {t("approval.accept")}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={decide("acceptForSession")}>
        {t("approval.acceptForSession")}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={decide("decline")}>
        {t("approval.decline")}
      </Button>
    </div>
  );
}

export function CommandApproval({ params, ...rest }: { params: ParamsOf<"command"> } & Answering) {
  const command =
    params.command ?? params.commandActions?.map((action) => action.command).join(" && ") ?? "";
  return (
    <div class="approval-body">
      {params.reason && <div class="approval-reason">{params.reason}</div>}
      {command && <pre class="approval-command">{command}</pre>}
      {params.cwd && (
        <div class="muted" title={params.cwd}>
          <Icon name="folder" /> {params.cwd}
        </div>
      )}
      {params.networkApprovalContext && <div class="muted">{t("approval.command.network")}</div>}
      <DecisionButtons {...rest} />
    </div>
  );
}

export function FileChangeApproval({
  params,
  ...rest
}: { params: ParamsOf<"fileChange"> } & Answering) {
  const paths = useSelector((state) => {
    const turn = state.view?.thread?.turns.find((candidate) => candidate.id === params.turnId);
    const item = turn?.items.find((candidate) => candidate.id === params.itemId);
    return item?.type === "fileChange" ? item.changes : null;
  });
  return (
    <div class="approval-body">
      {params.reason && <div class="approval-reason">{params.reason}</div>}
      {params.grantRoot && (
        <div class="muted">{t("approval.fileChange.grantRoot", params.grantRoot)}</div>
      )}
      <div class="approval-files">
        {paths && paths.length > 0 ? (
          paths.map((change) => (
            <Button
              key={change.path}
              variant="link"
              icon="diff"
              aria-label={t("fileChange.openDiffFor", change.path)}
              onClick={() =>
                send("editor/openFileDiff", {
                  turnId: params.turnId,
                  itemId: params.itemId,
                  path: change.path,
                })
              }
            >
              {basename(change.path)}
            </Button>
          ))
        ) : (
          <Button
            variant="link"
            icon="diff"
            onClick={() => send("editor/openTurnDiff", { turnId: params.turnId })}
          >
            {t("fileChange.openDiff")}
          </Button>
        )}
      </div>
      <DecisionButtons {...rest} />
    </div>
  );
}

function describePermissions(params: ParamsOf<"permissions">): string[] {
  const lines: string[] = [];
  const { network, fileSystem } = params.permissions;
  if (network) lines.push(t("approval.permissions.network"));
  if (fileSystem) {
    const fs = fileSystem as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(fs)) {
      if (Array.isArray(value) && value.length > 0)
        lines.push(`${key}: ${value.map((entry) => String(entry)).join(", ")}`);
    }
    if (lines.length === (network ? 1 : 0)) lines.push(t("approval.permissions.fileSystem"));
  }
  return lines;
}

export function PermissionsApproval({
  params,
  busy,
  answer,
}: { params: ParamsOf<"permissions"> } & Answering) {
  return (
    <div class="approval-body">
      {params.reason && <div class="approval-reason">{params.reason}</div>}
      <ul class="approval-permissions">
        {describePermissions(params).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div class="approval-actions">
        <Button
          variant="primary"
          disabled={busy}
          onClick={() => answer({ kind: "permissions", grant: true, scope: "turn" })}
        >
          {t("approval.permissions.grantTurn")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => answer({ kind: "permissions", grant: true, scope: "session" })}
        >
          {t("approval.permissions.grantSession")}
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => answer({ kind: "permissions", grant: false, scope: "turn" })}
        >
          {t("approval.permissions.deny")}
        </Button>
      </div>
    </div>
  );
}
