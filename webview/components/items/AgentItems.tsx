/**
 * Codex's sub-agents (`collabAgentToolCall`: the main agent starts, messages, waits for or closes
 * other agents; `subAgentActivity`: what a sub-agent did) and the text hooks added to the prompt
 * (`hookPrompt`).
 */
import type { CollabAgentStatus } from "../../../protocol/codex/v2/CollabAgentStatus";
import type { CollabAgentTool } from "../../../protocol/codex/v2/CollabAgentTool";
import type { HookRunSummary } from "../../../protocol/codex/v2/HookRunSummary";
import type { ThreadItem } from "../../../protocol/webview/viewModel";
import { t, type MessageKey } from "../../l10n";
import { revealInline } from "../../../protocol/webview/revealHidden";
import { Disclosure, Icon, StatusIcon, basename, formatDuration, useExpanded } from "../common";

type Of<K extends ThreadItem["type"]> = Extract<ThreadItem, { type: K }>;

/** Prompts and hook texts are shown up to this many characters. */
const MAX_TEXT_CHARS = 20_000;

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n…` : text;
}

const TOOL_LABEL: Record<CollabAgentTool, MessageKey> = {
  spawnAgent: "agent.tool.spawnAgent",
  sendInput: "agent.tool.sendInput",
  resumeAgent: "agent.tool.resumeAgent",
  wait: "agent.tool.wait",
  closeAgent: "agent.tool.closeAgent",
  sendMessage: "agent.tool.sendMessage",
  followupTask: "agent.tool.followupTask",
  interruptAgent: "agent.tool.interruptAgent",
  listAgents: "agent.tool.listAgents",
};

/** A tool a newer codex added gets a neutral label with its name. */
function toolLabel(tool: string): MessageKey {
  return (TOOL_LABEL as Partial<Record<string, MessageKey>>)[tool] ?? "agent.tool.other";
}

const AGENT_STATUS: Record<CollabAgentStatus, { key: MessageKey; icon: string }> = {
  pendingInit: { key: "agent.status.pendingInit", icon: "loading" },
  running: { key: "agent.status.running", icon: "loading" },
  interrupted: { key: "agent.status.interrupted", icon: "debug-stop" },
  completed: { key: "agent.status.completed", icon: "pass" },
  errored: { key: "agent.status.errored", icon: "error" },
  shutdown: { key: "agent.status.shutdown", icon: "circle-slash" },
  notFound: { key: "agent.status.notFound", icon: "question" },
};

/** A sub-agent's thread id is long and opaque: its tail is enough to tell agents apart. */
export function agentLabel(threadId: string): string {
  return t("agent.label", threadId.length > 8 ? threadId.slice(-8) : threadId);
}

function AgentState({ threadId, item }: { threadId: string; item: Of<"collabAgentToolCall"> }) {
  const state = item.agentsStates[threadId];
  const status = state
    ? (AGENT_STATUS as Partial<Record<string, (typeof AGENT_STATUS)[CollabAgentStatus]>>)[
        state.status
      ]
    : undefined;
  const running = state?.status === "running" || state?.status === "pendingInit";
  return (
    <li class={`agent-state agent-${state?.status ?? "unknown"}`}>
      <div class="item-header">
        {status ? (
          <Icon name={status.icon} spin={running} label={t(status.key)} />
        ) : (
          <Icon name="circle-outline" />
        )}
        <span class="agent-name" title={threadId}>
          {agentLabel(threadId)}
        </span>
        {status && <span class="muted">{t(status.key)}</span>}
      </div>
      {state?.message && <div class="agent-state-message">{clip(state.message)}</div>}
    </li>
  );
}

export function CollabAgentToolCall({ item }: { item: Of<"collabAgentToolCall"> }) {
  const running = item.status === "inProgress";
  const [open, toggle] = useExpanded(`agent:${item.id}`, running);
  const bodyId = `agent-body-${item.id}`;
  const model = [item.model, item.reasoningEffort].filter(Boolean).join(" · ");
  const agents = item.receiverThreadIds;
  const hasBody = Boolean(item.prompt) || agents.length > 0;
  return (
    <div class={`item sub-agent status-${item.status}`}>
      <div class="item-header">
        <StatusIcon status={item.status} />
        <Icon name="hubot" />
        <span class="ellipsis">{t(toolLabel(item.tool), item.tool)}</span>
        {agents.length > 1 && <span class="muted">{t("agent.count", agents.length)}</span>}
      </div>
      {model && (
        <div class="item-meta">
          <span class="muted">{model}</span>
        </div>
      )}
      {hasBody && (
        <>
          <Disclosure open={open} onToggle={toggle} controls={bodyId} label={t("agent.details")} />
          {open && (
            <div id={bodyId} class="agent-body">
              {item.prompt && (
                <>
                  <div class="muted">{t("agent.prompt")}</div>
                  <div class="agent-prompt">{clip(item.prompt)}</div>
                </>
              )}
              {agents.length > 0 && (
                <ul class="agent-list" aria-label={t("agent.listLabel")}>
                  {agents.map((threadId) => (
                    <AgentState key={threadId} threadId={threadId} item={item} />
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}

const ACTIVITY_ICON: Partial<Record<string, string>> = {
  started: "debug-start",
  interacted: "comment",
  interrupted: "debug-stop",
  completed: "pass",
};

export function SubAgentActivity({ item }: { item: Of<"subAgentActivity"> }) {
  const who = item.agentPath || agentLabel(item.agentThreadId);
  const model = [item.model, item.reasoningEffort].filter(Boolean).join(" · ");
  return (
    <div class="item row-compact sub-agent-activity">
      <Icon name={ACTIVITY_ICON[item.kind] ?? "hubot"} />
      <span class="ellipsis" title={item.agentThreadId}>
        {t(
          item.kind in ACTIVITY_ICON
            ? (`agent.activity.${item.kind}` as const)
            : "agent.activity.other",
          revealInline(who),
        )}
      </span>
      {model && <span class="muted ellipsis">{model}</span>}
    </div>
  );
}

export function HookPrompt({ item }: { item: Of<"hookPrompt"> }) {
  const [open, toggle] = useExpanded(`hook:${item.id}`, false);
  const bodyId = `hook-body-${item.id}`;
  const text = item.fragments.map((fragment) => fragment.text).join("\n\n");
  return (
    <div class="item hook-prompt">
      <div class="item-header">
        <Icon name="symbol-event" />
        <span>{t("hook.prompt", item.fragments.length)}</span>
      </div>
      {text && (
        <>
          <Disclosure open={open} onToggle={toggle} controls={bodyId} label={t("hook.text")} />
          {open && (
            <div id={bodyId} class="hook-text">
              {clip(text)}
            </div>
          )}
        </>
      )}
    </div>
  );
}

const HOOK_STATUS: Partial<Record<string, { icon: string; key: MessageKey }>> = {
  running: { icon: "loading", key: "hook.status.running" },
  completed: { icon: "pass", key: "hook.status.completed" },
  failed: { icon: "error", key: "hook.status.failed" },
  blocked: { icon: "circle-slash", key: "hook.status.blocked" },
  stopped: { icon: "debug-stop", key: "hook.status.stopped" },
};

/** A hook from config.toml ran: which one (its event and file), what it decided, what it said. */
export function HookRun({ run }: { run: HookRunSummary }) {
  const status = HOOK_STATUS[run.status];
  const duration = formatDuration(run.durationMs === null ? null : Number(run.durationMs));
  return (
    <div class={`item hook-run hook-${run.status}`}>
      <div class="row-compact">
        {status ? (
          <Icon name={status.icon} spin={run.status === "running"} label={t(status.key)} />
        ) : (
          <Icon name="symbol-event" />
        )}
        <span class="ellipsis" title={run.sourcePath}>
          {t("hook.ran", run.eventName, basename(run.sourcePath))}
        </span>
        <span class="hook-decision">{status ? t(status.key) : run.status}</span>
        {duration && <span class="muted">{duration}</span>}
      </div>
      {run.statusMessage && <div class="hook-text">{clip(run.statusMessage)}</div>}
      {run.entries.length > 0 && (
        <ul class="hook-entries">
          {run.entries.map((entry, index) => (
            <li key={index} class={`hook-entry hook-entry-${entry.kind}`}>
              {clip(entry.text)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
