/**
 * Past threads: this workspace's by default, all projects' on request; paged (`history/list`
 * with a cursor), searchable (debounced), and per thread resume / rename (inline) / fork /
 * archive. Loading, empty and error states throughout.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ThreadSummary } from "../../protocol/webview/messages";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { Button, EmptyState, ErrorText, Spinner, basename } from "./common";

const SEARCH_DEBOUNCE_MS = 300;

function formatWhen(updatedAt: number): string {
  const ms = updatedAt < 1e12 ? updatedAt * 1000 : updatedAt;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "";
  const now = Date.now();
  const minutes = Math.round((now - ms) / 60_000);
  if (minutes < 1) return t("history.justNow");
  if (minutes < 60) return t("history.minutesAgo", minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t("history.hoursAgo", hours);
  return date.toLocaleDateString();
}

function HistoryRow({
  thread,
  onResume,
  onRenamed,
  onArchived,
  onError,
}: {
  thread: ThreadSummary;
  onResume(): void;
  onRenamed(name: string): void;
  onArchived(): void;
  onError(message: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const title = thread.title;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  const run = (action: Promise<unknown>, then: () => void) => {
    setBusy(true);
    action
      .then(then)
      .catch((error: unknown) => onError(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  const saveName = (event: Event) => {
    event.preventDefault();
    const next = name.trim();
    setEditing(false);
    if (!next || next === thread.name) return;
    run(request("history/rename", { threadId: thread.id, name: next }), () => onRenamed(next));
  };

  return (
    <li class="history-row">
      {editing ? (
        <form class="history-rename" onSubmit={saveName}>
          <input
            ref={inputRef}
            class="input"
            value={name}
            aria-label={t("history.renameLabel")}
            onInput={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                setEditing(false);
              }
            }}
          />
          {/* Native: a toolkit button in a form submits it on Enter by itself (see toolkit.ts). */}
          <button type="submit" class="btn btn-icon" aria-label={t("history.saveName")}>
            <span class="codicon codicon-check" aria-hidden="true" />
          </button>
        </form>
      ) : (
        <button
          type="button"
          class="history-main"
          disabled={busy}
          onClick={() => run(request("history/resume", { threadId: thread.id }), onResume)}
          aria-label={t("history.resume", title)}
        >
          <span class="history-title ellipsis">{title}</span>
          <span class="history-meta muted">
            {formatWhen(thread.updatedAt)}
            {thread.cwd && ` · ${basename(thread.cwd)}`}
          </span>
        </button>
      )}
      {!editing && (
        <span class="history-actions">
          <Button
            variant="icon"
            icon="edit"
            disabled={busy}
            aria-label={t("history.rename", title)}
            title={t("history.renameLabel")}
            onClick={() => {
              setName(thread.name ?? thread.preview.slice(0, 80));
              setEditing(true);
            }}
          />
          <Button
            variant="icon"
            icon="repo-forked"
            disabled={busy}
            aria-label={t("history.fork", title)}
            title={t("history.forkLabel")}
            onClick={() => run(request("history/fork", { threadId: thread.id }), onResume)}
          />
          <Button
            variant="icon"
            icon="export"
            disabled={busy}
            aria-label={t("history.export", title)}
            title={t("history.exportLabel")}
            onClick={() => run(request("history/export", { threadId: thread.id }), () => undefined)}
          />
          <Button
            variant="icon"
            icon="archive"
            disabled={busy}
            aria-label={t("history.archive", title)}
            title={t("history.archiveLabel")}
            onClick={() => run(request("history/archive", { threadId: thread.id }), onArchived)}
          />
        </span>
      )}
    </li>
  );
}

export function HistoryPanel({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState("");
  const [term, setTerm] = useState<string | null>(null);
  const [allProjects, setAllProjects] = useState(false);
  const [threads, setThreads] = useState<ThreadSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => searchRef.current?.focus(), []);

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = query.trim() || null;
      setTerm((current) => (current === next ? current : next));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = (more: boolean) => {
    const mine = more ? generation.current : ++generation.current;
    if (more) setLoadingMore(true);
    else setLoading(true);
    setError(null);
    request("history/list", { cursor: more ? cursor : null, searchTerm: term, allProjects })
      .then((result) => {
        if (mine !== generation.current) return;
        setThreads((current) => (more ? [...current, ...result.threads] : result.threads));
        setCursor(result.nextCursor);
      })
      .catch((err: unknown) => {
        if (mine === generation.current) setError(errorMessage(err));
      })
      .finally(() => {
        if (mine !== generation.current) return;
        setLoading(false);
        setLoadingMore(false);
      });
  };

  useEffect(() => load(false), [term, allProjects]);

  let body;
  if (loading) body = <Spinner label={t("history.loading")} />;
  else if (error && threads.length === 0)
    body = (
      <div class="history-error">
        <ErrorText>{error}</ErrorText>
        <Button variant="secondary" icon="refresh" onClick={() => load(false)}>
          {t("common.retry")}
        </Button>
      </div>
    );
  else if (threads.length === 0)
    body = (
      <EmptyState icon="history">
        {term
          ? t("history.noMatches", term)
          : allProjects
            ? t("history.empty")
            : t("history.emptyWorkspace")}
      </EmptyState>
    );
  else
    body = (
      <>
        {error && <ErrorText>{error}</ErrorText>}
        <ul class="history-list" aria-label={t("history.listLabel")}>
          {threads.map((thread) => (
            <HistoryRow
              key={thread.id}
              thread={thread}
              onResume={onClose}
              onError={setError}
              onRenamed={(name) =>
                setThreads((list) =>
                  list.map((x) => (x.id === thread.id ? { ...x, name, title: name } : x)),
                )
              }
              onArchived={() => setThreads((list) => list.filter((x) => x.id !== thread.id))}
            />
          ))}
        </ul>
        {cursor && (
          <Button variant="secondary" disabled={loadingMore} onClick={() => load(true)}>
            {loadingMore ? t("history.loading") : t("history.loadMore")}
          </Button>
        )}
      </>
    );

  return (
    <section class="panel history-panel" aria-labelledby="history-title">
      <div class="panel-header">
        <h2 id="history-title">{t("history.title")}</h2>
        <Button variant="icon" icon="close" aria-label={t("common.close")} onClick={onClose} />
      </div>
      <input
        ref={searchRef}
        class="input history-search"
        type="search"
        placeholder={t("history.search")}
        aria-label={t("history.search")}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      <label class="checkbox history-scope">
        <input
          type="checkbox"
          checked={allProjects}
          onChange={(event) => setAllProjects(event.currentTarget.checked)}
        />
        {t("history.allProjects")}
      </label>
      <div class="panel-body">{body}</div>
    </section>
  );
}
