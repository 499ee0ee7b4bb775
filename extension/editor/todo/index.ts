/**
 * TODO and FIXME comments, found without VS Code: the language id picks the comment and string
 * syntaxes, and one pass over the text tells comments from code and strings, so `"TODO"`,
 * `todoList`, `TODO_COUNT` and URLs are never reported.
 *
 * How (one job a module):
 * - `languageSyntaxes`: each language id's comment and string syntax (data only), compiled once
 *   per syntax by `compiledSyntax`;
 * - `markerCandidates`: a literal search for `TODO`, `FIXME` and `@todo` (a file without any
 *   returns at once);
 * - `commentScanner`: lexes only the lines that hold a candidate or a multi-line opener (found
 *   by `multilineOpeners`);
 * - `todoMarker` and `readTodo`: whether a candidate in a comment is a marker, and its text.
 */
export { findTodoComments } from "./findTodoComments";
export { commentSyntaxFor } from "./languageSyntaxes";
export type { CommentSyntax } from "./commentSyntax";
export type { TodoComment, TodoMarker, TodoPosition } from "./todoComment";
