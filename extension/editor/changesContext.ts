/**
 * `@changes`: the working tree's diff from VS Code's Git extension (staged, then unstaged, then
 * the untracked files by name), bounded with a note of what was cut; or why there is none.
 */
import { MAX_CONTEXT_TEXT, type EditorContextPart } from "../../protocol/webview/contextMentions";
import { l10n } from "../l10n";
import { count, headLines } from "./boundedText";
import type { GitChanges } from "./host";

/** Files named in a diff: `diff --git a/x b/x` headers. */
function changedFiles(diff: string): number {
  return diff.match(/^diff --git /gm)?.length ?? 0;
}

export function changesContext(
  changes: GitChanges,
): { part: EditorContextPart } | { reason: string } {
  switch (changes.kind) {
    case "gitUnavailable":
      return { reason: l10n.t("VS Code's Git extension is not available.") };
    case "notRepository":
      return { reason: l10n.t("Not a Git repository.") };
    case "changes": {
      const { root, staged, unstaged, untracked } = changes;
      if (!staged.trim() && !unstaged.trim() && untracked.length === 0) {
        return { reason: l10n.t("No changes in the working tree.") };
      }
      const sections: string[] = [];
      if (staged.trim()) sections.push(`Staged:\n${staged.trimEnd()}`);
      if (unstaged.trim()) sections.push(`Not staged:\n${unstaged.trimEnd()}`);
      if (untracked.length > 0) {
        sections.push(`Untracked files:\n${untracked.map((file) => `- ${file}`).join("\n")}`);
      }
      const bounded = headLines(sections.join("\n\n"), MAX_CONTEXT_TEXT);
      const files = changedFiles(staged) + changedFiles(unstaged) + untracked.length;
      const lines = [`Working-tree changes in ${root} (git diff):`, bounded.text];
      if (bounded.cutChars > 0) {
        lines.push(
          `[Cut: the last ${count(bounded.cutLines)} lines (${count(bounded.cutChars)} characters) of the diff.]`,
        );
      }
      const label = `${count(files)} file${files === 1 ? "" : "s"}`;
      return { part: { source: "changes", label, text: lines.join("\n") } };
    }
  }
}
