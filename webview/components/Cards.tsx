/**
 * Cards from slash commands, the last rows of the transcript (full width, scrolled with it) until
 * dismissed or another thread is shown: `/status` (thread, context use, rate limits, account) and
 * `/mcp` (the MCP panel: servers live, their tools, Reload, Sign in; McpPanel.tsx).
 */
import type { AccountView, CardView, StatusCardView } from "../../protocol/webview/viewModel";
import type { RateLimitWindow } from "../../protocol/codex/v2/RateLimitWindow";
import { send } from "../host";
import { t, type MessageKey } from "../l10n";
import { Button, Icon } from "./common";
import { McpPanelBody, McpReloadButton } from "./McpPanel";

function formatTokens(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${(count / 1_000).toFixed(1)}k`;
  return String(count);
}

function accountText(account: AccountView): string {
  switch (account.status) {
    case "signedIn":
      return account.account.type === "chatgpt"
        ? [account.account.email, account.account.planType].filter(Boolean).join(" · ") ||
            t("account.chatgpt")
        : t("account.apiKey");
    case "notRequired":
      return t("account.notRequired");
    case "signedOut":
    case "signingIn":
      return t("account.notSignedIn");
    case "unknown":
      return t("account.checking");
  }
}

function limitText(window: RateLimitWindow): string {
  const used = t("card.status.used", Math.round(window.usedPercent));
  return window.resetsAt !== null
    ? `${used} — ${t("usage.resetsAt", new Date(window.resetsAt * 1000).toLocaleString())}`
    : used;
}

function Field({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function StatusCard({ card }: { card: StatusCardView }) {
  const usage = card.tokenUsage;
  const window = usage?.modelContextWindow ?? null;
  const used = usage?.last.totalTokens ?? null;
  const modeKey: MessageKey = `mode.${card.mode}`;
  return (
    <dl class="card-fields">
      <Field label={t("card.status.thread")}>
        {card.threadId ? <code>{card.threadId}</code> : t("card.status.noThread")}
      </Field>
      {card.cwd && (
        <Field label={t("card.status.cwd")}>
          <code>{card.cwd}</code>
        </Field>
      )}
      <Field label={t("card.status.model")}>
        {card.model ?? t("pickers.defaultModel")} · {t(modeKey)}
      </Field>
      <Field label={t("card.status.context")}>
        {used !== null && window
          ? t(
              "card.status.contextUsed",
              formatTokens(used),
              formatTokens(window),
              Math.round((used / window) * 100),
            )
          : used !== null
            ? formatTokens(used)
            : t("card.status.unknown")}
      </Field>
      {card.rateLimits?.primary && (
        <Field label={t("usage.primary")}>{limitText(card.rateLimits.primary)}</Field>
      )}
      {card.rateLimits?.secondary && (
        <Field label={t("usage.secondary")}>{limitText(card.rateLimits.secondary)}</Field>
      )}
      {!card.rateLimits?.primary && !card.rateLimits?.secondary && (
        <Field label={t("card.status.limits")}>{t("card.status.unknown")}</Field>
      )}
      <Field label={t("account.title")}>{accountText(card.account)}</Field>
    </dl>
  );
}

export function Card({ card }: { card: CardView }) {
  const title = card.kind === "status" ? t("card.status.title") : t("card.mcp.title");
  return (
    <section class="card" aria-label={title}>
      <header class="card-header">
        <Icon name={card.kind === "status" ? "pulse" : "plug"} />
        <span class="card-title">{title}</span>
        {card.kind === "mcp" && <McpReloadButton card={card} />}
        <Button
          variant="icon"
          icon="close"
          aria-label={t("card.dismiss", title)}
          title={t("card.dismiss", title)}
          onClick={() => send("card/dismiss", { cardId: card.id })}
        />
      </header>
      {card.kind === "status" ? <StatusCard card={card} /> : <McpPanelBody card={card} />}
    </section>
  );
}
