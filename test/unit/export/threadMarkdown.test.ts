import assert from "node:assert/strict";

import {
  code,
  fenced,
  itemMarkdown,
  threadMarkdown,
} from "../../../extension/export/threadMarkdown";
import { exportFileName, threadIdOfTarget } from "../../../extension/export/exportArgs";
import type { ThreadItem } from "../../../protocol/codex/v2/ThreadItem";
import { newItems } from "../../webview/fixtures/newItems";

const user: ThreadItem = {
  type: "userMessage",
  id: "u1",
  clientId: null,
  content: [
    { type: "text", text: "Fix the greeting", text_elements: [] },
    { type: "mention", name: "greet.ts", path: "src/greet.ts" },
  ],
};
const answer: ThreadItem = {
  type: "agentMessage",
  id: "a1",
  text: "Done: **greet** is typed now.",
  moderation: null,
  phase: null,
  memoryCitation: null,
  delivery: null,
  questions: null,
};
const command: ThreadItem = {
  type: "commandExecution",
  id: "c1",
  command: "npm test",
  cwd: "/work/project",
  processId: null,
  pluginId: null,
  scriptPath: null,
  source: "agent",
  status: "completed",
  commandActions: [],
  aggregatedOutput: "1 passing\n```not a fence end```\n",
  exitCode: 0,
  durationMs: 1500,
};
const diff = "--- a/src/greet.ts\n+++ b/src/greet.ts\n@@ -1 +1 @@\n-old\n+new\n";
const edit: ThreadItem = {
  type: "fileChange",
  id: "f1",
  status: "completed",
  changes: [{ path: "src/greet.ts", kind: { type: "update", move_path: null }, diff }],
};

describe("export: a thread as Markdown", () => {
  it("writes a command as the model asked for it and paths inside the folder relative to it", () => {
    const wrapped: ThreadItem = { ...command, command: "/bin/bash -lc 'echo it'\\''s done'" };
    const absolute: ThreadItem = {
      ...edit,
      changes: [
        { path: "/work/project/src/greet.ts", kind: { type: "update", move_path: null }, diff },
        { path: "/work/projects/other.ts", kind: { type: "add" }, diff },
        { path: "/work/project/../secret/key.pem", kind: { type: "delete" }, diff },
      ],
    };
    const markdown = threadMarkdown({
      id: "thread-1",
      title: "t",
      cwd: "/work/project/",
      turns: [{ id: "t1", status: "completed", error: null, items: [wrapped, absolute] }],
    });
    assert.match(markdown, /\*\*Ran\*\* `echo it's done`/);
    assert.match(markdown, /\$ echo it's done\n/);
    assert.doesNotMatch(markdown, /bash -lc/);
    assert.match(markdown, /\*\*Edited\*\* `src\/greet\.ts`/);
    // A sibling folder that shares the prefix stays absolute.
    assert.match(markdown, /\*\*Added\*\* `\/work\/projects\/other\.ts`/);
    // `..` is resolved first: a path that leaves the folder is written absolute, not `../secret`.
    assert.match(markdown, /\*\*Deleted\*\* `\/work\/secret\/key\.pem`/);
  });

  it("writes the messages, the commands with their output and the diffs, in order", () => {
    const markdown = threadMarkdown({
      id: "thread-1",
      title: "Tighten greet()",
      cwd: "/work/project",
      turns: [
        { id: "t1", status: "completed", error: null, items: [user, command, edit, answer] },
        {
          id: "t2",
          status: "failed",
          error: {
            message: "stream disconnected",
            codexErrorInfo: null,
            additionalDetails: null,
            misalignment: null,
          },
          items: [],
        },
      ],
    });
    assert.ok(
      markdown.startsWith("# Tighten greet()\n\n- Thread: `thread-1`\n- Folder: `/work/project`"),
    );
    const order = [
      "### You\n\nFix the greeting",
      "- Attached: `src/greet.ts`",
      "**Ran** `npm test` (exit code 0, 1.5 s)",
      "````console\n$ npm test\n1 passing\n```not a fence end```\n````",
      "**Edited** `src/greet.ts`\n\n```diff\n--- a/src/greet.ts",
      "### Codex\n\nDone: **greet** is typed now.",
      "> **Error:** stream disconnected",
    ].map((part) => {
      const at = markdown.indexOf(part);
      assert.ok(at >= 0, `missing ${JSON.stringify(part)} in\n${markdown}`);
      return at;
    });
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      "in the thread's order",
    );
  });

  it("has a line for every item type, sub-agents and hooks included", () => {
    for (const item of newItems) {
      assert.ok(itemMarkdown(item).trim().length > 0, item.type);
    }
    assert.match(itemMarkdown(newItems[3]!), /^> Hook: Repository policy/);
    assert.match(itemMarkdown(newItems[1]!), /Find every caller/);
  });

  it("fences and inline code survive backticks in the content", () => {
    assert.equal(fenced("a ``` b"), "````\na ``` b\n````");
    assert.equal(code("say `hi`"), "`` say `hi` ``");
    assert.equal(code("plain"), "`plain`");
  });

  it("names the file after the title and finds the thread in a command's argument", () => {
    assert.equal(exportFileName("Fix: the greeting / types!"), "Fix-the-greeting-types.md");
    assert.equal(exportFileName("???"), "codex-thread.md");
    assert.equal(threadIdOfTarget("T1"), "T1");
    assert.equal(threadIdOfTarget({ kind: "thread", thread: { id: "T2" } }), "T2");
    assert.equal(threadIdOfTarget({ threadId: "T3" }), "T3");
    assert.equal(threadIdOfTarget(undefined), undefined);
  });
});
