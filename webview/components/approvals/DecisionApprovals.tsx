/**
 * Approvals answered with a decision: commands (and input to a running process, and network
 * access), file changes, extra permissions. Everything codex or the model wrote is shown whole,
 * with hidden characters marked (revealHidden); paths relative to the workspace or flagged as
 * outside it (workspacePath).
 */
import type { ComponentChildren } from "preact";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import type { FileSystemSandboxEntry } from "../../../protocol/codex/v2/FileSystemSandboxEntry";
import type { NetworkApprovalContext } from "../../../protocol/codex/v2/NetworkApprovalContext";
import type { ApprovalRequestView } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { useSelector } from "../../state/store";
import { revealInline, revealMultiline } from "../../../protocol/webview/revealHidden";
import { unwrapShell } from "../../../protocol/webview/shellCommand";
import { showPath, type PathContext } from "../../../protocol/webview/workspacePath";
import { Button } from "../common";
import { AlwaysAllow } from "./AlwaysAllow";
import { PathLabel, pathLabelText } from "./PathLabel";

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
      <Button variant="secondary" disabled={busy} onClick={decide("decline")}>
        {t("approval.decline")}
      </Button>
      {/* A short label so the three fit one row in a narrow sidebar; the full name is its name. */}
      <Button
        variant="secondary"
        disabled={busy}
        aria-label={t("approval.acceptForSession")}
        title={t("approval.acceptForSession")}
        onClick={decide("acceptForSession")}
      >
        {t("approval.acceptForSession.short")}
      </Button>
    </div>
  );
}

/** A labelled value on one line ("Host: example.com"); the value wraps anywhere. */
function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="approval-field">
      <span class="approval-field-label">{label}</span> {children}
    </div>
  );
}

function Reason({ text }: { text: string | null | undefined }) {
  return text ? <div class="approval-reason">{revealMultiline(text)}</div> : null;
}

const PROTOCOLS: Record<string, string> = {
  http: "HTTP",
  https: "HTTPS",
  socks5Tcp: "SOCKS5 (TCP)",
  socks5Udp: "SOCKS5 (UDP)",
};

/**
 * The ASCII (punycode) form of a host written with non-ASCII letters, so `exаmple.com` with a
 * Cyrillic `а` does not pass for `example.com`. Null for ASCII hosts and for text that is not a
 * plain host name (URL parsing would pick a different part of it).
 */
