/** The lexer: comments told from code and strings (templates, raw strings, docstrings, char literals). */
import assert from "node:assert/strict";

import { CommentScanner } from "../../../../extension/editor/todo/commentScanner";
import type { CommentSyntax } from "../../../../extension/editor/todo/commentSyntax";
import { compileSyntax } from "../../../../extension/editor/todo/compiledSyntax";
import { findMarkerCandidates } from "../../../../extension/editor/todo/markerCandidates";
import { itFindsTodos, type TodoCase } from "./todoCases";

const cases: TodoCase[] = [
  {
    name: "typescript template literals: interpolations, escapes, lines, braces and strings inside",
    languageId: "typescript",
    text: [
      "const a = `x ${b} // TODO: no`; // TODO: one",
      "const c = `multi",
      "// TODO: no ${d}",
      "line \\` // TODO: no`;",
      "const e = `${ '}' } // TODO: no`; // FIXME: two",
      "const f = `${ {a: 1}.a } TODO`; /* TODO: three */",
    ].join("\n"),
    expected: [
      [0, "TODO", "one"],
      [4, "FIXME", "two"],
      [5, "TODO", "three"],
    ],
  },
  {
    name: "block comments found past `*` and `/` in code, strings and other comments",
    languageId: "typescript",
    text: [
      "const a = b * c / d; // e * f /",
      "const g = `*/ /* TODO: no`; const h = '/*'; /* TODO: one */",
      "/**",
      " * FIXME: two */ x(); /*/ TODO: three */",
      "/*TODO: four*/",
    ].join("\n"),
    expected: [
      [1, "TODO", "one"],
      [3, "FIXME", "two"],
      [3, "TODO", "three"],
      [4, "TODO", "four"],
    ],
  },
  {
    name: "go raw strings have no escapes",
    languageId: "go",
    text: ["s := `raw \\", "// TODO: no`", "// TODO: four"].join("\n"),
    expected: [[2, "TODO", "four"]],
  },
  {
    name: "typescript strings, template literals and identifiers are not comments",
    languageId: "typescript",
    text: [
      'const a = "TODO: not a comment";',
      "const b = 'FIXME // TODO';",
      "const c = `multi",
      "// TODO: inside a template literal",
      "${value} TODO`;",
      "const todoList = [TODO_COUNT, myTODO];",
      "// TODO: real one",
    ].join("\n"),
    expected: [[6, "TODO", "real one"]],
  },
  {
    name: "typescript template interpolation with nested braces",
    languageId: "typescript",
    text: "const s = `${fn({ a: `// TODO no` })}`; // TODO: yes\n",
    expected: [[0, "TODO", "yes"]],
  },
  {
    name: "python comments and docstrings",
    languageId: "python",
    text: [
      "def f():",
      '    """TODO: describe f',
      "    and its arguments",
      "",
      '    Not part of it."""',
      '    s = "# TODO not a comment"',
      '    x = """TODO: a string, not a docstring"""',
      "    # FIXME: off by one",
      "    return s  # TODO: trailing",
      "def g():",
      "    '''",
      "    TODO: single-quoted docstring",
      "    '''",
    ].join("\n"),
    expected: [
      [1, "TODO", "describe f\nand its arguments"],
      [7, "FIXME", "off by one"],
      [8, "TODO", "trailing"],
      [11, "TODO", "single-quoted docstring"],
    ],
  },
  {
    name: "go raw strings and comments",
    languageId: "go",
    text: "s := `\n// TODO: in a raw string\n`\n// TODO: go\n",
    expected: [[3, "TODO", "go"]],
  },
  {
    name: "rust lifetimes do not open strings",
    languageId: "rust",
    text: "fn f<'a>(x: &'a str) -> char { 'x' } // TODO: rust\nlet c = '\"'; // FIXME: quote char\n",
    expected: [
      [0, "TODO", "rust"],
      [1, "FIXME", "quote char"],
    ],
  },
];

describe("commentScanner", () => {
  itFindsTodos(cases);

  it("takes the longest opener where a multi-line opener is a prefix of another", () => {
    // `/` opens a multi-line string here, `//` a line comment: at `//` the comment wins.
    const syntax: CommentSyntax = {
      line: [{ open: "//" }],
      block: [],
      strings: [{ open: "/", close: "/", multiline: true }],
    };
    const text = "// TODO: a comment\nx = / TODO: in a string /; // FIXME: another\n";
    const todos = new CommentScanner(text, compileSyntax(syntax), findMarkerCandidates(text)).run();
    assert.deepEqual(
      todos.map((todo) => [todo.line, todo.marker, todo.text]),
      [
        [0, "TODO", "a comment"],
        [1, "FIXME", "another"],
      ],
    );
  });
});
