/**
 * A Keep/Undo in the editor as the review notes record it, so the agent's next message says
 * what the user undid or kept, where. The lines go with the path ("src/a.ts lines 3-5").
 */
import type { ReviewDecision } from "../reviewNotes";
import type { HunkDecision } from "./pendingChanges";

export function reviewDecisionOf(
  decision: HunkDecision,
  relative: (path: string) => string,
): ReviewDecision {
  const { lines } = decision;
  const single = lines.length === 1 && !lines[0]!.includes("-");
  const where = lines.length === 0 ? "" : ` ${single ? "line" : "lines"} ${lines.join(", ")}`;
  return {
    kind: decision.kind,
    path: `${relative(decision.path)}${where}`,
    hunks: lines.length,
    ...(decision.comment ? { comment: decision.comment } : {}),
  };
}
