/** What the TODO scan reports. Lines and characters are 0-based, as in VS Code. */

/** Markers are upper case (`TODO`, `FIXME`), or the JSDoc tag `@todo` (reported as `TODO`). */
export type TodoMarker = "TODO" | "FIXME";

export interface TodoPosition {
  line: number;
  character: number;
}

export interface TodoComment {
  /** Line of the marker. */
  line: number;
  /** Last line of the TODO's text (continuation comment lines included). */
  endLine: number;
  /** The text after the marker (and after an owner tag and separator), lines joined by "\n". */
  text: string;
  marker: TodoMarker;
  /** From the marker to the end of the text. */
  range: { start: TodoPosition; end: TodoPosition };
}
