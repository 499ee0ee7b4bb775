/**
 * The `/mcp` panel's body: each configured MCP server with its live state, sign-in, tools, and a
 * link to the config.toml table that declares it; Reload for all of them. Every action is a
 * request the host carries out (it checks the server name against the panel it keeps).
 */
import { useState } from "preact/hooks";
import type { McpCardView, McpServerView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { Button, ErrorText, Icon } from "./common";

/** One request at a time per action; its failure shown next to it. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action()
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
}

type Tone = "ok" | "busy" | "error" | "muted";

/** The state shown: the live startup report when there is one, else the listed runtime state. */
function stateOf(server: McpServerView): { text: string; tone: Tone } {
  const startup = server.startup?.state;
  if (startup === "starting" || server.status === "starting") {
    return { text: t("card.mcp.status.starting"), tone: "busy" };
  }
  if (startup === "failed") return { text: t("card.mcp.status.failed"), tone: "error" };
  if (startup === "cancelled") return { text: t("card.mcp.status.cancelled"), tone: "muted" };
  if (startup === "ready") return { text: t("card.mcp.status.connected"), tone: "ok" };
  if (!server.status) return { text: t("card.mcp.status.notStarted"), tone: "muted" };
  const tone: Tone =
    server.status === "connected"
      ? "ok"
      : server.status === "failed" || server.status === "authenticationRequired"
        ? "error"
        : "muted";
  return { text: t(`card.mcp.status.${server.status}`), tone };
}

const STATE_ICON: Record<Tone, string> = {
  ok: "pass-filled",
  busy: "loading",
  error: "error",
  muted: "circle-large-outline",
};

/** Sign-in is offered where codex says the server needs it (OAuth, not signed in). */
function needsSignIn(server: McpServerView): boolean {
  return (
    server.auth === "notLoggedIn" ||
    server.status === "authenticationRequired" ||
    server.login?.state === "failed"
  );
}

function ServerRow({ server }: { server: McpServerView }) {
  const action = useAction();
  const state = stateOf(server);
  const startupError = server.startup?.state === "failed" ? server.startup.error : null;
  const waiting = server.login?.state === "waiting";
  return (
    <li class="mcp-server">
      <div class="mcp-server-head">
        <Icon name="server" />
        <strong class="mcp-server-name">{server.name}</strong>
        <span class={`mcp-state mcp-state-${state.tone}`}>
          <Icon name={STATE_ICON[state.tone]!} spin={state.tone === "busy"} />
          {state.text}
        </span>
        <span class="muted">{t(`card.mcp.auth.${server.auth}`)}</span>
        <span class="mcp-server-actions">
          {needsSignIn(server) && !waiting && (
            <Button
              variant="secondary"
              icon="sign-in"
              disabled={action.busy}
              aria-label={t("card.mcp.signInTo", server.name)}
              onClick={() => action.run(() => request("mcp/login", { server: server.name }))}
            >
              {t("card.mcp.signIn")}
            </Button>
          )}
          <Button
            variant="link"
            icon="go-to-file"
            aria-label={t("card.mcp.openConfigFor", server.name)}
            title={t("card.mcp.openConfigFor", server.name)}
            onClick={() => action.run(() => request("mcp/openConfig", { server: server.name }))}
          >
            config.toml
          </Button>
        </span>
      </div>
      {waiting && (
        <div class="muted mcp-note">
          <Icon name="loading" spin /> {t("card.mcp.login.waiting")}
        </div>
      )}
      {server.login?.state === "succeeded" && (
        <div class="mcp-note">
          <Icon name="check" /> {t("card.mcp.login.succeeded")}
        </div>
      )}
      {server.login?.state === "failed" && server.login.error && (
        <ErrorText>{server.login.error}</ErrorText>
      )}
      {action.error && <ErrorText>{action.error}</ErrorText>}
      {startupError ? (
        <ErrorText>{startupError}</ErrorText>
      ) : server.toolsError ? (
        <ErrorText>{server.toolsError}</ErrorText>
      ) : server.tools.length === 0 ? (
        <div class="muted mcp-note">{t("card.mcp.noTools")}</div>
      ) : (
        <ul class="card-tools" aria-label={t("card.mcp.toolsOf", server.name)}>
          {server.tools.map((tool) => (
            <li key={tool.name} title={tool.description ?? undefined}>
              <code>{tool.name}</code>
              {tool.description && <span class="muted"> — {tool.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Reload, next to the panel's title. */
export function McpReloadButton({ card }: { card: McpCardView }) {
  const action = useAction();
  const reloading = card.busy === "reloading" || action.busy;
  return (
    <Button
      variant="secondary"
      icon={reloading ? "loading" : "refresh"}
      spin={reloading}
      disabled={reloading}
      title={t("card.mcp.reloadHint")}
      onClick={() => action.run(() => request("mcp/reload", {}))}
    >
      {reloading ? t("card.mcp.reloading") : t("card.mcp.reload")}
    </Button>
  );
}

export function McpPanelBody({ card }: { card: McpCardView }) {
  return (
    <>
      {card.error && <ErrorText>{card.error}</ErrorText>}
      {card.servers.length === 0 ? (
        <p class="muted">{t("card.mcp.none")}</p>
      ) : (
        <ul class="card-list mcp-servers">
          {card.servers.map((server) => (
            <ServerRow key={server.name} server={server} />
          ))}
          {card.truncated && <li class="muted">{t("card.mcp.truncated")}</li>}
        </ul>
      )}
    </>
  );
}
