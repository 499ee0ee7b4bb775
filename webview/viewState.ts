/**
 * View-local state that must survive the view being hidden or reloaded (VS Code keeps it via
 * `getState`/`setState`): the draft, the scroll position, which sections are expanded.
 * Never holds secrets (the API key field is deliberately not part of it).
 */
import { getHost } from "./host";
import * as v from "valibot";
import { attachmentSchema, type Attachment } from "../protocol/webview/messages";

export interface SavedScroll {
  threadId: string;
  top: number;
  /** The first turn shown then: older turns loaded since are held back again (OlderTurns). */
  firstTurnId?: string;
}

export interface PersistedViewState {
  version: 1;
  draft: string;
  /** What survives a reload: everything but images beyond `MAX_PERSISTED_IMAGE_CHARS`. */
  attachments: Attachment[];
  /** Names of images that were attached but not persisted: shown as "removed on reload". */
  removedImages: string[];
  /**
   * Where the reader left a thread, with the thread it belongs to, saved as one value so no other
   * thread can be given it. null: nothing saved, a thread opens at its latest turn.
   */
  scroll: SavedScroll | null;
  expanded: Record<string, boolean>;
  /** The composer's "include the active file / selection" toggle. */
  includeEditorContext: boolean;
  /**
   * The thread on screen: a Codex editor panel's serializer gets this state back after a window
   * reload and resumes that thread (extension/views/panelState.ts).
   */
  threadId: string | null;
}

const MAX_EXPANDED_KEYS = 500;
const MAX_REMOVED_IMAGES = 20;

/**
 * Pasted images are data: URLs and the state is re-serialised on every (coalesced) draft change,
 * so only this much image data (in characters of data: URL, ~750 KB of image) is persisted;
 * larger images stay in memory only.
 */
export const MAX_PERSISTED_IMAGE_CHARS = 1_000_000;

/** Splits attachments into what is persisted and the names of images kept in memory only. */
export function splitPersistable(attachments: readonly Attachment[]): {
  persisted: Attachment[];
  memoryOnly: string[];
} {
  const persisted: Attachment[] = [];
  const memoryOnly: string[] = [];
  let budget = MAX_PERSISTED_IMAGE_CHARS;
  for (const attachment of attachments) {
    if (attachment.kind !== "image") persisted.push(attachment);
    else if (attachment.dataUrl.length <= budget) {
      budget -= attachment.dataUrl.length;
      persisted.push(attachment);
    } else memoryOnly.push(attachment.name);
  }
  return { persisted, memoryOnly };
}

function empty(): PersistedViewState {
  return {
    version: 1,
    draft: "",
    attachments: [],
    removedImages: [],
    scroll: null,
    expanded: {},
    includeEditorContext: false,
    threadId: null,
  };
}

/** State from an older build (or a corrupt one) must not reach `chat/send`. */
function isAttachment(value: unknown): value is Attachment {
  return v.is(attachmentSchema, value);
}

const plausibleThreadId = (value: unknown): value is string =>
  typeof value === "string" && value.length <= 256;

function sanitizeScroll(value: unknown): SavedScroll | null {
  if (typeof value !== "object" || value === null) return null;
  const { threadId, top, firstTurnId } = value as Partial<SavedScroll>;
  if (!plausibleThreadId(threadId) || typeof top !== "number" || !Number.isFinite(top)) return null;
  return plausibleThreadId(firstTurnId) ? { threadId, top, firstTurnId } : { threadId, top };
}

function sanitize(raw: unknown): PersistedViewState {
  const base = empty();
  if (typeof raw !== "object" || raw === null) return base;
  const value = raw as Partial<PersistedViewState>;
  if (value.version !== 1) return base;
  if (typeof value.draft === "string") base.draft = value.draft;
  if (Array.isArray(value.attachments)) base.attachments = value.attachments.filter(isAttachment);
  if (Array.isArray(value.removedImages))
    base.removedImages = value.removedImages
      .filter((name): name is string => typeof name === "string")
      .slice(-MAX_REMOVED_IMAGES);
  if (typeof value.includeEditorContext === "boolean") {
    base.includeEditorContext = value.includeEditorContext;
  }
  if (plausibleThreadId(value.threadId)) base.threadId = value.threadId;
  base.scroll = sanitizeScroll(value.scroll);
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

/** True when this view saved state before (so an empty draft there means "sent", not "none"). */
export function hasSavedViewState(): boolean {
  const raw = getHost().api.getState() as Partial<PersistedViewState> | undefined | null;
  return typeof raw === "object" && raw !== null && raw.version === 1;
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
