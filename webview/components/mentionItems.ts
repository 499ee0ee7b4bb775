/**
 * The `@` menu's rows: the editor's context sources first (`@problems`, `@terminal`, `@changes`,
 * `@selection`, each with what it would attach now, or why it cannot), then the files (with the
 * lines of `@app.ts:10-40`). Picking a file attaches it at once; the rest ask the host to build
 * the attachment (`composer/resolveContext`).
 */
import type {
  Attachment,
  ContextCandidate,
  MentionCandidate,
  WebviewRequestParams,
} from "../../protocol/webview/messages";
import type { Suggestion } from "./Suggestions";
import { CONTEXT_ICONS } from "./AttachmentChips";

export type MentionEntry =
  { kind: "context"; candidate: ContextCandidate } | { kind: "file"; candidate: MentionCandidate };

export function mentionEntries(
  contexts: readonly ContextCandidate[],
  files: readonly MentionCandidate[],
): MentionEntry[] {
  return [
    ...contexts.map((candidate): MentionEntry => ({ kind: "context", candidate })),
    ...files.map((candidate): MentionEntry => ({ kind: "file", candidate })),
  ];
}

export function mentionSuggestion(entry: MentionEntry): Suggestion {
  if (entry.kind === "file") {
    const { candidate } = entry;
    return {
      key: `${candidate.path}:${candidate.startLine ?? ""}`,
      label: candidate.label,
      description: candidate.description,
      icon: candidate.startLine ? "selection" : "file",
    };
  }
  const { source, description, available } = entry.candidate;
  return {
    key: `@${source}`,
    label: `@${source}`,
    description,
    icon: source === "selection" ? "selection" : CONTEXT_ICONS[source],
    ...(available ? {} : { disabled: true }),
  };
}

/** What a pick does: attach at once (a whole file), or ask the host for the attachment. */
export function mentionPick(
  entry: MentionEntry,
): { attach: Attachment } | { resolve: WebviewRequestParams<"composer/resolveContext"> } {
  if (entry.kind === "context") return { resolve: { source: entry.candidate.source } };
  const { path, startLine, endLine } = entry.candidate;
  if (startLine === undefined) return { attach: { kind: "file", path } };
  return { resolve: { source: "lines", path, startLine, endLine: endLine ?? startLine } };
}
