/** A TODO's text, owner tag, continuation lines and range. */
import assert from "node:assert/strict";

import { findTodoComments } from "../../../../extension/editor/todo/index";
import { found, itFindsTodos, type TodoCase } from "./todoCases";

const cases: TodoCase[] = [
  {
    name: "typescript line comment with continuation",
    languageId: "typescript",
    text: "const a = 1;\n// TODO: handle the empty case\n//   and the null case\nreturn a;",
    expected: [[1, "TODO", "handle the empty case\nand the null case"]],
  },
  {
    name: "typescript trailing comment, owner tag, FIXME",
    languageId: "typescript",
    text: "call(); // FIXME(alice): leaks a listener\n",
    expected: [[0, "FIXME", "leaks a listener"]],
  },
];

describe("readTodo", () => {
  itFindsTodos(cases);

  it("returns 0-based lines, endLine and a range from the marker to the end of the text", () => {
    const [todo] = findTodoComments("x\n  // TODO: a\n  // b\n", "typescript");
    assert.deepEqual(todo, {
      line: 1,
      endLine: 2,
      text: "a\nb",
      marker: "TODO",
      range: { start: { line: 1, character: 5 }, end: { line: 2, character: 6 } },
    });
  });

  it("ends continuation at a blank comment line, code, or another marker", () => {
    const text = "// TODO: one\n//\n// not part\n// TODO: two\n// FIXME: three\nx();\n";
    assert.deepEqual(found(text, "typescript"), [
      [0, "TODO", "one"],
      [3, "TODO", "two"],
      [4, "FIXME", "three"],
    ]);
  });

  it("handles CRLF line endings", () => {
    assert.deepEqual(found("a();\r\n// TODO: crlf\r\n// more\r\nb();\r\n", "typescript"), [
      [1, "TODO", "crlf\nmore"],
    ]);
  });

  it("an empty TODO has empty text", () => {
    assert.deepEqual(found("// TODO\n", "typescript"), [[0, "TODO", ""]]);
  });
});
