import { CommentScanner } from "./commentScanner";
import { compileSyntax } from "./compiledSyntax";
import { commentSyntaxFor } from "./languageSyntaxes";
import { findMarkerCandidates } from "./markerCandidates";
import type { TodoComment } from "./todoComment";

/** Finds every TODO and FIXME comment in `text`, in document order. */
export function findTodoComments(text: string, languageId: string): TodoComment[] {
  const candidates = findMarkerCandidates(text);
  if (candidates.length === 0) return [];
  return new CommentScanner(text, compileSyntax(commentSyntaxFor(languageId)), candidates).run();
}
