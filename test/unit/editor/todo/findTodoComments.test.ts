/** The public entry point on a large file. */
import assert from "node:assert/strict";

import { findTodoComments } from "../../../../extension/editor/todo/index";

describe("findTodoComments", () => {
  it("scans a 20,000-line file and finds every TODO", () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      lines.push(i % 200 === 0 ? `  // TODO: item ${i}` : `  const s${i} = "TODO ${i}"; // plain`);
    }
    const todos = findTodoComments(lines.join("\n"), "typescript");
    assert.equal(todos.length, 100);
    assert.deepEqual(
      todos.slice(0, 2).map((todo) => [todo.line, todo.text]),
      [
        [0, "item 0"],
        [200, "item 200"],
      ],
    );
  });
});
