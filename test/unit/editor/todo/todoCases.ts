/** Table-driven cases for `findTodoComments`, shared by the tests of the modules behind it. */
import assert from "node:assert/strict";

import { findTodoComments } from "../../../../extension/editor/todo/index";

/** `[line, marker, text]` for each TODO found. */
export function found(text: string, languageId: string): [number, string, string][] {
  return findTodoComments(text, languageId).map((todo) => [todo.line, todo.marker, todo.text]);
}

export interface TodoCase {
  name: string;
  languageId: string;
  text: string;
  expected: [number, string, string][];
}

/** One `it` per case: the TODOs found in its text are the expected ones. */
export function itFindsTodos(cases: readonly TodoCase[]): void {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(found(testCase.text, testCase.languageId), testCase.expected);
    });
  }
}
