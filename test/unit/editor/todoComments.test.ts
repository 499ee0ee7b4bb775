import assert from "node:assert/strict";

import { findTodoComments } from "../../../extension/editor/todoComments";

/** `[line, marker, text]` for each TODO found. */
function found(text: string, languageId: string): [number, string, string][] {
  return findTodoComments(text, languageId).map((todo) => [todo.line, todo.marker, todo.text]);
}

interface Case {
  name: string;
  languageId: string;
  text: string;
  expected: [number, string, string][];
}

const cases: Case[] = [
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
    name: "go raw strings have no escapes",
    languageId: "go",
    text: ["s := `raw \\", "// TODO: no`", "// TODO: four"].join("\n"),
    expected: [[2, "TODO", "four"]],
  },
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
    name: "shell: # only at a word start",
    languageId: "shellscript",
    text: 'echo "# TODO no" ${#arr[@]} a#TODO\n# TODO: yes\nls # FIXME: trailing\n',
    expected: [
      [1, "TODO", "yes"],
      [2, "FIXME", "trailing"],
    ],
  },
  {
    name: "ruby line comments and =begin blocks",
    languageId: "ruby",
    text: "x = '# TODO no'\n# TODO: yes\n=begin\nFIXME: in a block\n=end\n",
    expected: [
      [1, "TODO", "yes"],
      [3, "FIXME", "in a block"],
    ],
  },
  {
    name: "yaml: apostrophes in plain scalars do not open strings",
    languageId: "yaml",
    text: "title: it's fine # TODO: yaml\nurl: 'http://x#TODO'\nkey: value#TODO\n",
    expected: [[0, "TODO", "yaml"]],
  },
  {
    name: "sql -- and block comments",
    languageId: "sql",
    text: "SELECT '-- TODO no' FROM t; -- TODO: index this\n/* FIXME: slow */",
    expected: [
      [0, "TODO", "index this"],
      [1, "FIXME", "slow"],
    ],
  },
  {
    name: "lua -- and --[[ ]] comments",
    languageId: "lua",
    text: 'local s = "-- TODO no"\n-- TODO: lua\n--[[\nFIXME: long comment\n]]\n',
    expected: [
      [1, "TODO", "lua"],
      [3, "FIXME", "long comment"],
    ],
  },
  {
    name: "haskell: -- comments, primes in identifiers",
    languageId: "haskell",
    text: "f' x = x' -- TODO: haskell\n{- FIXME: block -}\n",
    expected: [
      [0, "TODO", "haskell"],
      [1, "FIXME", "block"],
    ],
  },
  {
    name: "lisp and clojure ; comments",
    languageId: "clojure",
    text: '(def s "; TODO no") ; TODO: clojure\n;; FIXME: doubled\n',
    expected: [
      [0, "TODO", "clojure"],
      [1, "FIXME", "doubled"],
    ],
  },
  {
    name: "lisp #| |# block comments",
    languageId: "lisp",
    text: "#| TODO: block |#\n(car x) ; FIXME: line\n",
    expected: [
      [0, "TODO", "block"],
      [1, "FIXME", "line"],
    ],
  },
  {
    name: "ini ; and # only at the line start",
    languageId: "ini",
    text: "; TODO: ini\nkey = a;TODO\n# FIXME: hash\n",
    expected: [
      [0, "TODO", "ini"],
      [2, "FIXME", "hash"],
    ],
  },
  {
    name: "c: # is not a comment, block comments with leading stars",
    languageId: "c",
    text: '#define TODO 1\nchar *s = "/* TODO */";\n/*\n * TODO: free the buffer\n * before returning\n */\n',
    expected: [[3, "TODO", "free the buffer\nbefore returning"]],
  },
  {
    name: "html comments only",
    languageId: "html",
    text: '<p title="TODO">TODO: visible text</p>\n<!-- TODO: html comment -->\n',
    expected: [[1, "TODO", "html comment"]],
  },
  {
    name: "css block comments",
    languageId: "css",
    text: '.a { content: "/* TODO */"; } /* FIXME: contrast */\n',
    expected: [[0, "FIXME", "contrast"]],
  },
  {
    name: "markdown html comments",
    languageId: "markdown",
    text: "# TODO list\n\nTODO: prose is not a comment\n<!-- TODO: markdown -->\n",
    expected: [[3, "TODO", "markdown"]],
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

describe("findTodoComments", () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      assert.deepEqual(found(testCase.text, testCase.languageId), testCase.expected);
    });
  }

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

  it("uses a conservative fallback for unknown languages", () => {
    assert.deepEqual(found("// TODO: a\n# FIXME: b\nx = 'TODO'\n", "some-unknown-language"), [
      [0, "TODO", "a"],
      [1, "FIXME", "b"],
    ]);
  });

  it("an empty TODO has empty text", () => {
    assert.deepEqual(found("// TODO\n", "typescript"), [[0, "TODO", ""]]);
  });

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
