/** A comment's content: [start, end) with its kind, for marker checks and continuation lines. */
export interface CommentSpan {
  start: number;
  end: number;
  /** `line`: a line comment with this opener; `block`: a block comment or docstring. */
  kind: "line" | "block";
  open: string;
}
