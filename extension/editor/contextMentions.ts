/**
 * The composer's `@problems`, `@terminal`, `@changes`, `@selection` and `@file.ts:10-40`: what the
 * `@` menu says each would attach now ({@link describeContextMentions}, cheap: it runs on every
 * `@`), and the attachment when one is picked ({@link resolveContextMention}). Each source's text
 * comes from its own builder; this module only dispatches and keeps labels on one line.
 */
import {
  contextMentionsFor,
  type ContextMention,
  type EditorContextPart,
} from "../../protocol/webview/contextMentions";
import type {
  Attachment,
  ContextCandidate,
  WebviewRequestParams,
} from "../../protocol/webview/messages";
import { l10n } from "../l10n";
import { changesContext } from "./changesContext";
import type { ContextHost } from "./host";
import { activeSelectionContext, linesContext } from "./lineRangeContext";
import { problemsContext, problemsInScope } from "./problemsContext";
import { terminalContext } from "./terminalContext";

export type ResolveParams = WebviewRequestParams<"composer/resolveContext">;
export interface ResolvedContext {
  attachment: Attachment | null;
  reason?: string;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

async function describe(host: ContextHost, source: ContextMention): Promise<ContextCandidate> {
  switch (source) {
    case "problems": {
      const { where, path, problems } = problemsInScope(host.diagnostics(), {
        activeUri: host.activeEditor()?.document.uri,
        relativePath: (uri) => host.relativePath(uri),
      });
      if (problems.length === 0) {
        return { source, available: false, description: l10n.t("No problems reported") };
      }
      return {
        source,
        available: true,
        description:
          where === "file"
            ? problems.length === 1
              ? l10n.t("1 problem in {0}", basename(path!))
              : l10n.t("{0} problems in {1}", problems.length, basename(path!))
            : problems.length === 1
              ? l10n.t("1 problem in the workspace")
              : l10n.t("{0} problems in the workspace", problems.length),
      };
    }
    case "terminal": {
      const snapshot = host.terminal();
      const result = terminalContext(snapshot);
      if ("reason" in result) return { source, available: false, description: result.reason };
      return {
        source,
        available: true,
        description: l10n.t("Last command: {0}", result.part.label),
      };
    }
    case "changes": {
      const summary = await host.gitSummary();
      if (summary.kind === "gitUnavailable") {
        return {
          source,
          available: false,
          description: l10n.t("VS Code's Git extension is not available."),
        };
      }
      if (summary.kind === "notRepository") {
        return { source, available: false, description: l10n.t("Not a Git repository.") };
      }
      return summary.changedFiles === 0
        ? { source, available: false, description: l10n.t("No changes in the working tree.") }
        : {
            source,
            available: true,
            description:
              summary.changedFiles === 1
                ? l10n.t("Working-tree diff, 1 changed file")
                : l10n.t("Working-tree diff, {0} changed files", summary.changedFiles),
          };
    }
    case "selection": {
      const editor = host.activeEditor();
      if (!editor || editor.selection.isEmpty) {
        return {
          source,
          available: false,
          description: l10n.t("Nothing is selected in the editor."),
        };
      }
      const { start, end } = editor.selection;
      return {
        source,
        available: true,
        description: `${basename(host.relativePath(editor.document.uri))}:${start.line + 1}-${end.line + 1}`,
      };
    }
  }
}

/** The sources whose name starts with `query`, each with what it would attach now. */
export function describeContextMentions(
  host: ContextHost,
  query: string,
): Promise<ContextCandidate[]> {
  return Promise.all(
    contextMentionsFor(query).map((source) =>
      describe(host, source).catch((): ContextCandidate => ({
        source,
        available: false,
        description: l10n.t("Not available here."),
      })),
    ),
  );
}

/** A label on one line, short: it is the header of the text item the webview parses. */
function tidy(part: EditorContextPart): Attachment {
  const label = part.label.replace(/\s+/g, " ").trim().slice(0, 120);
  return { kind: "context", source: part.source, label, text: part.text };
}

export async function resolveContextMention(
  host: ContextHost,
  params: ResolveParams,
): Promise<ResolvedContext> {
  switch (params.source) {
    case "problems": {
      const part = problemsContext(host.diagnostics(), {
        activeUri: host.activeEditor()?.document.uri,
        relativePath: (uri) => host.relativePath(uri),
      });
      return part
        ? { attachment: tidy(part) }
        : { attachment: null, reason: l10n.t("No problems reported") };
    }
    case "terminal": {
      const result = terminalContext(host.terminal());
      return "part" in result
        ? { attachment: tidy(result.part) }
        : { attachment: null, reason: result.reason };
    }
    case "changes": {
      const result = changesContext(await host.gitChanges());
      return "part" in result
        ? { attachment: tidy(result.part) }
        : { attachment: null, reason: result.reason };
    }
    case "selection": {
      const { attachment, note } = activeSelectionContext(host);
      return note === undefined ? { attachment } : { attachment, reason: note };
    }
    case "lines": {
      const { attachment, note } = await linesContext(
        host,
        params.path,
        params.startLine,
        params.endLine,
      );
      return note === undefined ? { attachment } : { attachment, reason: note };
    }
  }
}
