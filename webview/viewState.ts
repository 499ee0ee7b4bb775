/**
 * View-local state that must survive the view being hidden or reloaded (VS Code keeps it via
 * `getState`/`setState`): the draft, the scroll position, which sections are expanded.
 * Never holds secrets (the API key field is deliberately not part of it).
 */
import { getHost } from "./host";
import type { Attachment } from "../protocol/webview/messages";

export interface PersistedViewState {
  version: 1;
  draft: string;
  attachments: Attachment[];
  /** null: stuck to the bottom. */
  scrollTop: number | null;
  expanded: Record<string, boolean>;
}

const MAX_EXPANDED_KEYS = 500;

function empty(): PersistedViewState {
  return { version: 1, draft: "", attachments: [], scrollTop: null, expanded: {} };
}

function sanitize(raw: unknown): PersistedViewState {
  const base = empty();
  if (typeof raw !== "object" || raw === null) return base;
  const value = raw as Partial<PersistedViewState>;
  if (value.version !== 1) return base;
  if (typeof value.draft === "string") base.draft = value.draft;
  if (Array.isArray(value.attachments)) base.attachments = value.attachments;
  if (typeof value.scrollTop === "number" && Number.isFinite(value.scrollTop))
    base.scrollTop = value.scrollTop;
  if (typeof value.expanded === "object" && value.expanded !== null) {
    for (const [key, open] of Object.entries(value.expanded)) {
      if (typeof open === "boolean") base.expanded[key] = open;
    }
  }
  return base;
}

let cache: PersistedViewState | undefined;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export function readViewState(): PersistedViewState {
  cache ??= sanitize(getHost().api.getState());
  return cache;
}

function flush(): void {
  flushTimer = undefined;
  if (cache) getHost().api.setState(cache);
}

/** Merges `patch` in and saves soon (coalesced, so typing does not call setState per key). */
export function updateViewState(patch: Partial<PersistedViewState>, immediate = false): void {
  const next = { ...readViewState(), ...patch };
  const keys = Object.keys(next.expanded);
  if (keys.length > MAX_EXPANDED_KEYS) {
    const trimmed: Record<string, boolean> = {};
    for (const key of keys.slice(-MAX_EXPANDED_KEYS)) trimmed[key] = next.expanded[key]!;
    next.expanded = trimmed;
  }
  cache = next;
  if (immediate) {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flush();
    return;
  }
  flushTimer ??= setTimeout(flush, 100);
}

export function setExpanded(key: string, open: boolean): void {
  updateViewState({ expanded: { ...readViewState().expanded, [key]: open } });
}

/** Tests only. */
export function resetViewStateForTests(): void {
  if (flushTimer !== undefined) clearTimeout(flushTimer);
  flushTimer = undefined;
  cache = undefined;
}
