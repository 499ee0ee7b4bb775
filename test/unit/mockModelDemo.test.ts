import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { DEMO_PROMPTS, demoReply, matchDemoPrompt } from "../support/mockModel/demo/prompts";
import { readTurn, type DemoTurn, type ToolResult } from "../support/mockModel/demo/turn";
import { DEMO_FILES, DEMO_TODO } from "../support/mockModel/demo/workspace";
import { toReply, type ReplyLike, type ResponsesRequest } from "../support/mockModel/script";

/** What one demo reply makes the model send: its output items, or the HTTP error. */
interface Rendered {
  items: Array<{ type: string; name?: string; arguments?: string; input?: string; text: string }>;
  error?: { status: number; body: unknown };
}

function render(replyLike: ReplyLike): Rendered {
  const replyValue = toReply(replyLike);
  assert.notEqual(typeof replyValue, "function");
  if (typeof replyValue === "function") throw new Error("unreachable");
  if (replyValue.kind === "httpError") {
    return { items: [], error: { status: replyValue.status, body: replyValue.body } };
  }
  let n = 0;
  let index = 0;
  const ctx = {
    responseId: "resp_1",
    nextOutputIndex: () => index++,
    nextId: (prefix: string) => `${prefix}_${++n}`,
    countOutput: () => undefined,
  };
  const items: Rendered["items"] = [];
  for (const step of replyValue.steps) {
    for (const frame of step.build(ctx)) {
      if (frame.kind !== "event" || frame.event.type !== "response.output_item.done") continue;
      const item = frame.event.item as {
        type: string;
        name?: string;
        arguments?: string;
        input?: string;
        content?: Array<{ text: string }>;
        summary?: Array<{ text: string }>;
      };
      const text = [...(item.content ?? []), ...(item.summary ?? [])].map((p) => p.text).join("");
      items.push({ ...item, text });
    }
  }
  return { items };
}

const turn = (prompt: string, results: ToolResult[] = [], more: Partial<DemoTurn> = {}) => ({
  prompt,
  parts: [prompt],
  attached: [],
  results,
  planMode: false,
  attempt: 1,
  ...more,
});

/** An exec_command result as codex 0.169.0 words it. */
const execResult = (output: string, code = 0, args = "{}"): ToolResult => ({
  tool: "exec_command",
  args,
  output: `Chunk ID: 1\nWall time: 0.0 seconds\nProcess exited with code ${code}\nOriginal token count: 3\nOutput:\n${output}`,
});
const patchOk: ToolResult = {
  tool: "apply_patch",
  args: "",
  output:
    "Exit code: 0\nWall time: 0 seconds\nOutput:\nSuccess. Updated the following files:\nM foo.ts\n",
};
const planOk: ToolResult = { tool: "update_plan", args: "", output: "Plan updated" };

const calls = (rendered: Rendered) =>
  rendered.items.filter((i) => i.type !== "message" && i.type !== "reasoning");