function asciiHost(host: string): string | null {
  if (!/[^\x21-\x7e]/.test(host) || /[\s/\\@:?#[\]]/.test(host)) return null;
  try {
    const ascii = new URL(`http://${host}`).hostname;
    return ascii && ascii !== host ? ascii : null;
  } catch {
    return null;
  }
}

function NetworkTarget({ context }: { context: NetworkApprovalContext }) {
  const ascii = asciiHost(context.host);
  return (
    <>
      <Field label={t("approval.field.host")}>
        <code class="approval-value">{revealInline(context.host)}</code>
        {ascii && <code class="approval-value"> ({ascii})</code>}
      </Field>
      <Field label={t("approval.field.protocol")}>
        {PROTOCOLS[context.protocol] ?? revealInline(String(context.protocol))}
      </Field>
    </>
  );
}

/** The command a `writeStdin` approval would type into, when the transcript has it. */
function useRunningCommand(params: ParamsOf<"command">): string | null {
  return useSelector((state) => {
    const turn = state.view?.thread?.turns.find((candidate) => candidate.id === params.turnId);
    const item = turn?.items.find((candidate) => candidate.id === params.itemId);
    return item?.type === "commandExecution" ? item.command : null;
  });
}

export function CommandApproval({
  params,
  paths,
  ...rest
}: { params: ParamsOf<"command">; paths: PathContext } & Answering) {
  const command =
    params.command ?? params.commandActions?.map((action) => action.command).join(" && ") ?? "";
  const stdin = params.kind === "writeStdin";
  const process = useRunningCommand(params);
  // The script the model asked for; codex's `/bin/bash -lc '…'` wrapper is on hover.
  const script = !stdin && typeof command === "string" ? unwrapShell(command) : null;
  const shown = script ?? command;
  const lines = typeof shown === "string" ? shown.split("\n").length : 1;
  return (
    <div class="approval-body">
      <Reason text={params.reason} />
      {params.networkApprovalContext && <NetworkTarget context={params.networkApprovalContext} />}
      {stdin && process && (
        <Field label={t("approval.field.process")}>
          <code class="approval-value">{revealInline(process)}</code>
        </Field>
      )}
      {params.networkApprovalContext && command && (
        <div class="muted">{t("approval.network.requestedBy")}</div>
      )}
      {stdin && <div class="muted">{t("approval.stdin.input")}</div>}
      {/* Input to a process is keystrokes: a line feed is Enter, so it is marked, not applied. */}
      {(command || stdin) && (
        <pre class="approval-command" title={script ? revealInline(String(command)) : undefined}>
          {stdin ? revealInline(command) : revealMultiline(shown)}
        </pre>
      )}
      {!stdin && lines > 1 && <div class="muted">{t("approval.command.lines", lines)}</div>}
      {params.cwd && (
        <Field label={t("approval.field.cwd")}>
          <PathLabel shown={showPath(params.cwd, paths.folders, paths.base)} />
        </Field>
      )}
      <DecisionButtons {...rest} />
      <AlwaysAllow params={params} {...rest} />
    </div>
  );
}

export function FileChangeApproval({
  params,
  paths,
  ...rest
}: { params: ParamsOf<"fileChange">; paths: PathContext } & Answering) {
  const changes = useSelector((state) => {
    const turn = state.view?.thread?.turns.find((candidate) => candidate.id === params.turnId);
    const item = turn?.items.find((candidate) => candidate.id === params.itemId);
    return item?.type === "fileChange" ? item.changes : null;
  });
  return (
    <div class="approval-body">
      <Reason text={params.reason} />
      {params.grantRoot && (
        <Field label={t("approval.fileChange.grantRootUnder")}>
          <PathLabel shown={showPath(params.grantRoot, paths.folders, paths.base)} />
        </Field>
      )}
      {changes && changes.length > 0 ? (
        <ul class="approval-files">
          {changes.map((change) => {
            const shown = showPath(change.path, paths.folders, paths.base);
            return (
              <li key={change.path}>
                <Button
                  variant="link"
                  icon="diff"
                  aria-label={t("fileChange.openDiffFor", pathLabelText(shown))}
                  onClick={() =>
                    send("editor/openFileDiff", {
                      turnId: params.turnId,
                      itemId: params.itemId,
                      path: change.path,
                    })
                  }
                >
                  <PathLabel shown={shown} />
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div class="approval-files">
        <Button
          variant="link"
          icon="diff-multiple"
          onClick={() =>
            send("editor/openItemDiff", { turnId: params.turnId, itemId: params.itemId })
          }
        >
          {t("fileChange.reviewAll")}
        </Button>
      </div>
      <DecisionButtons {...rest} />
    </div>
  );
}

const ACCESS_LABEL: Record<string, () => string> = {
  read: () => t("approval.permissions.read"),
  write: () => t("approval.permissions.write"),
  deny: () => t("approval.permissions.noAccess"),
};

function EntryPath({ entry, paths }: { entry: FileSystemSandboxEntry; paths: PathContext }) {
  const target = entry.path;
  switch (target.type) {
    case "path":
      return <PathLabel shown={showPath(target.path, paths.folders, paths.base)} />;
    case "glob_pattern":
      return <code class="approval-value">{revealInline(target.pattern)}</code>;
    case "special": {
      const special = target.value;
      if (special.kind === "root") return <code class="approval-value">/</code>;
      if (special.kind === "slash_tmp") return <code class="approval-value">/tmp</code>;
      if (special.kind === "tmpdir") return <code class="approval-value">$TMPDIR</code>;
      if (special.kind === "minimal") return <span>{t("approval.permissions.minimal")}</span>;
      if (special.kind === "project_roots") {
        return special.subpath ? (
          <PathLabel shown={showPath(special.subpath, paths.folders, paths.base)} />
        ) : (
          <span>{t("approval.permissions.projectRoots")}</span>
        );
      }
      return <code class="approval-value">{revealInline(special.path)}</code>;
    }
  }
}

function PermissionLines({
  params,
  paths,
}: {
  params: ParamsOf<"permissions">;
  paths: PathContext;
}) {
  const { network, fileSystem } = params.permissions;
  const lines: { key: string; label: string; value: ComponentChildren }[] = [];
  if (network?.enabled) {
    lines.push({ key: "network", label: t("approval.permissions.network"), value: null });
  }
  if (fileSystem) {
    for (const access of ["read", "write"] as const) {
      for (const path of fileSystem[access] ?? []) {
        lines.push({
          key: `${access}:${path}`,
          label: ACCESS_LABEL[access]!(),
          value: <PathLabel shown={showPath(path, paths.folders, paths.base)} />,
        });
      }
    }
    (fileSystem.entries ?? []).forEach((entry, index) => {
      lines.push({
        key: `entry:${index}`,
        label: (ACCESS_LABEL[entry.access] ?? (() => revealInline(String(entry.access))))(),
        value: <EntryPath entry={entry} paths={paths} />,
      });
    });
    if (lines.length === (network?.enabled ? 1 : 0)) {
      lines.push({ key: "fs", label: t("approval.permissions.fileSystem"), value: null });
    }
  }
  return (
    <ul class="approval-permissions">
      {lines.map(({ key, label, value }) => (
        <li key={key}>
          {value === null ? (
            label
          ) : (
            <>
              <span class="approval-field-label">{label}</span> {value}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function PermissionsApproval({
  params,
  paths,
  busy,
  answer,
}: { params: ParamsOf<"permissions">; paths: PathContext } & Answering) {
  return (
    <div class="approval-body">
      <Reason text={params.reason} />
      <PermissionLines params={params} paths={{ ...paths, base: params.cwd || paths.base }} />
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

/** What a decision approval is about, as its title says it. */
export type ApprovalAction =
  "command" | "writeStdin" | "network" | "fileChange" | "permissions" | "userInput" | "elicitation";

export function approvalAction(request: ApprovalRequestView): ApprovalAction {
  if (request.kind === "command") {
    if (request.params.kind === "writeStdin") return "writeStdin";
    if (request.params.networkApprovalContext) return "network";
  }
  return request.kind;
}
