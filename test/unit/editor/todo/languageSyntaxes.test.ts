/** Each language's comment and string syntax, and the fallback for unknown language ids. */
import assert from "node:assert/strict";

import { found, itFindsTodos, type TodoCase } from "./todoCases";

const cases: TodoCase[] = [
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
];

describe("languageSyntaxes", () => {
  itFindsTodos(cases);

  it("uses a conservative fallback for unknown languages", () => {
    assert.deepEqual(found("// TODO: a\n# FIXME: b\nx = 'TODO'\n", "some-unknown-language"), [
      [0, "TODO", "a"],
      [1, "FIXME", "b"],
    ]);
  });
});
