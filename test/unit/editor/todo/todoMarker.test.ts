/** Which candidates are markers: JSDoc `@todo`, and never URLs or words that contain one. */
import { itFindsTodos, type TodoCase } from "./todoCases";

const cases: TodoCase[] = [
  {
    name: "javascript block and JSDoc comments",
    languageId: "javascript",
    text: "/**\n * Adds.\n * @todo support bigint\n *   and floats\n */\n/* TODO: one-liner */ x();",
    expected: [
      [2, "TODO", "support bigint\nand floats"],
      [5, "TODO", "one-liner"],
    ],
  },
  {
    name: "URLs and words containing the marker are not TODOs",
    languageId: "typescript",
    text: [
      "// see https://example.com/TODO and www.example.com/FIXME",
      "// the TODO_COUNT constant, TODOs, TODO.md, todo: lower case",
      '// about the word "TODO"',
    ].join("\n"),
    expected: [],
  },
];

describe("todoMarker", () => {
  itFindsTodos(cases);
});