describe("demo model: prompts", () => {
  it("every example prompt matches its own entry", () => {
    for (const entry of DEMO_PROMPTS) {
      assert.equal(matchDemoPrompt(entry.example)?.entry.id, entry.id, entry.example);
    }
  });

  it("recognises plain variants and reads their arguments", () => {
    const cases: Array<[string, string, string | undefined]> = [
      ["run ls", "runCommand", "ls"],
      ["Run `git status`", "runCommand", "`git status`"],
      ["run npm test", "runCommand", "npm test"],
      ["run npm install", "install", undefined],
      ["please run a slow command", "slowCommand", undefined],
      ["create hello.txt", "createFile", "hello.txt"],
      ["Create a new file called notes.md", "createFile", "notes.md"],
      ["delete hello.txt", "deleteFile", "hello.txt"],
      ["fix the TODO in foo.ts", "fixTodo", "foo.ts"],
      ["fix the todo", "fixTodo", undefined],
      ["append a line to README.md", "appendLine", "README.md"],
      ["plan the cleanup", "plan", "the cleanup"],
      ["Implement the plan.", "implementPlan", undefined],
      ["make a plan for the release", "plan", "the release"],
      ["think hard about caching", "think", "caching"],
      ["write a long answer", "longAnswer", undefined],
      ["explain foo.ts", "explain", "foo.ts"],
      ["ask me a question", "question", undefined],
      ["show an error", "error", undefined],
    ];
    for (const [prompt, id, arg] of cases) {
      const found = matchDemoPrompt(prompt);
      assert.equal(found?.entry.id, id, prompt);
      if (arg !== undefined) assert.equal(found.match[1], arg, prompt);
    }
  });

  it("finds the typed prompt among the extension's own parts, and reads attached files", () => {
    const request: ResponsesRequest = {
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "My comments on the plan:\n- Step 1: shorter" },
            { type: "input_text", text: "explain this" },
            { type: "input_text", text: "Attached files (read them as needed):\n- /w/my dir/a.ts" },
          ],
        },
      ],
    };
    const parsed = readTurn(request);
    assert.deepEqual(parsed.attached, ["/w/my dir/a.ts"]);
    const [call] = calls(render(demoReply(parsed)));
    assert.equal(JSON.parse(call!.arguments!).cmd, "cat '/w/my dir/a.ts'");
  });

  it("answers an unknown prompt with every demo prompt", () => {
    assert.equal(matchDemoPrompt("what is the weather"), undefined);
    const [message] = render(demoReply(turn("what is the weather"))).items;
    for (const entry of DEMO_PROMPTS) assert.ok(message?.text.includes(`| ${entry.example} |`));
  });

  it("the README lists every demo prompt", () => {
    const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    for (const entry of DEMO_PROMPTS)
      assert.ok(readme.includes(`\`${entry.example}\``), entry.example);
  });
});

