/** Commands, file changes, web searches, MCP tool calls and a neutral row for everything else. */
import { useLayoutEffect, useRef } from "preact/hooks";
import type { ThreadItem } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { revealInline } from "../../../protocol/webview/revealHidden";
import { unwrapShell } from "../../../protocol/webview/shellCommand";
import { showPath } from "../../../protocol/webview/workspacePath";
import { usePathContext } from "../../state/pathContext";
import {
  Button,
  Disclosure,
  Icon,
  StatusIcon,
  basename,
  formatDuration,
  useExpanded,
} from "../common";
import { DiffCounts, diffStats } from "./diffStats";

type Of<K extends ThreadItem["type"]> = Extract<ThreadItem, { type: K }>;

/** Only the tail of huge outputs is rendered. */
const MAX_OUTPUT_CHARS = 50_000;
/** Appended output goes into text nodes of up to this many characters. */
const CHUNK_CHARS = 4_096;

/**
 * Text that grows at its end (live command output). A delta is appended as text instead of
 * replacing the whole text, so the browser re-lays out only the last chunk, not everything
 * printed so far. Only the tail is kept: at least `max` characters, whole chunks (less than
 * `max` + CHUNK_CHARS). Text that did not just grow is rendered anew.
 */
export function GrowingText({ text, max = MAX_OUTPUT_CHARS }: { text: string; max?: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<{ text: string; length: number } | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const previous = shown.current;
    if (previous && text.length >= previous.text.length && text.startsWith(previous.text)) {
      const delta = text.slice(previous.text.length);
      if (!delta) return;
      const last = element.lastChild as Text | null;
      if (last?.nodeType === 3 && last.length + delta.length <= CHUNK_CHARS) last.appendData(delta);
      else element.appendChild(document.createTextNode(delta));
      let length = previous.length + delta.length;
      for (
        let first = element.firstChild as Text | null;
        first;
        first = element.firstChild as Text | null
      ) {
        if (first === element.lastChild || length - first.length < max) break;
        length -= first.length;
        first.remove();
      }
      shown.current = { text, length };
      return;
    }
    const tail = text.length > max ? text.slice(-max) : text;
    const chunks = document.createDocumentFragment();
    for (let at = 0; at < tail.length; at += CHUNK_CHARS)
      chunks.appendChild(document.createTextNode(tail.slice(at, at + CHUNK_CHARS)));
    element.replaceChildren(chunks);
    shown.current = { text, length: tail.length };
  }, [text, max]);
  return <span ref={ref} />;
}

/** A command's directory as the approval card shows it (the same folders, the same base). */
function useCommandDirectory(cwd: string) {
  const { folders, base } = usePathContext();
  return showPath(cwd, folders, base);
}

export function CommandExecution({ item }: { item: Of<"commandExecution"> }) {
  const running = item.status === "inProgress";
  const directory = useCommandDirectory(item.cwd);
  const [open, toggle] = useExpanded(`command:${item.id}`, running);
  const output = item.aggregatedOutput ?? "";
  const clipped = output.length > MAX_OUTPUT_CHARS;
  const duration = formatDuration(item.durationMs);
  const outputId = `command-output-${item.id}`;
  return (
    <div class={`item command status-${item.status}`}>
      <div class="item-header">
        <StatusIcon status={item.status} />
        <code class="command-line" title={revealInline(item.command)}>
          {revealInline(unwrapShell(item.command) ?? item.command)}
        </code>
      </div>
      <div class="item-meta">
        <span class="muted" title={directory.absolute}>
          <Icon name="folder" /> {directory.text}
        </span>
        {item.exitCode !== null && (
          <span class={item.exitCode === 0 ? "muted" : "exit-bad"}>
            {t("command.exitCode", item.exitCode)}
          </span>
        )}
        {duration && <span class="muted">{duration}</span>}
      </div>
      {(output || running) && (
        <>
          <Disclosure
            open={open}
            onToggle={toggle}
            controls={outputId}
            label={running ? t("command.outputLive") : t("command.output")}
          />
          {open && (
            <pre class="command-output" id={outputId} tabIndex={0}>
              {clipped && <span class="muted">{t("command.outputClipped")}\n</span>}
              {output ? <GrowingText text={output} /> : running ? "…" : ""}
            </pre>
          )}
        </>
      )}
    </div>
  );
}