describe("demo model: scripts", () => {
  it("run ls: exec_command in the sandbox, then its output", () => {
    const [call] = calls(render(demoReply(turn("run ls"))));
    assert.equal(call?.name, "exec_command");
    const args = JSON.parse(call.arguments!) as Record<string, unknown>;
    assert.equal(args.cmd, "ls");
    assert.equal(args.sandbox_permissions, undefined);
    const after = render(demoReply(turn("run ls", [execResult("README.md\nfoo.ts\n")])));
    assert.deepEqual(calls(after), []);
    assert.match(after.items[0]!.text, /`ls` exited with code 0:\n\n```\nREADME.md\nfoo.ts\n```/);
  });

  it("a write the read-only sandbox blocks is asked again outside it, once", () => {
    const blocked = execResult("bash: line 1: README.md: Read-only file system\n", 1);
    const [retry] = calls(render(demoReply(turn("append a line to README.md", [blocked]))));
    const args = JSON.parse(retry!.arguments!) as Record<string, unknown>;
    assert.equal(args.sandbox_permissions, "require_escalated");
    assert.match(String(args.justification), /read-only sandbox/);
    const escalatedAndBlocked = execResult("Read-only file system", 1, retry!.arguments);
    const end = render(
      demoReply(turn("append a line to README.md", [blocked, escalatedAndBlocked])),
    );
    assert.deepEqual(calls(end), []);
    const declined: ToolResult = {
      tool: "exec_command",
      args: retry!.arguments!,
      output: 'exec_command failed: CreateProcess { message: "Rejected(\\"rejected by user\\")" }',
    };
    const said = render(demoReply(turn("append a line to README.md", [blocked, declined])));
    assert.match(said.items[0]!.text, /You declined/);
  });

  it("install asks for approval from the start", () => {
    const [call] = calls(render(demoReply(turn("install the dependencies"))));
    assert.equal(JSON.parse(call!.arguments!).sandbox_permissions, "require_escalated");
  });

  it("create hello.txt: an apply_patch that adds the file, then says so", () => {
    const [call] = calls(render(demoReply(turn("create hello.txt"))));
    assert.equal(call?.type, "custom_tool_call");
    assert.equal(call.name, "apply_patch");
    assert.match(call.input!, /^\*\*\* Begin Patch\n\*\*\* Add File: hello\.txt\n\+Hello/);
    const done = render(demoReply(turn("create hello.txt", [patchOk])));
    assert.match(done.items[0]!.text, /^Created `hello.txt`/);
    const declined = { ...patchOk, output: "patch rejected by user" };
    assert.match(
      render(demoReply(turn("create hello.txt", [declined]))).items[0]!.text,
      /declined/,
    );
  });

  it("fix the TODO: grep, a patch of the line grep found, the test, the summary", () => {
    const [grep] = calls(render(demoReply(turn("fix the TODO in foo.ts"))));
    assert.equal(JSON.parse(grep!.arguments!).cmd, "grep -n TODO foo.ts");
    const todoLine = DEMO_FILES["foo.ts"]!.split("\n").indexOf(DEMO_TODO.comment) + 1;
    assert.ok(todoLine > 0);
    const found = execResult(`${todoLine}:${DEMO_TODO.comment}\n`);
    const [patch] = calls(render(demoReply(turn("fix the TODO in foo.ts", [found]))));
    assert.equal(
      patch?.input,
      `*** Begin Patch\n*** Update File: foo.ts\n@@\n-${DEMO_TODO.comment}\n+${DEMO_TODO.fix}\n*** End Patch`,
    );
    const [test] = calls(render(demoReply(turn("fix the TODO in foo.ts", [found, patchOk]))));
    assert.equal(JSON.parse(test!.arguments!).cmd, "node check.mjs");
    const end = render(
      demoReply(turn("fix the TODO in foo.ts", [found, patchOk, execResult("PASS\n")])),
    );
    assert.deepEqual(calls(end), []);
    assert.match(end.items[0]!.text, /Undo turn/);
    const none = render(demoReply(turn("fix the TODO in foo.ts", [execResult("", 1)])));
    assert.match(none.items[0]!.text, /no TODO left/);
  });

  it("plan: update_plan, then a command per step with the plan updated after each", () => {
    const results: ToolResult[] = [];
    const sequence: string[] = [];
    const statuses: string[][] = [];
    for (let i = 0; i < 12; i++) {
      const rendered = render(demoReply(turn("plan the cleanup", results)));
      const [call] = calls(rendered);
      if (!call) break;
      sequence.push(call.name!);
      if (call.name === "update_plan") {
        const args = JSON.parse(call.arguments!) as { plan: Array<{ status: string }> };
        statuses.push(args.plan.map((step) => step.status));
        results.push(planOk);
      } else {
        const cmd = (JSON.parse(call.arguments!) as { cmd: string }).cmd;
        // grep's hits among the shell's own noise (a profile's warning) are what count.
        const output = cmd.startsWith("grep") ? "pyenv: noise\n./foo.ts:7:  // TODO: x\n" : "a\n";
        results.push(execResult(output, cmd.startsWith("node") ? 1 : 0));
      }
    }
    assert.deepEqual(sequence, [
      "update_plan",
      "exec_command",
      "update_plan",
      "exec_command",
      "update_plan",
      "exec_command",
      "update_plan",
      "update_plan",
    ]);
    for (const plan of statuses.slice(0, -1)) {
      assert.equal(plan.filter((s) => s === "in_progress").length, 1, plan.join());
    }
    assert.deepEqual(statuses.at(-1), ["completed", "completed", "completed", "completed"]);
    const summary = render(demoReply(turn("plan the cleanup", results))).items[0]!.text;
    assert.match(summary, /- 1 open TODO\.\n- The test fails\./);
  });

  it("in Plan mode any request is answered with a proposed plan after looking around", () => {
    const planTurn = (results: ToolResult[]) => turn("refactor foo", results, { planMode: true });
    assert.equal(calls(render(demoReply(planTurn([]))))[0]?.name, "exec_command");
    const end = render(demoReply(planTurn([execResult("foo.ts\n"), execResult("./foo.ts:7:x\n")])));
    assert.deepEqual(calls(end), []);
    assert.match(end.items.at(-1)!.text, /<proposed_plan>\n# Plan\n[\s\S]*<\/proposed_plan>$/);
  });

  it("think hard streams reasoning summaries before the answer", () => {
    const items = render(demoReply(turn("think hard about caching"))).items;
    assert.deepEqual(
      items.map((i) => i.type),
      ["reasoning", "reasoning", "reasoning", "message"],
    );
    assert.match(items.at(-1)!.text, /caching/);
  });

  it("show an error fails the first time and answers on the retry", () => {
    const first = render(demoReply(turn("show an error")));
    assert.equal(first.error?.status, 400);
    const retry = render(demoReply(turn("show an error", [], { attempt: 2 })));
    assert.match(retry.items[0]!.text, /retry worked/);
  });

  it("ask me a question: request_user_input, then the picked answer", () => {
    const [call] = calls(render(demoReply(turn("ask me a question"))));
    assert.equal(call?.name, "request_user_input");
    const answer: ToolResult = {
      tool: "request_user_input",
      args: call.arguments!,
      output: JSON.stringify({ answers: { greeting_language: { answers: ["French"] } } }),
    };
    const end = render(demoReply(turn("ask me a question", [answer])));
    assert.match(end.items[0]!.text, /You picked \*\*French\*\*/);
  });
});

describe("demo model: codex's own requests", () => {
  const REVIEW =
    "Review the current code changes (staged, unstaged, and untracked files) and provide prioritized findings.";

  it("/review: git diff, then a review of the changed files", () => {
    const [call] = calls(render(demoReply(turn(REVIEW))));
    assert.equal(JSON.parse(call!.arguments!).cmd, "git --no-pager diff HEAD");
    const diff = `diff --git a/foo.ts b/foo.ts\n-${DEMO_TODO.comment}\n+${DEMO_TODO.fix}\n`;
    const [message] = render(demoReply(turn(REVIEW, [execResult(diff)]))).items;
    assert.match(message!.text, /^Reviewed 1 changed file: `foo.ts`\.\n\n- \*\*Looks right\*\*/);
    const clean = render(demoReply(turn(REVIEW, [execResult("")]))).items[0]!.text;
    assert.match(clean, /working tree is clean/);
  });

  it("/compact: a summary, not the help", () => {
    const prompt = "You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary.";
    assert.match(render(demoReply(turn(prompt))).items[0]!.text, /^Summary for the next turn/);
  });
});

describe("demo model: reading codex's request", () => {
  const userMessage = (text: string) => ({
    type: "message",
    role: "user",
    content: [{ type: "input_text", text }],
  });
  const developer = (text: string) => ({
    type: "message",
    role: "developer",
    content: [{ type: "input_text", text }],
  });

  it("finds the latest prompt, the tool results since, Plan mode and the attempt", () => {
    const request: ResponsesRequest = {
      input: [
        developer("<collaboration_mode># Plan Mode (Conversational)\n..."),
        userMessage("<environment_context><cwd>/tmp/x</cwd></environment_context>"),
        userMessage("show an error"),
        { type: "function_call", call_id: "c0", name: "exec_command", arguments: "{}" },
        { type: "function_call_output", call_id: "c0", output: "old" },
        developer("<collaboration_mode># Collaboration Mode: Default\n..."),
        userMessage("show an error"),
        { type: "function_call", call_id: "c1", name: "exec_command", arguments: '{"cmd":"ls"}' },
        { type: "function_call_output", call_id: "c1", output: "new" },
        { type: "custom_tool_call", call_id: "c2", name: "apply_patch", input: "*** Begin Patch" },
        { type: "custom_tool_call_output", call_id: "c2", output: "Success." },
      ],
    };
    assert.deepEqual(readTurn(request), {
      prompt: "show an error",
      parts: ["show an error"],
      attached: [],
      results: [
        { tool: "exec_command", args: '{"cmd":"ls"}', output: "new" },
        { tool: "apply_patch", args: "*** Begin Patch", output: "Success." },
      ],
      planMode: false,
      attempt: 2,
    });
    const planning = readTurn({ input: request.input!.slice(0, 3) });
    assert.equal(planning.planMode, true);
    assert.equal(planning.attempt, 1);
    assert.deepEqual(planning.results, []);
  });
});