function changeKind(change: Of<"fileChange">["changes"][number]): "add" | "delete" | "update" {
  const type = (change.kind as { type?: string } | null)?.type;
  return type === "add" || type === "delete" ? type : "update";
}

/** What happened to the files, in words: a declined or failed patch changed nothing. */
function fileChangeHeadline(item: Of<"fileChange">): string {
  switch (item.status) {
    case "inProgress":
      return t("fileChange.editing", item.changes.length);
    case "declined":
      return t("fileChange.declined");
    case "failed":
      return t("fileChange.failed");
    default:
      return t("fileChange.edited", item.changes.length);
  }
}

export function FileChange({ item, turnId }: { item: Of<"fileChange">; turnId: string }) {
  return (
    <div class={`item file-change status-${item.status}`}>
      <div class="item-header">
        <StatusIcon status={item.status} />
        <span>{fileChangeHeadline(item)}</span>
        {item.changes.length > 1 && (
          <Button
            variant="link"
            icon="diff-multiple"
            onClick={() => send("editor/openItemDiff", { turnId, itemId: item.id })}
          >
            {t("fileChange.reviewAll")}
          </Button>
        )}
      </div>
      <ul class="file-list">
        {item.changes.map((change) => {
          const kind = changeKind(change);
          return (
            <li key={change.path} class="file-row">
              <Icon
                name={
                  kind === "add"
                    ? "diff-added"
                    : kind === "delete"
                      ? "diff-removed"
                      : "diff-modified"
                }
              />
              <span class="file-name" title={revealInline(change.path)}>
                {revealInline(basename(change.path))}
              </span>
              <DiffCounts stats={diffStats(change.diff, kind)} />
              <Button
                variant="link"
                aria-label={t("fileChange.openDiffFor", revealInline(change.path))}
                onClick={() =>
                  send("editor/openFileDiff", { turnId, itemId: item.id, path: change.path })
                }
              >
                {t("fileChange.openDiff")}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function WebSearch({ item }: { item: Of<"webSearch"> }) {
  const action = item.action;
  let detail = item.query;
  if (action?.type === "openPage" && action.url) detail = action.url;
  if (action?.type === "findInPage") detail = `${action.pattern ?? ""} — ${action.url ?? ""}`;
  if (action?.type === "search" && action.queries?.length) detail = action.queries.join(" · ");
  return (
    <div class="item row-compact">
      <Icon name="search" />
      <span>{action?.type === "openPage" ? t("webSearch.opened") : t("webSearch.searched")}</span>
      <span class="muted ellipsis" title={detail}>
        {detail}
      </span>
    </div>
  );
}

function json(value: unknown): string {
  try {
    const text = JSON.stringify(value, null, 2) ?? "";
    return text.length > MAX_OUTPUT_CHARS ? text.slice(0, MAX_OUTPUT_CHARS) + "\n…" : text;
  } catch {
    return String(value);
  }
}

function resultText(result: Of<"mcpToolCall">["result"]): string {
  if (!result) return "";
  const texts = (result.content ?? [])
    .map((part) =>
      part && typeof part === "object" && "text" in part && typeof part.text === "string"
        ? part.text
        : json(part),
    )
    .join("\n");
  return texts || json(result.structuredContent);
}

export function McpToolCall({ item }: { item: Of<"mcpToolCall"> }) {
  const [open, toggle] = useExpanded(`mcp:${item.id}`, false);
  const duration = formatDuration(item.durationMs);
  const id = `mcp-body-${item.id}`;
  return (
    <div class={`item mcp status-${item.status}`}>
      <div class="item-header">
        <StatusIcon status={item.status} />
        <Icon name="tools" />
        <span class="ellipsis">{t("mcp.called", `${item.server}.${item.tool}`)}</span>
        {duration && <span class="muted">{duration}</span>}
      </div>
      {item.error && <div class="error-text">{item.error.message}</div>}
      <Disclosure open={open} onToggle={toggle} controls={id} label={t("mcp.details")} />
      {open && (
        <div id={id}>
          <div class="muted">{t("mcp.arguments")}</div>
          <pre class="command-output">{json(item.arguments)}</pre>
          {item.result && (
            <>
              <div class="muted">{t("mcp.result")}</div>
              <pre class="command-output">{resultText(item.result)}</pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Any item type this UI does not know (or does not show in detail): a small neutral row. */
export function GenericItem({ item }: { item: { type?: unknown; status?: unknown } }) {
  const type = typeof item.type === "string" ? item.type : "unknown";
  const status = typeof item.status === "string" ? item.status : null;
  return (
    <div class="item row-compact generic-item">
      {status ? <StatusIcon status={status} /> : <Icon name="circle-small" />}
      <span class="muted">{t("item.generic", type)}</span>
    </div>
  );
}

/** A tool the client registered with codex (`dynamicToolCall`): name, status, arguments, result. */
export function DynamicToolCall({ item }: { item: Of<"dynamicToolCall"> }) {
  const [open, toggle] = useExpanded(`dynamic:${item.id}`, false);
  const duration = formatDuration(item.durationMs);
  const id = `dynamic-body-${item.id}`;
  const name = item.namespace ? `${item.namespace}.${item.tool}` : item.tool;
  const output = (item.contentItems ?? [])
    .map((part) => (part.type === "inputText" ? part.text : t("tool.attachment", part.type)))
    .join("\n");
  return (
    <div class={`item mcp dynamic-tool status-${item.status}`}>
      <div class="item-header">
        <StatusIcon status={item.status} />
        <Icon name="tools" />
        <span class="ellipsis">{t("mcp.called", name)}</span>
        {duration && <span class="muted">{duration}</span>}
      </div>
      {item.success === false && item.status !== "failed" && (
        <div class="error-text">{t("tool.unsuccessful")}</div>
      )}
      <Disclosure open={open} onToggle={toggle} controls={id} label={t("mcp.details")} />
      {open && (
        <div id={id}>
          <div class="muted">{t("mcp.arguments")}</div>
          <pre class="command-output">{json(item.arguments)}</pre>
          {output && (
            <>
              <div class="muted">{t("mcp.result")}</div>
              <pre class="command-output">{output}</pre>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** The text of a function call's output (its images and files as a word, never their bytes). */
export function functionOutputText(output: Of<"functionCallOutput">["output"]): string {
  if (typeof output === "string") return output;
  return output
    .map((part) =>
      part.type === "input_text"
        ? part.text
        : t("tool.attachment", part.type.replace("input_", "")),
    )
    .join("\n");
}

/** What a tool returned to the model (`functionCallOutput`), collapsed under the tool's name. */
export function FunctionCallOutput({ item }: { item: Of<"functionCallOutput"> }) {
  const [open, toggle] = useExpanded(`output:${item.id}`, false);
  const id = `output-body-${item.id}`;
  const name = item.namespace ? `${item.namespace}.${item.name}` : item.name;
  const text = functionOutputText(item.output);
  return (
    <div class="item function-output">
      <div class="row-compact">
        <Icon name="output" />
        <span class="ellipsis">{t("tool.output", name)}</span>
      </div>
      {text && (
        <>
          <Disclosure open={open} onToggle={toggle} controls={id} label={t("command.output")} />
          {open && (
            <pre class="command-output" id={id} tabIndex={0}>
              <GrowingText text={text} />
            </pre>
          )}
        </>
      )}
    </div>
  );
}

/** codex waited (`clock.sleep`). */
export function Sleep({ item }: { item: Of<"sleep"> }) {
  return (
    <div class="item row-compact sleep">
      <Icon name="watch" />
      <span>{t("tool.slept", formatDuration(item.durationMs) ?? "—")}</span>
    </div>
  );
}
