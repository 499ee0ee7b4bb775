// The end-to-end scenarios, in the order they run. Each is { name, run(ctx), skip?(ctx) }.
// Scenarios a–j share one code-server (extension loaded from this folder) and one page;
// f and k get their own code-server (another CODEX_HOME, the packaged VSIX).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from "node:fs";
import path from "node:path";

import { openWorkbench, webviewFrame } from "../../scripts/lib/browser.mjs";
import { installVsix, startCodeServer } from "../../scripts/lib/codeServer.mjs";
import { codexBinary } from "../../scripts/lib/codexBinary.mjs";
import {
  EXTENSION_ID,
  builtInThemeId,
  codexAppServers,
  composer,
  findFiles,
  promptsOf,
  repoRoot,
  resultsDir,
  sendPrompt,
  showSidebar,
  testSupport,
  transcript,
  pickColorTheme,
  pickCommand,
  runCommand,
  until,
  writeMachineSettings,
} from "./lib/harness.mjs";

const TODO_TEXT = "greet in French when the name ends with an e";

/** Runs `node scripts/build.mjs` once per stage. */
function buildOnce(ctx) {
  if (ctx.built) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "build.mjs")], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  ctx.built = true;
}

function makeWorkspace(ctx, name) {
  const dir = path.join(ctx.scratch, name);
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(
    path.join(dir, "src", "todo.ts"),
    `export function greet(name: string): string {\n  // TODO: ${TODO_TEXT}\n  return \`Hello, \${name}\`;\n}\n`,
  );
  return dir;
}

function emptyFolder(ctx, name) {
  const dir = path.join(ctx.scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Answers the next model requests with `replies` (then the mock's default "Done."). */
function useReplies(model, ...replies) {
  const queue = [...replies];
  model.onRequest(() => queue.shift());
}

/**
 * The shared environment: mock model, CODEX_HOME (on-request, read-only), a workspace,
 * code-server with the extension from this folder, and one workbench page.
 */
async function mainEnv(ctx) {
  if (ctx.main) {
    ctx.currentServer = ctx.main.cs;
    ctx.currentPage = ctx.main.page;
    return ctx.main;
  }
  buildOnce(ctx);
  const { server, script, codexHome } = await testSupport();
  const model = await server.startMockModel();
  ctx.cleanups.push(() => model.close());
  const home = await codexHome.createCodexHome({
    modelUrl: model.url,
    approvalPolicy: "on-request",
    sandboxMode: "read-only",
    // A user skill for the `$` menu (scenario "skill.").
    skills: [
      { name: "e2e-skill", description: "A skill for the end-to-end test", body: E2E_SKILL_BODY },
    ],
  });
  ctx.cleanups.push(() => home.dispose());
  const workspace = makeWorkspace(ctx, "ws-main");
  const settings = { "chatgpt.cliExecutable": codexBinary() };
  const cs = await startCodeServer({
    workspace,
    extensionDevelopmentPath: repoRoot,
    env: { CODEX_HOME: home.dir },
    // @terminal (scenario u) needs shell integration, which VS Code has for bash, not a plain sh.
    // The terminal's HOME has no .bashrc: this machine's (pyenv init) takes a minute under load,
    // and shell integration starts only after it.
    settings: {
      ...settings,
      "terminal.integrated.defaultProfile.linux": "bash",
      "terminal.integrated.env.linux": { HOME: emptyFolder(ctx, "terminal-home") },
    },
    timeoutMs: 60_000,
  });
  ctx.cleanups.push(() => cs.stop());
  writeMachineSettings(cs.runDir, settings);
  ctx.currentServer = cs;
  const page = await openWorkbench(ctx.browser, cs.workbenchUrl(), { timeoutMs: 90_000 });
  ctx.currentPage = page;
  ctx.main = { model, script, home, workspace, cs, page, settings, frame: undefined };
  return ctx.main;
}

/** The main environment with the chat visible (after scenario a, or on its own with --grep). */
async function mainChat(ctx) {
  const env = await mainEnv(ctx);
  env.frame = await showSidebar(env.page);
  return env;
}

/**
 * The part the chat view lives in: the secondary side bar where VS Code has one (1.139, da16c18),
 * the primary side bar in VS Code 1.100 (whose secondary side bar stays hidden).
 */
async function chatPart(page) {
  const secondary = page.locator(".part.auxiliarybar");
  return (await secondary.isVisible()) ? secondary : page.locator(".part.sidebar");
}

/**
 * New thread through the view's title-bar action (the webview has no button of its own). The
 * command ends by focusing the Codex view; wait for that, or it takes the focus from whatever the
 * scenario opens next (a quick pick closes when it loses focus).
 */
async function newThread(env) {
  await (await chatPart(env.page)).getByRole("button", { name: /^New Chat/ }).click();
  await env.frame.getByText("What should Codex do?").waitFor();
  await until("the Codex view to take the focus", () =>
    // runs in the workbench page
    // eslint-disable-next-line no-undef
    env.page.evaluate(() => document.activeElement?.matches("iframe.webview") ?? false),
  );
}

/** Picks a mode in the composer's Mode menu. */
async function chooseMode(frame, label) {
  await frame.getByRole("button", { name: /^Mode: / }).click();
  await frame.getByRole("listbox", { name: "Mode" }).getByRole("option", { name: label }).click();
}

function lastRequestWithPrompt(env, needle) {
  return env.model.requests.find((r) => promptsOf(env.script, r).some((p) => p.includes(needle)));
}

// ---------------------------------------------------------------------------------------------

const a = {
  name: "a. the sidebar opens from the activity bar and the chat renders without sign-in",
  async run(ctx) {
    const env = await mainEnv(ctx);
    const frame = await showSidebar(env.page, { via: "activityBar" });
    env.frame = frame;
    await frame.getByText("What should Codex do?").waitFor();
    await frame.getByRole("button", { name: "Send", exact: true }).waitFor();
    if ((await frame.getByRole("heading", { name: "Sign in to Codex" }).count()) !== 0) {
      throw new Error("the sign-in screen is shown although the mock provider needs no auth");
    }
  },
};

const b = {
  name: "b. a prompt streams an answer rendered as markdown with a code block",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame } = env;
    const answer =
      "Here is **the greeting** you asked for:\n\n```js\nconsole.log('hello from e2e');\n```\n\nAnything else?";
    useReplies(model, script.reply(script.text(answer, { chunks: 8, delayMs: 40 })));
    await sendPrompt(frame, "Write a hello world in JavaScript");
    const log = transcript(frame);
    await log.locator("pre code", { hasText: "console.log('hello from e2e');" }).waitFor();
    await log.locator("strong", { hasText: "the greeting" }).waitFor();
    await log.getByText("Anything else?").waitFor();
    await frame.getByRole("button", { name: "Copy code" }).first().waitFor();
    if (!lastRequestWithPrompt(env, "Write a hello world in JavaScript")) {
      throw new Error("the mock model never received the prompt");
    }
  },
};

const c = {
  name: "c. a shell call asks for approval: Accept runs it, Decline does not",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, workspace } = env;
    await newThread(env);
    const log = transcript(frame);

    useReplies(
      model,
      script.shellCall({
        cmd: "echo shell-accepted-output && touch accepted.txt",
        justification: "Create accepted.txt",
        callId: "call_accept_1",
      }),
      script.text("Ran the command."),
    );
    await sendPrompt(frame, "Please create accepted.txt");
    const card = frame.getByRole("region", { name: "Run this command?" });
    await card.waitFor();
    await card.getByText("Create accepted.txt").waitFor();
    if (existsSync(path.join(workspace, "accepted.txt"))) {
      throw new Error("accepted.txt exists before the command was approved");
    }
    await card.getByRole("button", { name: "Accept", exact: true }).click();
    await log.getByText("Ran the command.").waitFor();
    await until("accepted.txt to exist", () => existsSync(path.join(workspace, "accepted.txt")));
    const command = log.locator(".item.command", { hasText: "shell-accepted-output" }).first();
    await command.waitFor();
    const output = command.getByRole("button", { name: "Output" });
    if ((await output.getAttribute("aria-expanded")) !== "true") await output.click();
    await command.locator("pre.command-output", { hasText: "shell-accepted-output" }).waitFor();

    useReplies(
      model,
      script.shellCall({
        cmd: "touch declined.txt",
        justification: "Create declined.txt",
        callId: "call_decline_1",
      }),
      script.text("Understood, I did not run it."),
    );
    await sendPrompt(frame, "Now create declined.txt");
    const card2 = frame.getByRole("region", { name: "Run this command?" });
    await card2.getByText("Create declined.txt").waitFor();
    await card2.getByRole("button", { name: "Decline", exact: true }).click();
    await log.getByText("Understood, I did not run it.").waitFor();
    const followUp = await until("the declined call's output to reach the model", () =>
      model.requests
        .map((r) => script.callOutputText(script.findCallOutput(r, "call_decline_1")))
        .find(Boolean),
    );
    if (!/reject/i.test(followUp)) throw new Error(`unexpected call output: ${followUp}`);
    if (existsSync(path.join(workspace, "declined.txt"))) {
      throw new Error("declined.txt exists: the declined command ran");
    }
  },
};

const c2 = {
  name: "c2. Always allow: the rule codex proposed is shown, added, listed in the palette, and the same kind of command then runs without a prompt",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, home, page } = env;
    await newThread(env);
    const log = transcript(frame);
    // The model proposes `echo e2e-always` as the rule (exec_command's prefix_rule).
    const call = (cmd, callId) =>
      script.shellCall({
        cmd,
        callId,
        justification: "Echo outside the sandbox",
        extraArgs: { prefix_rule: ["echo", "e2e-always"] },
      });
    useReplies(model, call("echo e2e-always first", "call_always_1"), script.text("Ran it once."));
    await sendPrompt(frame, "Echo once");
    const card = frame.getByRole("region", { name: "Run this command?" });
    await card.waitFor();
    await card.getByRole("button", { name: "Always allow commands like this…" }).click();
    const rule = card.getByRole("group", { name: "Always allow commands like this…" });
    await rule.locator(".approval-rule-text", { hasText: "echo e2e-always …" }).waitFor();
    await rule.getByRole("button", { name: "Run and always allow" }).click();
    await log.getByText("Ran it once.").waitFor();
    const rulesFile = path.join(home.dir, "rules", "default.rules");
    await until("codex to persist the rule", () =>
      existsSync(rulesFile)
        ? readFileSync(rulesFile, "utf8").includes(
            'prefix_rule(pattern=["echo", "e2e-always"], decision="allow")',
          )
        : false,
    );

    // A new thread, the same prefix: it runs without a card.
    await newThread(env);
    useReplies(
      model,
      call("echo e2e-always second", "call_always_2"),
      script.text("Ran it again."),
    );
    await sendPrompt(frame, "Echo again");
    await log.getByText("Ran it again.").waitFor();
    if ((await frame.getByRole("region", { name: "Run this command?" }).count()) !== 0) {
      throw new Error("codex asked again although the rule allows the command");
    }
    const output = await until("the second command's output to reach the model", () =>
      model.requests
        .map((r) => script.callOutputText(script.findCallOutput(r, "call_always_2")))
        .find(Boolean),
    );
    if (!output.includes("e2e-always second")) throw new Error(`unexpected output: ${output}`);

    // The palette lists the rule the extension added (its quick pick replaces the palette).
    await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } });
    await page.keyboard.press("F1");
    const palette = page.locator(".quick-input-widget input");
    await palette.waitFor();
    await palette.fill(">Codex: Manage Rules Added from Approvals");
    await page
      .locator(".quick-input-list .monaco-list-row", {
        hasText: "Codex: Manage Rules Added from Approvals",
      })
      .first()
      .waitFor();
    await page.keyboard.press("Enter");
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: "echo e2e-always" })
      .waitFor();
    await page.keyboard.press("Escape");
  },
};

const d = {
  name: "d. a patch is reviewed in VS Code's diff editors before and after; disk changes only as approved; a decline says so",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { frame, workspace } = env;
    await newThread(env);
    const notes = path.join(workspace, "notes.txt");
    // Agent mode writes the workspace without asking; Chat mode is read-only, so codex asks.
    await chooseMode(frame, /^Chat/);
    try {
      await patchTurns(env, notes);
    } finally {
      await chooseMode(frame, /^Agent(?! \(full)/);
    }
  },
};

/** An editor tab by its exact title. */
function editorTab(page, title) {
  return page.locator(".tabs-container .tab", { hasText: title }).first();
}

/** Reviewing opens no Untitled buffer and no "the file has changed" toast. */
async function assertNoUntitledOrStaleToast(page) {
  const untitled = await page.locator(".tabs-container .tab", { hasText: /^Untitled/ }).count();
  if (untitled > 0) throw new Error("reviewing opened an Untitled document");
  const toast = page.locator(".notifications-toasts", { hasText: /has changed since Codex/ });
  if ((await toast.count()) > 0) throw new Error("a false 'file has changed' toast appeared");
}

async function patchTurns(env, notes) {
  const { script, model, frame, page } = env;
  const log = transcript(frame);
  useReplies(
    model,
    script.applyPatch(script.addFilePatch("notes.txt", "hello\nworld\n"), {
      callId: "call_patch_1",
    }),
    script.text("Added notes.txt."),
  );
  await sendPrompt(frame, "Add notes.txt");
  const card = frame.getByRole("region", { name: "Apply these file changes?" });
  await card.waitFor();
  const openDiff = frame.getByRole("button", { name: /^Open diff of .*notes\.txt$/ }).first();
  await openDiff.click();
  // The proposal, side by side, before anything is written: no Untitled buffer, no false toast.
  await editorTab(page, "notes.txt (proposed by Codex)").waitFor({ timeout: 30_000 });
  await page
    .locator(".monaco-diff-editor .modified-in-monaco-diff-editor", { hasText: "world" })
    .first()
    .waitFor({ timeout: 30_000 });
  await assertNoUntitledOrStaleToast(page);
  if (existsSync(notes)) throw new Error("notes.txt was written before the patch was approved");
  await card.getByRole("button", { name: "Accept", exact: true }).click();
  await log.getByText("Added notes.txt.").waitFor();
  await until("notes.txt with the patched content", () =>
    existsSync(notes) ? readFileSync(notes, "utf8") === "hello\nworld\n" : false,
  );
  // The turn's changes, after: the multi-file diff editor, never a raw patch document.
  // With checkpoints on, the turn's summary row offers Review (whole files, before and after).
  await log
    .getByRole("button", { name: /^Review( changes)?$/ })
    .last()
    .click();
  await editorTab(page, "Codex: changes of this turn").waitFor({ timeout: 30_000 });
  await assertNoUntitledOrStaleToast(page);

  useReplies(
    model,
    script.applyPatch(script.updateFilePatch("notes.txt", "world", "there"), {
      callId: "call_patch_2",
    }),
    script.text("Left notes.txt alone."),
  );
  await sendPrompt(frame, "Change world to there in notes.txt");
  const card2 = frame.getByRole("region", { name: "Apply these file changes?" });
  await card2.waitFor();
  await card2.getByRole("button", { name: "Review all changes" }).click();
  await editorTab(page, "Codex: proposed changes").waitFor({ timeout: 30_000 });
  await card2.getByRole("button", { name: "Decline", exact: true }).click();
  await log.getByText("Left notes.txt alone.").waitFor();
  await log.getByText("Declined — nothing was changed").waitFor();
  const content = readFileSync(notes, "utf8");
  if (content !== "hello\nworld\n") {
    throw new Error(`the declined patch changed notes.txt: ${JSON.stringify(content)}`);
  }
}

/**
 * Starts a turn whose answer streams slowly (80 words, 150 ms apart, ending in THE-END), then
 * `replies` for the next requests; returns once its first words are on screen.
 */
async function startSlowAnswer(env, ...replies) {
  const { script, model, frame } = env;
  const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
  useReplies(model, script.slow(`Streaming slowly ${words} THE-END`, { delayMs: 150 }), ...replies);
  await sendPrompt(frame, "Tell me a long story");
  await transcript(frame)
    .getByText(/Streaming slowly word0/)
    .waitFor();
}

const e = {
  name: "e. Stop interrupts a slow stream",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { model, frame } = env;
    await newThread(env);
    const log = transcript(frame);
    const abortedBefore = model.abortedStreams;
    await startSlowAnswer(env);
    await frame.getByRole("button", { name: "Stop", exact: true }).click();
    await log.getByText("Stopped.").waitFor();
    await until("the mock to see the stream closed", () => model.abortedStreams > abortedBefore);
    if ((await log.getByText(/THE-END/).count()) !== 0) {
      throw new Error("the whole answer arrived: the stream was not interrupted");
    }
    await frame.getByRole("button", { name: "Send", exact: true }).waitFor();
  },
};

const e2 = {
  name: "e2. Stop with a queued follow-up keeps it queued and says so; it goes only when sent",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame } = env;
    await newThread(env);
    const log = transcript(frame);
    await startSlowAnswer(env, script.text("Answering the follow-up."));
    const box = composer(frame);
    await box.fill("And then a follow-up");
    await box.press("Enter");
    await frame.locator(".queued-item", { hasText: "And then a follow-up" }).waitFor();
    const before = model.requests.length;
    await frame.getByRole("button", { name: "Stop", exact: true }).click();
    await log.getByText("Stopped.").waitFor();
    await frame.getByText("Stopped. Queued messages wait until you send them.").waitFor();
    await frame.getByRole("button", { name: "Send", exact: true }).waitFor();
    // Nothing went out by itself: the follow-up is still listed and the model saw no request.
    await frame.locator(".queued-item", { hasText: "And then a follow-up" }).waitFor();
    if (model.requests.length !== before) throw new Error("Stop sent the queued follow-up");
    await frame
      .getByRole("button", { name: "Send queued message “And then a follow-up” now" })
      .click();
    await log.getByText("Answering the follow-up.").waitFor();
    const sent = model.requests.slice(before).flatMap((r) => promptsOf(script, r));
    if (!sent.some((p) => p.includes("And then a follow-up"))) {
      throw new Error(`the follow-up did not reach the model: ${JSON.stringify(sent)}`);
    }
    await frame.locator(".queued-item").waitFor({ state: "detached" });
  },
};

const queue = {
  name: "queue. Queued follow-ups are reordered and edited before they go, in the new order with the new text",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame } = env;
    await newThread(env);
    const log = transcript(frame);
    await startSlowAnswer(env, script.text("Answer A."), script.text("Answer B."));
    const box = composer(frame);
    for (const text of ["second message", "third message"]) {
      await box.fill(text);
      await box.press("Enter");
      await frame.locator(".queued-item", { hasText: text }).waitFor();
    }
    const before = model.requests.length;
    // Reorder: "third" up (Edit and Move show on hover).
    await frame.locator(".queued-item", { hasText: "third message" }).hover();
    await frame.getByRole("button", { name: "Move “third message” up" }).click();
    await until("the new order", async () => {
      const rows = await frame.locator(".queued-item").allTextContents();
      return rows[0]?.includes("third message") && rows[1]?.includes("second message");
    });
    // Edit "second" in place.
    await frame.locator(".queued-item", { hasText: "second message" }).hover();
    await frame.getByRole("button", { name: "Edit queued message “second message”" }).click();
    const editor = frame.getByRole("textbox", { name: "Queued message" });
    await editor.fill("second message, edited");
    await editor.press("Enter");
    await frame.locator(".queued-item", { hasText: "second message, edited" }).waitFor();
    await log.getByText("Answer B.").waitFor({ timeout: 90_000 });
    const sent = model.requests.slice(before).flatMap((r) => promptsOf(script, r));
    const third = sent.findIndex((p) => p.includes("third message"));
    const second = sent.findIndex((p) => p.includes("second message, edited"));
    if (third < 0 || second < 0 || third > second) {
      throw new Error(`not sent in the new order with the new text: ${JSON.stringify(sent)}`);
    }
    await frame.locator(".queued-item").first().waitFor({ state: "detached" });
  },
};

const E2E_SKILL_BODY = "When this skill is used, end the answer with E2E-SKILL-MARKER-5c1d.";

const skill = {
  name: "skill. $ in the composer lists codex's skills; a pick writes $name and the SKILL.md reaches the model",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame } = env;
    await newThread(env);
    useReplies(model, script.text("Used the skill."));
    const box = composer(frame);
    await box.click();
    await box.pressSequentially("Please use $e2e");
    const option = frame.getByRole("option", { name: /\$e2e-skill/ });
    await option.waitFor();
    const optionText = await option.textContent();
    if (!optionText.includes("A skill for the end-to-end test")) {
      throw new Error(`the skill's description is missing: ${optionText}`);
    }
    await box.press("Enter");
    await until(
      "the pick in the text",
      async () => (await box.inputValue()) === "Please use $e2e-skill ",
    );
    const before = model.requests.length;
    await box.press("Enter");
    await transcript(frame).getByText("Used the skill.").waitFor();
    const body = JSON.stringify(model.requests.slice(before));
    if (!body.includes("E2E-SKILL-MARKER-5c1d")) {
      throw new Error("the skill's SKILL.md did not reach the model");
    }
  },
};

const PLAN_DOC = "# Greeting\n\n1. Read src/todo.ts\n2. Add a greet() fallback\n3. Test it\n";

const plan = {
  name: "plan. Plan mode: a proposed plan as a document, a comment on one step, Implement this plan continues the thread in the mode before",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame } = env;
    await newThread(env);
    const log = transcript(frame);
    const modeButton = frame.getByRole("button", { name: /^Mode: / });
    const modeBefore = await modeButton.getAttribute("aria-label");
    // From the palette, as from the mode picker.
    await runCommand(env.page, "Codex: Toggle Plan Mode");
    const bar = frame.locator(".plan-mode-bar");
    await bar.getByText("Plan mode: Codex plans and changes nothing.").waitFor();
    await until(
      "the mode picker to say Plan",
      async () => (await modeButton.getAttribute("aria-label")) === "Mode: Plan",
    );

    useReplies(
      model,
      script.text(`Here is my plan.\n\n<proposed_plan>\n${PLAN_DOC}</proposed_plan>\n`),
      script.text("Implemented the plan."),
    );
    const before = model.requests.length;
    await sendPrompt(frame, "Plan a greeting fallback");
    const doc = log.getByRole("region", { name: "Proposed plan" });
    await doc.getByText("Add a greet() fallback").waitFor();
    const planRequest = JSON.stringify(model.requests[before]);
    if (!planRequest.includes("# Plan Mode")) {
      throw new Error("the model did not get codex's plan-mode instructions");
    }

    // A comment on step 2, saved, then counted above the message box.
    await doc.getByRole("button", { name: "Comment on step 2" }).click();
    await doc.getByRole("textbox", { name: "Comment on step 2" }).fill("Use there as the fallback");
    await doc.getByRole("button", { name: "Save", exact: true }).click();
    await doc.getByText("Use there as the fallback").waitFor();
    await bar.getByText("1 comment on the plan goes with your next message").waitFor();
    await screen(env.page, "plan-document-commented");

    await doc.getByRole("button", { name: "Implement this plan" }).click();
    await log.getByText("Implemented the plan.").waitFor();
    // Back in the mode from before Plan, the bar gone, one thread with both turns.
    await until(
      "the mode from before Plan",
      async () => (await modeButton.getAttribute("aria-label")) === modeBefore,
    );
    await bar.waitFor({ state: "detached" });
    const implement = model.requests.find((r) =>
      promptsOf(script, r).some((p) => p.includes("Implement the plan.")),
    );
    if (!implement) throw new Error("Implement this plan sent nothing");
    const sent = promptsOf(script, implement).join("\n");
    if (!sent.includes('Step 2 ("Add a greet() fallback"): Use there as the fallback')) {
      throw new Error(`the step comment did not go with the message: ${sent}`);
    }
    if (!JSON.stringify(implement).includes("<collaboration_mode>")) {
      throw new Error("codex did not tell the model that plan mode ended");
    }
  },
};

const g = {
  name: "g. Implement with Codex above a TODO starts a turn with the TODO as context",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page } = env;
    useReplies(model, script.text("I would implement the French greeting like this."));
    // Quick Open the file; the lens appears above the TODO in the visible editor.
    await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } });
    await page.keyboard.press("Control+P");
    const quickInput = page.locator(".quick-input-widget input");
    await quickInput.waitFor();
    await quickInput.fill("todo.ts");
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: "todo.ts" })
      .first()
      .waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".tabs-container .tab", { hasText: "todo.ts" }).first().waitFor();
    const lens = page.locator(".codelens-decoration a", { hasText: "Implement with Codex" });
    await lens.first().waitFor({ timeout: 60_000 });
    const before = model.requests.length;
    await lens.first().click();
    const request = await until("a model request carrying the TODO", () =>
      model.requests
        .slice(before)
        .find((r) => promptsOf(script, r).some((p) => p.includes(TODO_TEXT))),
    );
    const prompt = promptsOf(script, request).find((p) => p.includes(TODO_TEXT));
    if (!prompt.includes("todo.ts")) {
      throw new Error(`the prompt does not name the file:\n${prompt}`);
    }
    await transcript(frame).getByText("I would implement the French greeting like this.").waitFor();
  },
};

const l = {
  name: "l. Add Selection to Codex Thread puts the selection into the composer, and it reaches the model",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page } = env;
    await newThread(env);
    useReplies(model, script.text("Seen the selection."));
    await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } });
    await page.keyboard.press("Control+P");
    const quickInput = page.locator(".quick-input-widget input");
    await quickInput.waitFor();
    await quickInput.fill("todo.ts");
    await page
      .locator(".quick-input-list .monaco-list-row", { hasText: "todo.ts" })
      .first()
      .waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".tabs-container .tab", { hasText: "todo.ts" }).first().waitFor();
    // Select the first line (the function signature) in the real editor.
    // A triple click selects the whole line, as a user would.
    await page
      .locator(".monaco-editor .view-line", { hasText: "export function greet" })
      .first()
      .click({ clickCount: 3 });
    // The palette straight from the focused editor: runCommand's focusing click would land in the
    // editor and drop the selection.
    await page.keyboard.press("F1");
    const palette = page.locator(".quick-input-widget input");
    await palette.waitFor();
    await palette.fill(">Codex: Add Selection to Codex Thread");
    await page
      .locator(".quick-input-list .monaco-list-row", {
        hasText: /^Codex: Add Selection to Codex Thread/,
      })
      .first()
      .click();
    await palette.waitFor({ state: "hidden" });
    // The selection shows as a removable chip in the composer.
    await frame
      .getByRole("button", { name: /^Remove attachment .*todo\.ts:\d/ })
      .first()
      .waitFor();
    const before = model.requests.length;
    await sendPrompt(frame, "What does the selected line do?");
    const request = await until("a model request carrying the selection", () =>
      model.requests
        .slice(before)
        .find((r) => promptsOf(script, r).some((p) => p.includes("export function greet"))),
    );
    if (!request) throw new Error("the selection did not reach the model");
    await transcript(frame).getByText("Seen the selection.").waitFor();
    // The bubble shows the user's words and a chip; the text sent is the chip's hover.
    const bubble = transcript(frame).locator(".user-bubble").last();
    await bubble.getByText("What does the selected line do?").waitFor();
    const bubbleText = await bubble.innerText();
    if (bubbleText.includes("```") || bubbleText.includes("export function greet")) {
      throw new Error(`the selection's code is in the bubble:\n${bubbleText}`);
    }
    const chip = bubble.locator("vscode-tag", { hasText: /todo\.ts:\d/ });
    const sentText = await chip.first().getAttribute("title");
    if (!sentText?.includes("export function greet")) {
      throw new Error(`the chip's hover does not show what was sent: ${sentText}`);
    }
  },
};

/** Opens `name` through Quick Open and waits for its tab. */
async function quickOpen(page, name) {
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } });
  await page.keyboard.press("Control+P");
  const quickInput = page.locator(".quick-input-widget input");
  await quickInput.waitFor();
  // A file the scenario has just written may not be in the file search yet, and Quick Open does
  // not search again for the same text: type it again until the file is listed.
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first();
  await until(`Quick Open to list ${name}`, async () => {
    await quickInput.fill("");
    await quickInput.fill(name);
    return row.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
  });
  await page.keyboard.press("Enter");
  await page.locator(".tabs-container .tab", { hasText: name }).first().waitFor();
}

/**
 * The Threads view, expanded (it starts collapsed). It stays in the Codex container of the
 * activity bar; with the chat in the secondary side bar (VS Code 1.139) that container is not the
 * one on screen, so its icon is clicked first.
 */
async function expandThreads(page) {
  const header = page.locator(".part.sidebar .pane-header", { hasText: /^Threads/ });
  const icon = page.locator(".part.activitybar").getByRole("tab", { name: "Codex" });
  if ((await icon.getAttribute("aria-selected")) !== "true") await icon.click();
  // Alone in its container (no chat beside it) the view's header is hidden and it is expanded.
  await header.waitFor({ state: "attached" });
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  return page.locator(".part.sidebar").getByRole("tree", { name: /Threads/ });
}

/**
 * Codex's "waiting for your approval" notification. VS Code 1.100 shows it as a toast. In 1.139
 * it never is one here: code-server runs with the smoke-test driver on (scripts/lib/codeServer.mjs:
 * without it the workbench ignores the URL payload), and then VS Code shows no toasts at all, so
 * the notification center is opened with its bell. The bell by its id: the Codex status bar item
 * shows a bell icon too while an approval waits.
 */
async function approvalNotification(page, text) {
  const toast = page.locator(".notifications-toasts .notification-toast", { hasText: text });
  const listed = page.locator(".notifications-center .notification-list-item", { hasText: text });
  const bell = page.locator('.statusbar-item[id="status.notifications"]');
  const centerOpen = page.locator(".notifications-center.visible");
  try {
    await until("the approval notification, as a toast or in the notification center", async () => {
      if ((await toast.count()) > 0 || (await listed.count()) > 0) return true;
      if ((await centerOpen.count()) === 0) {
        await bell.click();
        // The bell's hover would open over the center's buttons and take their clicks: the
        // pointer rests on the activity bar's empty middle instead.
        await page.mouse.move(24, 600);
      }
      return false;
    });
  } catch (error) {
    error.message += `\nnotifications: ${JSON.stringify(await notificationState(page))}`;
    throw error;
  }
  return (await toast.count()) > 0 ? toast.first() : listed.first();
}

/** What the workbench shows of notifications and where the focus is, for a failure's message. */
function notificationState(page) {
  /* eslint-disable no-undef -- runs in the workbench page */
  return page.evaluate(() => {
    const texts = (selector) =>
      [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim().slice(0, 160));
    return {
      documentHasFocus: document.hasFocus(),
      toasts: texts(".notifications-toasts .notification-toast"),
      centerVisible: document.querySelector(".notifications-center.visible") !== null,
      centerItems: texts(".notifications-center .notification-list-item"),
      bell: document.querySelector('[id="status.notifications"] a')?.innerHTML,
      dialogs: texts(".monaco-dialog-box"),
    };
  });
  /* eslint-enable no-undef */
}

const q = {
  name: "q. two threads: one waits for approval while the other is on screen; the Codex badge and a notification appear, Show opens that thread",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page } = env;
    // Alpha asks to run a command only once Beta is on screen and the Threads view is open.
    let betaOnScreen;
    const betaShown = new Promise((resolve) => (betaOnScreen = resolve));
    let alphaAsked = false;
    let alphaAnswered = false;
    model.onRequest((request) => {
      if (script.findCallOutput(request, "call_q_wait")) {
        alphaAnswered = true;
        return script.text("Alpha is done.");
      }
      const prompts = promptsOf(script, request).join("\n");
      if (prompts.includes("Beta thread")) return script.text("Beta answered.");
      if (prompts.includes("Alpha thread")) {
        alphaAsked = true;
        return betaShown.then(() =>
          script.shellCall({
            cmd: "echo from-alpha",
            justification: "Print from the alpha thread",
            callId: "call_q_wait",
          }),
        );
      }
      return undefined;
    });
    try {
      await newThread(env);
      const before = model.requests.length;
      await sendPrompt(frame, "Alpha thread: print something");
      await until("Alpha's model request", () => model.requests.length > before);
      await newThread(env);
      await sendPrompt(frame, "Beta thread: say hello");
      const log = transcript(frame);
      await log.getByText("Beta answered.").waitFor();
      const tree = await expandThreads(page);
      betaOnScreen();

      // A one-line command: the notification names it and offers Approve and Decline beside Show.
      const toast = await approvalNotification(
        page,
        /Codex wants to run a command in “Alpha thread[^”]*”: echo from-alpha/,
      );
      for (const name of ["Approve", "Decline"])
        await toast.getByRole("button", { name }).waitFor();
      const badge = page
        .locator(".part.activitybar")
        .getByRole("tab", { name: /Codex/ })
        .locator(".badge-content");
      await until("the Codex badge to count one approval", async () =>
        (await badge.count()) > 0 ? (await badge.first().textContent())?.trim() === "1" : false,
      );
      try {
        await tree
          .getByRole("treeitem", { name: /Alpha thread/ })
          .filter({ hasText: "Waiting for approval" })
          .first()
          .waitFor();
      } catch (error) {
        // The failure's screenshot is taken after Alpha's approval was declined: say what the
        // tree showed while it waited.
        error.message += `\nThreads rows: ${JSON.stringify(await treeRows(tree))}`;
        throw error;
      }
      await screen(page, "issue16-threads-notification");
      // Beta stays on screen until the user asks for Alpha.
      if ((await log.getByText("Alpha thread: print something").count()) !== 0) {
        throw new Error("Alpha is on screen before Show");
      }

      await toast.getByRole("button", { name: "Show" }).click();
      await log.getByText("Alpha thread: print something").waitFor();
      const cards = frame.getByRole("region", { name: "Run this command?" });
      const card = cards.filter({ hasText: "Print from the alpha thread" }).last();
      await card.waitFor();
      await card.getByRole("button", { name: "Accept", exact: true }).click();
      await log.getByText("Alpha is done.").waitFor();
      await until(
        "no approval card left waiting",
        async () =>
          (await cards.getByRole("button", { name: "Accept", exact: true }).count()) === 0,
      );
      await until(
        "the badge to clear",
        async () => (await badge.count()) === 0 || !(await badge.first().isVisible()),
      );
      await screen(page, "issue16-threads-tree");
    } finally {
      // When a step above fails, Alpha must not stay waiting: its approval would sit in the status
      // bar, the badge and every thread's view, and the scenarios after q would fail behind it.
      if (alphaAsked && !alphaAnswered) {
        betaOnScreen(); // a request still held back gets its command now, to be declined
        await declineLeftoverApproval(env.frame, () => alphaAnswered).catch((error) =>
          console.log(`      q could not answer Alpha's approval: ${error?.message ?? error}`),
        );
      }
      model.onRequest(undefined);
      const center = page.locator(".notifications-center.visible");
      if ((await center.count()) > 0) {
        await page.locator('.statusbar-item[id="status.notifications"]').click();
      }
    }
  },
};

/** The rows a tree view draws (virtualised: those in view), with their expanded state. */
function treeRows(tree) {
  return tree
    .locator(".monaco-list-row")
    .evaluateAll((rows) =>
      rows.map((row) => `${row.textContent} [${row.getAttribute("aria-expanded") ?? "leaf"}]`),
    );
}

/** Declines q's approval from whichever thread is on screen (the card shows in every thread). */
async function declineLeftoverApproval(frame, answered) {
  const decline = frame
    .getByRole("region", { name: "Run this command?" })
    .filter({ hasText: "Print from the alpha thread" })
    .getByRole("button", { name: "Decline", exact: true });
  await until("q's own approval to be answered", async () => {
    if (answered()) return true;
    if ((await decline.count()) > 0) await decline.first().click({ timeout: 5_000 });
    return false;
  });
}

const r = {
  name: "r. @problems attaches the active file's diagnostics with file:line and message, and they reach the model",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page, workspace } = env;
    writeFileSync(
      path.join(workspace, "src", "config.json"),
      '{\n  "name": "demo"\n  "version": 1\n}\n',
    );
    await newThread(env);
    useReplies(model, script.text("Add the missing comma."));
    await quickOpen(page, "config.json");
    // VS Code's JSON support reports the missing comma.
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 90_000 });

    const box = composer(frame);
    await box.click();
    await box.pressSequentially("What is wrong here? @pro");
    const option = frame.getByRole("option", { name: /@problems/ });
    await option.getByText(/^1 problem in config\.json$/).waitFor();
    await screen(page, "issue16-at-menu");
    await box.press("Enter");
    const chip = frame.locator(".attachments vscode-tag", { hasText: "@problems" });
    await chip.waitFor();
    const hover = await chip.getAttribute("title");
    if (!/config\.json:3:\d+ error/.test(hover ?? "")) {
      throw new Error(`the chip's hover is not what will be sent:\n${hover}`);
    }
    const before = model.requests.length;
    await frame.getByRole("button", { name: "Send", exact: true }).click();
    const request = await until("a model request carrying the problem", () =>
      model.requests
        .slice(before)
        .find((r) => promptsOf(script, r).some((p) => /config\.json:3:\d+ error/.test(p))),
    );
    const sent = promptsOf(script, request).find((p) => p.includes("Context from @problems"));
    if (!sent || !/Problems in src\/config\.json/.test(sent)) {
      throw new Error(`the problem did not reach the model as built:\n${sent}`);
    }
    const log = transcript(frame);
    await log.getByText("Add the missing comma.").waitFor();
    const bubble = log.locator(".user-bubble").last();
    await bubble.locator("vscode-tag", { hasText: "@problems" }).waitFor();
    if ((await bubble.innerText()).includes("Context from @problems")) {
      throw new Error("the context text is in the bubble instead of a chip");
    }
  },
};

/**
 * Types `text` (ending in an `@` mention) into a fresh composer until the mention's option says
 * `description`: what it attaches is read when the menu opens, and the Git extension and the
 * terminal's shell integration get there in their own time. `before(seen)` runs ahead of each
 * try, with what the option said the last time.
 */
async function mentionOption(frame, text, name, description, before = async () => {}) {
  const box = composer(frame);
  const option = frame.getByRole("option", { name });
  let seen = "";
  await until(
    `the ${name} option to offer ${description}`,
    async () => {
      await before(seen);
      await box.fill("");
      await box.pressSequentially(text);
      await option.waitFor({ timeout: 5_000 });
      seen = await option.innerText();
      return description.test(seen);
    },
    { timeoutMs: 90_000 },
  ).catch((error) => {
    throw new Error(`${error.message}; the option said: ${seen}`);
  });
  await box.press("Escape");
  await box.fill("");
}

const u = {
  name: "u. @terminal and @changes attach the terminal's last command with its output and the Git working-tree diff",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page, workspace } = env;
    await newThread(env);
    // The @ menu's file index is built now, so the repository's files reach it through the file
    // watcher, which (unlike VS Code's search) does not apply files.exclude by itself.
    await mentionOption(frame, "@todo", /todo\.ts/, /src/);
    // A Git repository with one committed file, changed in the working tree.
    const repo = path.join(workspace, "repo");
    mkdirSync(repo, { recursive: true });
    const git = (...args) => {
      const r = spawnSync(
        "git",
        ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args],
        {
          cwd: repo,
          encoding: "utf8",
        },
      );
      if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
    };
    writeFileSync(path.join(repo, "tracked.txt"), "first line\n");
    git("init", "-q");
    git("add", "tracked.txt");
    git("commit", "-q", "-m", "first");
    writeFileSync(path.join(repo, "tracked.txt"), "first line\nsecond line WORKTREE-7f3a\n");

    // The terminal: its last command's output reaches the model, not only the command line.
    await runCommand(page, "Terminal: Create New Terminal");
    const terminal = page.locator(".terminal-wrapper.active .xterm");
    await terminal.waitFor({ timeout: 60_000 });
    // The sleep: VS Code 1.100 passes a command's output to extensions in 50 ms batches and drops
    // what a command printed in its last 50 ms (the chip then says "no output"; 1.139 passes it).
    const runInTerminal = async () => {
      await terminal.click();
      await page.keyboard.type("echo TERMINAL-MARKER-$((6*7)); sleep 0.2");
      await page.keyboard.press("Enter");
    };
    // Run it once shell integration is on (a command typed before is not seen), and again when
    // the menu says it ended without output, or on every third look that still finds none. (At
    // its start VS Code may not know the command line yet; the option names it once the command
    // has ended, so a running command is not run again.)
    let looksWithoutCommand = 0;
    await mentionOption(
      frame,
      "@term",
      /@terminal/,
      /Last command: echo TERMINAL-MARKER\S* sleep 0\.2 · exit 0(?! · no output)/,
      (seen) => {
        if (/Last command/.test(seen)) return /no output/.test(seen) ? runInTerminal() : undefined;
        if (/No command has run/.test(seen) && looksWithoutCommand++ % 3 === 0) {
          return runInTerminal();
        }
        return undefined;
      },
    );
    // The changes: VS Code's Git extension finds the repository of the file on screen.
    // (A name no other scenario uses: Quick Open must open this repository's file.)
    await quickOpen(page, "tracked.txt");
    await mentionOption(frame, "@chan", /@changes/, /Working-tree diff, 1 changed file/);
    // The repository's own files are offered, its .git folder (git's hook samples) is not.
    await mentionOption(frame, "@tracked", /tracked\.txt/, /repo/);
    const box0 = composer(frame);
    await box0.pressSequentially("@fsmonitor-watchman");
    await frame.getByText("No matching files").waitFor();
    await box0.press("Escape");
    await box0.fill("");

    const box = composer(frame);
    await box.click();
    await box.pressSequentially("What did it print? @term");
    await frame
      .getByRole("option", { name: /@terminal/ })
      .getByText(/Last command/)
      .waitFor();
    await box.press("Enter");
    await frame.locator(".attachments vscode-tag", { hasText: "@terminal" }).waitFor();
    await box.pressSequentially(" And what changed? @chan");
    await frame
      .getByRole("option", { name: /@changes/ })
      .getByText(/1 changed file/)
      .waitFor();
    await box.press("Enter");
    await frame.locator(".attachments vscode-tag", { hasText: "@changes" }).waitFor();
    await screen(page, "issue16-terminal-changes");

    useReplies(model, script.text("It printed 42 and added a line."));
    const before = model.requests.length;
    await frame.getByRole("button", { name: "Send", exact: true }).click();
    const request = await until("a model request carrying the terminal and the changes", () =>
      model.requests
        .slice(before)
        .find((r) => promptsOf(script, r).some((p) => /TERMINAL-MARKER/.test(p))),
    );
    const prompts = promptsOf(script, request).join("\n");
    if (!/Context from @terminal/.test(prompts) || !/^TERMINAL-MARKER-42$/m.test(prompts)) {
      throw new Error(`the terminal's output did not reach the model:\n${prompts}`);
    }
    if (!/Context from @changes/.test(prompts) || !/^\+second line WORKTREE-7f3a$/m.test(prompts)) {
      throw new Error(`the working-tree diff did not reach the model:\n${prompts}`);
    }
    await transcript(frame).getByText("It printed 42 and added a line.").waitFor();
  },
};

const h = {
  name: "h. killing codex app-server (idle and mid-turn) restarts it; the draft survives",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, cs } = env;
    await newThread(env);
    const log = transcript(frame);
    const box = composer(frame);
    const restarting = frame.getByText(/Codex stopped unexpectedly\. Restarting/);

    const killCodex = async () => {
      const [victim] = await until("a running codex app-server", () => {
        const found = codexAppServers(cs.pid);
        return found.length === 1 ? found : undefined;
      });
      process.kill(victim.pid, "SIGKILL");
      return victim.pid;
    };
    const waitForRestart = async (oldPid) => {
      await until("a new codex app-server", () =>
        codexAppServers(cs.pid).find((p) => p.pid !== oldPid),
      );
      await restarting.waitFor({ state: "hidden", timeout: 30_000 });
    };

    // Idle.
    const draft = "this draft must survive the crash";
    await box.fill(draft);
    const idlePid = await killCodex();
    await restarting.waitFor({ timeout: 30_000 });
    await waitForRestart(idlePid);
    if ((await box.inputValue()) !== draft) throw new Error("the draft was lost (idle kill)");
    useReplies(model, script.text("Back after the idle crash."));
    await sendPrompt(frame, "Are you back?");
    await log.getByText("Back after the idle crash.").waitFor();

    // Mid-turn.
    const words = Array.from({ length: 80 }, (_, i) => `tick${i}`).join(" ");
    useReplies(model, script.slow(`Working on it ${words}`, { delayMs: 150 }));
    await sendPrompt(frame, "Do something long");
    await log.getByText(/Working on it tick0/).waitFor();
    const draft2 = "second draft typed during the turn";
    await box.fill(draft2);
    const busyPid = await killCodex();
    await restarting.waitFor({ timeout: 30_000 });
    await waitForRestart(busyPid);
    await frame.getByRole("button", { name: "Send", exact: true }).waitFor();
    if ((await box.inputValue()) !== draft2) throw new Error("the draft was lost (mid-turn kill)");
    useReplies(model, script.text("Back after the mid-turn crash."));
    await sendPrompt(frame, "Still there?");
    await log.getByText("Back after the mid-turn crash.").waitFor();
  },
};

/**
 * "Developer: Reload Window", as a user reloads: the workbench shuts down in order and saves its
 * state. (A hard browser reload can beat the web workbench's delayed storage writes and bring
 * back state from seconds earlier, which no VS Code user sees.) Returns the chat's frame.
 */
async function reloadWindow(page) {
  await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } });
  await page.keyboard.press("F1");
  const palette = page.locator(".quick-input-widget input");
  await palette.waitFor();
  await palette.fill(">Developer: Reload Window");
  const reloaded = page.waitForEvent("load", { timeout: 90_000 });
  await page
    .locator(".quick-input-list .monaco-list-row", { hasText: /^Developer: Reload Window/ })
    .first()
    .click();
  await reloaded;
  await page.locator(".monaco-workbench .part.activitybar").waitFor({ timeout: 90_000 });
  return showSidebar(page);
}

/** Turns codex sends per page of a resumed thread (extension/bridge/threadHistory.ts). */
const TURN_PAGE_SIZE = 20;

const s = {
  name: "s. a thread longer than one page, reopened after a reload, reads back to its first message",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { model, script } = env;
    await newThread(env);
    model.onRequest((request) => {
      const number = /^long thread turn (\d+)$/.exec(promptsOf(script, request).at(-1) ?? "");
      return number ? script.text(`Answer number ${number[1]}.`) : undefined;
    });
    const turns = TURN_PAGE_SIZE + 2;
    for (let n = 1; n <= turns; n++) {
      await sendPrompt(env.frame, `long thread turn ${n}`);
      await transcript(env.frame).getByText(`Answer number ${n}.`, { exact: true }).waitFor();
      // The reader never scrolled: the chat follows its latest turn.
      if (await env.frame.getByRole("button", { name: "Jump to latest" }).isVisible())
        throw new Error(`the chat stopped following its latest turn at turn ${n}`);
    }

    // Reopened, the thread shows its latest page at once, with the earlier turns one scroll away.
    env.frame = await reloadWindow(env.page);
    const log = transcript(env.frame);
    await log.getByText(`Answer number ${turns}.`, { exact: true }).waitFor({ timeout: 60_000 });
    const first = log.getByText("long thread turn 1", { exact: true });
    const earlier = env.frame.getByRole("button", { name: "Show earlier turns" });
    // The resumed page holds the latest turns only: the earlier ones come in front when the reader
    // reaches the top, at once if the page fetched ahead is there (the list then moves what the
    // reader sees down by their height, away from the top), or after a "Show earlier turns" row
    // while the reader waits for it. Either is over at once, so watch for it rather than poll.
    await log.evaluate((element) => {
      const seen = () => {
        if (element.querySelector(".older-turns")) element.dataset.sawEarlierTurns = "yes";
      };
      seen();
      // eslint-disable-next-line no-undef -- runs in the webview
      new MutationObserver(seen).observe(element, { childList: true, subtree: true });
      element.addEventListener("scroll", () => {
        if (element.dataset.scrolledToTop === "yes" && element.scrollTop > 0)
          element.dataset.sawEarlierTurns = "yes";
      });
    });
    // Scrolling to the top loads the page before, as a reader scrolls up, until the first message.
    await until("the first message after scrolling to the top", async () => {
      await log.evaluate((element) => {
        element.dataset.scrolledToTop = "yes";
        element.scrollTo({ top: 0 });
      });
      return (await first.count()) > 0;
    });
    if ((await log.getAttribute("data-saw-earlier-turns")) !== "yes")
      throw new Error("the first page already held the first turn: no earlier turns were offered");
    await log.getByText("Answer number 1.", { exact: true }).waitFor();
    if ((await earlier.count()) > 0)
      throw new Error("the first turn shows, yet earlier turns are offered");
  },
};

const i = {
  name: "i. after a window reload the sidebar reopens the thread it showed, and it continues",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { page, model, script } = env;
    await newThread(env);
    useReplies(model, script.text("Remember the pineapple."));
    await sendPrompt(env.frame, "pineapple thread for reload");
    await transcript(env.frame).getByText("Remember the pineapple.").waitFor();

    const frame = await reloadWindow(page);
    env.frame = frame;
    ctx.draftAfterReload = await composer(frame).inputValue();

    // The sidebar shows the same thread again, without a trip to History: both sides of it.
    const log = transcript(frame);
    await log.getByText("Remember the pineapple.").waitFor({ timeout: 60_000 });
    await log.getByText("pineapple thread for reload").waitFor();
    if ((await frame.getByText("What should Codex do?").count()) !== 0) {
      throw new Error("the sidebar shows an empty new thread beside the reopened one");
    }
    // And it continues: the next turn carries the earlier conversation to the model.
    useReplies(model, script.text("Still remembering the pineapple."));
    await sendPrompt(frame, "and now?");
    await log.getByText("Still remembering the pineapple.").waitFor();
    const last = model.requests.at(-1);
    const history = JSON.stringify(last.input ?? []);
    if (!history.includes("pineapple thread for reload")) {
      throw new Error("the reopened thread's next turn did not carry the earlier conversation");
    }
  },
};

const i2 = {
  name: "i2. after a window reload the composer does not bring back an already sent prompt",
  skip: (ctx) => (ctx.draftAfterReload === undefined ? "scenario i did not reach the reload" : ""),
  async run(ctx) {
    if (ctx.draftAfterReload !== "") {
      throw new Error(
        `after the reload the composer holds ${JSON.stringify(ctx.draftAfterReload)}, ` +
          "a prompt that was sent before the reload (its draft was saved, its clearing was not)",
      );
    }
  },
};

/**
 * Built-in themes by the label the picker shows, the same in VS Code 1.100 and 1.139 (1.139
 * renamed the ids: "Default Dark Modern" is "Dark Modern" there, and its default is "Dark 2026").
 */
const THEMES = [
  { theme: "Dark Modern", workbench: "vs-dark", body: "vscode-dark", file: "dark" },
  {
    theme: "Dark High Contrast",
    workbench: "hc-black",
    body: "vscode-high-contrast",
    file: "high-contrast",
  },
  { theme: "Light Modern", workbench: "vs", body: "vscode-light", file: "light" },
];

const j = {
  name: "j. dark, high-contrast and light themes (screenshots in test-results/screens/)",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { page, cs, script, model } = env;
    // Something to look at: markdown, a code block, a finished command.
    await newThread(env);
    useReplies(
      model,
      script.reply(
        script.reasoning("Looking at the theme."),
        script.text("Theme check: **bold**, `inline`, and\n\n```ts\nconst theme = 'ok';\n```"),
      ),
    );
    await sendPrompt(env.frame, "Show me something colourful");
    await transcript(env.frame).locator("pre code", { hasText: "const theme" }).waitFor();
    const screens = path.join(resultsDir, "screens");
    mkdirSync(screens, { recursive: true });
    const userSettings = path.join(cs.runDir, "ud", "User", "settings.json");
    for (const t of THEMES) {
      await pickColorTheme(page, t.theme);
      await page.locator(`.monaco-workbench.${t.workbench}`).waitFor({ timeout: 30_000 });
      const frame = webviewFrame(page, EXTENSION_ID);
      await frame.locator(`body.${t.body}`).waitFor({ timeout: 30_000 });
      // VS Code writes the choice's id to the user settings (and drops the key for its default
      // theme, which was Light Modern in code-server 4.100).
      const id = builtInThemeId(t.theme);
      await until(`workbench.colorTheme = ${id} in the user settings`, () => {
        const saved = JSON.parse(readFileSync(userSettings, "utf8"))["workbench.colorTheme"];
        return (saved ?? "Default Light Modern") === id;
      });
      await transcript(frame).locator("pre code", { hasText: "const theme" }).waitFor();
      await (
        await chatPart(page)
      ).screenshot({ path: path.join(screens, `sidebar-${t.file}.png`) });
    }
  },
};

const INLINE_BEFORE = ["a", "b", "c", "d", "e", "f", "g"]
  .map((x, i) => `const ${x} = ${i + 1};\n`)
  .join("");

/** A page screenshot for the record (test-results/screens/). */
async function screen(page, name) {
  const screens = path.join(resultsDir, "screens");
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: path.join(screens, `${name}.png`) });
}

const n = {
  name: "n. a turn's changes show in the editor: Undo on one hunk restores it, Keep leaves another, and the next request tells the model",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { frame, page, model, script, workspace } = env;
    const file = path.join(workspace, "src", "inline.ts");
    writeFileSync(file, INLINE_BEFORE);
    await newThread(env);
    const patch = [
      "*** Begin Patch",
      "*** Update File: src/inline.ts",
      "@@",
      "-const b = 2;",
      "+const b = 20;",
      "@@",
      "-const f = 6;",
      "+const f = 60;",
      "*** End Patch",
    ].join("\n");
    useReplies(
      model,
      script.applyPatch(patch, { callId: "call_inline" }),
      script.text("Changed b and f."),
    );
    await sendPrompt(frame, "Make b and f ten times larger");
    await transcript(frame).getByText("Changed b and f.").waitFor();
    await until("the patch on disk", () => readFileSync(file, "utf8").includes("const f = 60;"));

    // The file is listed under Codex Changes; opening it shows the hunks with Keep / Undo.
    // The Codex Changes view starts collapsed (it must not squeeze the chat): open it as a user does.
    const changesHeader = page.locator(".part.sidebar .pane-header", { hasText: /Codex Changes/i });
    await changesHeader.waitFor({ timeout: 30_000 });
    if ((await changesHeader.getAttribute("aria-expanded")) !== "true") await changesHeader.click();
    const item = page.locator(".part.sidebar").getByRole("treeitem", { name: /inline\.ts/ });
    await item.waitFor({ timeout: 30_000 });
    await item.click();
    await editorTab(page, "inline.ts").waitFor();
    const lens = (title) =>
      page.locator(".monaco-editor .codelens-decoration a", { hasText: title });
    await until("Keep and Undo above both hunks", async () => (await lens("Undo").count()) === 2);
    for (const t of THEMES.filter((x) => x.file !== "high-contrast")) {
      await pickColorTheme(page, t.theme);
      await page.locator(`.monaco-workbench.${t.workbench}`).waitFor({ timeout: 30_000 });
      await until("Keep and Undo above both hunks", async () => (await lens("Undo").count()) === 2);
      await screen(page, `inline-review-${t.file}`);
    }

    // Undo on the first hunk: b is back on disk (the file was saved, so it is saved again).
    await lens("Undo").first().click();
    await until("b restored, f still changed, on disk", () => {
      const text = readFileSync(file, "utf8");
      return text.includes("const b = 2;") && text.includes("const f = 60;");
    });
    await until("one hunk left", async () => (await lens("Undo").count()) === 1);
    // Keep on the other: the text stays, and with every hunk decided the file leaves the list.
    await lens("Keep").first().click();
    await until("no hunk left", async () => (await lens("Keep").count()) === 0);
    await item.waitFor({ state: "hidden" });
    if (!readFileSync(file, "utf8").includes("const f = 60;")) throw new Error("Keep changed f");

    // The next message carries the note, so the model does not redo the undone change.
    useReplies(model, script.text("Understood."));
    await sendPrompt(frame, "What did I change?");
    await transcript(frame).getByText("Understood.").waitFor();
    const request = lastRequestWithPrompt(env, "What did I change?");
    const texts = request ? promptsOf(script, request).join("\n") : "";
    for (const expected of [
      "undid your changes to src/inline.ts line 2",
      "kept your changes to src/inline.ts line 6",
    ]) {
      if (!texts.includes(expected)) {
        throw new Error(`the next request lacks "${expected}": ${JSON.stringify(texts)}`);
      }
    }
  },
};

/** A code-server for f and k: the packaged VSIX installed, CODEX_HOME needing OpenAI auth. */
async function vsixEnv(ctx) {
  if (ctx.vsix) {
    ctx.currentServer = ctx.vsix.cs;
    ctx.currentPage = ctx.vsix.page;
    return ctx.vsix;
  }
  const pack = spawnSync("npm", ["run", "-s", "package"], { cwd: repoRoot, encoding: "utf8" });
  if (pack.status !== 0) throw new Error(`npm run package failed:\n${pack.stdout}\n${pack.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  const extensionsDir = path.join(ctx.scratch, "vsix-exts");
  installVsix(vsix, extensionsDir);
  const installed = readdirSync(extensionsDir).find((n) => n.startsWith(EXTENSION_ID));
  if (!installed) throw new Error(`the VSIX did not install ${EXTENSION_ID} into ${extensionsDir}`);

  const { server, script, codexHome } = await testSupport();
  const model = await server.startMockModel();
  ctx.cleanups.push(() => model.close());
  const home = await codexHome.createCodexHome({
    modelUrl: model.url,
    approvalPolicy: "on-request",
    sandboxMode: "read-only",
  });
  ctx.cleanups.push(() => home.dispose());
  // The last table of config.toml is [model_providers.mock]: this key belongs to it.
  appendFileSync(home.configPath, "requires_openai_auth = true\n");
  const workspace = makeWorkspace(ctx, "ws-vsix");
  const settings = { "chatgpt.cliExecutable": codexBinary() };
  const cs = await startCodeServer({
    workspace,
    extensionsDir,
    env: { CODEX_HOME: home.dir },
    settings,
    timeoutMs: 60_000,
  });
  ctx.cleanups.push(() => cs.stop());
  writeMachineSettings(cs.runDir, settings);
  ctx.currentServer = cs;
  const page = await openWorkbench(ctx.browser, cs.workbenchUrl(), { timeoutMs: 90_000 });
  ctx.currentPage = page;
  ctx.vsix = {
    model,
    script,
    home,
    workspace,
    cs,
    page,
    installedDir: path.join(extensionsDir, installed),
  };
  return ctx.vsix;
}

/** Files under `dir` (any size up to 50 MB) whose bytes contain `needle`. */
function filesContaining(dir, needle) {
  const hits = [];
  for (const file of findFiles(dir, /./)) {
    try {
      if (statSync(file).size > 50 * 1024 * 1024) continue;
      if (readFileSync(file).includes(needle)) hits.push(file);
    } catch {
      // vanished
    }
  }
  return hits;
}

const f = {
  name: "f. sign in with an API key (provider requires OpenAI auth); the key is not written to logs",
  async run(ctx) {
    const env = await vsixEnv(ctx);
    const frame = await showSidebar(env.page, { expectChat: false });
    await frame.getByRole("heading", { name: "Sign in to Codex" }).waitFor({ timeout: 90_000 });
    // The status bar says so too, and its click is the sign-in.
    await until(
      "the status bar to say signed out",
      async () => (await statusBarText(env.page)) === "Codex: signed out",
    );
    await statusBarTooltipShows(env.page, "Click to sign in");
    const apiKey = `sk-e2e-${randomBytes(12).toString("hex")}`;
    await frame.getByLabel("OpenAI API key").fill(apiKey);
    await frame.getByRole("button", { name: "Use API key" }).click();
    await composer(frame).waitFor({ timeout: 60_000 });
    await frame.getByRole("heading", { name: "Sign in to Codex" }).waitFor({ state: "hidden" });
    await until(
      "the status bar to say ready once signed in",
      async () => (await statusBarText(env.page)) === "Codex",
    );
    // codex keeps the key in its own credentials store; nothing else may contain it.
    const auth = JSON.parse(readFileSync(path.join(env.home.dir, "auth.json"), "utf8"));
    if (auth.OPENAI_API_KEY !== apiKey) throw new Error("codex did not store the API key");
    const leaks = filesContaining(env.cs.runDir, apiKey);
    if (leaks.length > 0) throw new Error(`the API key was written to: ${leaks.join(", ")}`);
    env.apiKey = apiKey;
    env.frame = frame;
  },
};

const k = {
  name: "k. the packaged VSIX installed in code-server answers a prompt (scenario b)",
  async run(ctx) {
    const env = await vsixEnv(ctx);
    const frame = env.frame ?? (await showSidebar(env.page, { expectChat: false }));
    if (!env.apiKey) {
      // f did not run (--grep): sign in first, the provider needs it.
      await frame.getByLabel("OpenAI API key").fill(`sk-e2e-${randomBytes(12).toString("hex")}`);
      await frame.getByRole("button", { name: "Use API key" }).click();
    }
    await composer(frame).waitFor({ timeout: 60_000 });
    const { script, model } = env;
    useReplies(
      model,
      script.reply(
        script.text("From the VSIX: **packaged**\n\n```sh\necho packaged-ok\n```\n", { chunks: 5 }),
      ),
    );
    await sendPrompt(frame, "Hello from the packaged extension");
    const log = transcript(frame);
    await log.locator("pre code", { hasText: "echo packaged-ok" }).waitFor();
    await log.locator("strong", { hasText: "packaged" }).waitFor();
    // The extension host loaded the installed copy, not this folder.
    const hostLog = readFileSync(env.cs.logFile, "utf8");
    if (hostLog.includes("Loading development extension")) {
      throw new Error("code-server loaded a development extension instead of the VSIX");
    }
    if (!existsSync(path.join(env.installedDir, "dist", "extension.js"))) {
      throw new Error("the installed extension has no dist/extension.js");
    }
  },
};

/**
 * A cloned repository whose .vscode/settings.json points chatgpt.cliExecutable at a script of its
 * own (and turns openOnStartup on), opened with Workspace Trust on and the folder not trusted.
 */
async function untrustedEnv(ctx) {
  buildOnce(ctx);
  const { server, script, codexHome } = await testSupport();
  const model = await server.startMockModel();
  ctx.cleanups.push(() => model.close());
  const home = await codexHome.createCodexHome({
    modelUrl: model.url,
    approvalPolicy: "on-request",
    sandboxMode: "read-only",
  });
  ctx.cleanups.push(() => home.dispose());
  const workspace = makeWorkspace(ctx, "ws-untrusted");
  const marker = path.join(ctx.scratch, "untrusted-program-ran");
  const program = path.join(workspace, "tools", "codex");
  mkdirSync(path.dirname(program), { recursive: true });
  writeFileSync(program, `#!/bin/sh\necho "ran $*" >> '${marker}'\nexit 1\n`, { mode: 0o755 });
  mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
  writeFileSync(
    path.join(workspace, ".vscode", "settings.json"),
    JSON.stringify({ "chatgpt.cliExecutable": program, "chatgpt.openOnStartup": true }, null, 2),
  );
  // The user's own choice of codex, in User (and, for this remote window, Remote) settings.
  const settings = { "chatgpt.cliExecutable": codexBinary() };
  const cs = await startCodeServer({
    workspace,
    extensionDevelopmentPath: repoRoot,
    env: { CODEX_HOME: home.dir },
    settings,
    workspaceTrust: true,
    timeoutMs: 60_000,
  });
  ctx.cleanups.push(() => cs.stop());
  writeMachineSettings(cs.runDir, settings);
  ctx.currentServer = cs;
  const page = await openWorkbench(ctx.browser, cs.workbenchUrl(), { timeoutMs: 90_000 });
  ctx.currentPage = page;
  return { model, script, cs, page, marker };
}

const m = {
  name: "m. a cloned repository cannot choose the program codex runs; Restricted Mode explains itself and trust lifts it at once",
  async run(ctx) {
    const { model, script, cs, page, marker } = await untrustedEnv(ctx);
    // openOnStartup (harmless, so read from the workspace) opens the view by itself.
    const frame = webviewFrame(page, EXTENSION_ID);
    const banner = frame.locator(".restricted-mode");
    await banner.waitFor({ timeout: 90_000 });
    if (!(await banner.textContent()).includes("only reads and chats")) {
      throw new Error(`the banner does not explain Restricted Mode: ${await banner.textContent()}`);
    }
    const ranOrStarted = () => existsSync(marker) || codexAppServers(cs.pid).length > 0;
    await until("codex to start, or the workspace's program to run", ranOrStarted, {
      timeoutMs: 90_000,
    });
    if (existsSync(marker)) {
      throw new Error(`the workspace's program ran: ${readFileSync(marker, "utf8")}`);
    }
    await composer(frame).waitFor({ timeout: 90_000 });
    useReplies(model, script.text("A read-only hello."), script.text("A trusted hello."));
    await sendPrompt(frame, "Hello from Restricted Mode");
    await transcript(frame).getByText("A read-only hello.").waitFor({ timeout: 60_000 });
    if (codexAppServers(cs.pid).length === 0) throw new Error("codex app-server is not running");
    if (existsSync(marker)) {
      throw new Error(`the workspace's program ran: ${readFileSync(marker, "utf8")}`);
    }

    // Trust the folder the way a user does: the banner opens VS Code's own trust editor.
    await banner.getByRole("button", { name: "Trust this folder…" }).click();
    await page
      .getByRole("button", { name: /^Trust( Folder)?$/ })
      .first()
      .click();
    await banner.waitFor({ state: "hidden", timeout: 30_000 });

    // Trusted, the workspace's program is still ignored: a restarted codex is the user's own.
    const [before] = codexAppServers(cs.pid);
    await runCommand(page, "Codex: Restart Codex App Server");
    await until("a new codex app-server", () =>
      codexAppServers(cs.pid).some((p) => p.pid !== before?.pid),
    );
    await frame.getByRole("button", { name: "Send", exact: true }).waitFor();
    await sendPrompt(frame, "Hello again, trusted");
    await transcript(frame).getByText("A trusted hello.").waitFor({ timeout: 60_000 });
    if (existsSync(marker)) {
      throw new Error(`the workspace's program ran once trusted: ${readFileSync(marker, "utf8")}`);
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Issue 18: notices that never bury the chat, and a status bar that tells the truth. Its own
// code-server: a custom model codex has no metadata for (the "Model metadata … not found" warning
// every turn) and codex's own retries on (stream_max_retries = 3).

async function noticeEnv(ctx) {
  if (ctx.notices) {
    ctx.currentServer = ctx.notices.cs;
    ctx.currentPage = ctx.notices.page;
    return ctx.notices;
  }
  buildOnce(ctx);
  const { server, script, codexHome } = await testSupport();
  const model = await server.startMockModel();
  ctx.cleanups.push(() => model.close());
  const home = await codexHome.createCodexHome({
    modelUrl: model.url,
    model: "custom-x",
    applyPatchTool: false,
    retries: { stream: 3 },
  });
  ctx.cleanups.push(() => home.dispose());
  const workspace = makeWorkspace(ctx, "ws-notices");
  const settings = { "chatgpt.cliExecutable": codexBinary() };
  const cs = await startCodeServer({
    workspace,
    extensionDevelopmentPath: repoRoot,
    env: { CODEX_HOME: home.dir },
    settings,
    timeoutMs: 60_000,
  });
  ctx.cleanups.push(() => cs.stop());
  writeMachineSettings(cs.runDir, settings);
  ctx.currentServer = cs;
  const page = await openWorkbench(ctx.browser, cs.workbenchUrl(), { timeoutMs: 90_000 });
  ctx.currentPage = page;
  const frame = await showSidebar(page);
  ctx.notices = { model, script, home, workspace, cs, page, frame };
  return ctx.notices;
}

/** The Codex status bar item's text (codicons render as icons, so only the words). */
function statusBarItem(page) {
  return page.locator(".part.statusbar .statusbar-item", { hasText: /^\s*Codex/ }).first();
}

async function statusBarText(page) {
  return ((await statusBarItem(page).textContent()) ?? "").trim();
}

/** Samples the notice stack while `action` runs; resolves the most lines it ever showed. */
async function mostNoticeLines(frame, action) {
  let most = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      most = Math.max(most, await frame.locator(".notices .notice").count());
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  try {
    await action();
  } finally {
    done = true;
    await sampling;
  }
  return most;
}

const o = {
  name: "o. a model request that fails and is retried shows one updating line, then the answer; a failure says why once, with Retry; the status bar tells ready and working",
  async run(ctx) {
    const env = await noticeEnv(ctx);
    const { script, model, frame, page } = env;
    const log = transcript(frame);
    await until("the status bar to say ready", async () => (await statusBarText(page)) === "Codex");

    // Two failed attempts, then an answer: codex retries by itself ("Reconnecting… 1 of 3").
    useReplies(
      model,
      script.httpError(500),
      script.httpError(500),
      script.text("Recovered after retries."),
    );
    const most = await mostNoticeLines(frame, async () => {
      await sendPrompt(frame, "Answer despite the hiccups");
      await log.getByText("Recovered after retries.").waitFor();
    });
    const metadataLines = await frame
      .locator(".notices .notice", { hasText: "no details about the model" })
      .count();
    if (most > 1 + metadataLines)
      throw new Error(`the retries showed ${most} notice lines at once`);
    await until(
      "no retry line left after the answer",
      async () =>
        (await frame.locator(".notices .notice", { hasText: /Reconnecting/ }).count()) === 0,
    );
    if ((await log.locator(".turn-error").count()) !== 0)
      throw new Error("a recovered turn shows an error");

    // Every attempt fails: one plain error, in the turn, with Retry; no banner repeats it.
    useReplies(model, ...Array.from({ length: 4 }, () => script.httpError(500)));
    await sendPrompt(frame, "Fail every time");
    const failure = log.locator(".turn-error").last();
    await failure
      .getByText("The model service is busy or failing right now.", { exact: false })
      .waitFor();
    await until(
      "no error banner beside the inline error",
      async () => (await frame.locator(".notices .notice-error").count()) === 0,
    );
    await screen(page, "o-turn-error-retry");
    useReplies(model, script.text("Worked on retry."));
    await failure.getByRole("button", { name: "Retry" }).click();
    await log.getByText("Worked on retry.").waitFor();

    // Working: the status bar says so while a turn runs, and ready again after it.
    useReplies(
      model,
      script.slow(`Slowly ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")} END`, {
        delayMs: 100,
      }),
    );
    await sendPrompt(frame, "Take your time");
    await until("the status bar to say working", async () =>
      (await statusBarText(page)).startsWith("Codex: working"),
    );
    await screen(page, "o-statusbar-working");
    await log.getByText(/END/).waitFor({ timeout: 30_000 });
    await until(
      "the status bar to say ready again",
      async () => (await statusBarText(page)) === "Codex",
    );
  },
};

const o2 = {
  name: "o2. a custom provider over six turns: the model metadata warning shows once, explained, and the transcript keeps its room",
  async run(ctx) {
    const env = await noticeEnv(ctx);
    const { script, model, frame, page } = env;
    await newThread(env);
    const log = transcript(frame);
    for (let turn = 1; turn <= 6; turn++) {
      useReplies(model, script.text(`Answer number ${turn}.`));
      await sendPrompt(frame, `Question ${turn}`);
      await log.getByText(`Answer number ${turn}.`).waitFor();
    }
    const metadata = frame.locator(".notices .notice", { hasText: "no details about the model" });
    if ((await metadata.count()) > 1) throw new Error(`${await metadata.count()} metadata notices`);
    const lines = await frame.locator(".notices .notice").count();
    if (lines > 1) throw new Error(`${lines} notice lines after six turns`);
    const height = await log.evaluate((el) => el.getBoundingClientRect().height);
    if (height < 200) throw new Error(`the transcript is ${height}px tall`);
    await screen(page, "o2-six-turns-custom-provider");
    // Don't show again: gone, and not back on the next turn.
    if ((await metadata.count()) === 1) {
      await metadata.getByRole("button", { name: "Don't show again" }).click();
      await metadata.waitFor({ state: "hidden" });
    }
    await newThread(env);
    useReplies(model, script.text("Answer seven."));
    await sendPrompt(frame, "Question 7");
    await log.getByText("Answer seven.").waitFor();
    if ((await metadata.count()) !== 0) throw new Error("the silenced metadata notice came back");
  },
};

/** The status bar item's hover shows `line` (VS Code renders the tooltip in a hover widget). */
async function statusBarTooltipShows(page, line) {
  await statusBarItem(page).hover();
  await page
    .locator(".monaco-hover, .workbench-hover", { hasText: line })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.mouse.move(0, 0);
}

/** Calls `action` while sampling the status bar; resolves every text it showed, in order. */
async function statusBarTexts(page, action) {
  const seen = [];
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const text = await statusBarText(page);
      if (seen.at(-1) !== text) seen.push(text);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  })();
  try {
    await action();
  } finally {
    done = true;
    await sampling;
  }
  // The action may have seen the last change before a sample did.
  const last = await statusBarText(page);
  if (seen.at(-1) !== last) seen.push(last);
  return seen;
}

const o3 = {
  name: "o3. the status bar tells waiting for approval, restarting and failed (codex killed until it gives up); a click on failed restarts codex",
  async run(ctx) {
    const env = await noticeEnv(ctx);
    const { script, model, frame, page, cs } = env;
    await newThread(env);
    const log = transcript(frame);

    // Waiting for approval: a command in Chat mode (read-only, on-request) asks first.
    await chooseMode(frame, /^Chat/);
    try {
      useReplies(
        model,
        script.shellCall({ cmd: "echo o3-approved", callId: "call_o3" }),
        script.text("Ran the approved command."),
      );
      await sendPrompt(frame, "Run the o3 command");
      const card = frame.getByRole("region", { name: "Run this command?" });
      await card.waitFor();
      await until(
        "the status bar to say approval needed",
        async () => (await statusBarText(page)) === "Codex: approval needed",
      );
      await statusBarTooltipShows(page, "Codex is waiting for your approval in 1 thread(s)");
      await screen(page, "o3-statusbar-approval");
      await card.getByRole("button", { name: "Accept", exact: true }).click();
      await log.getByText("Ran the approved command.").waitFor();
      await until(
        "the status bar to say ready",
        async () => (await statusBarText(page)) === "Codex",
      );
    } finally {
      await chooseMode(frame, /^Agent(?! \(full)/);
    }

    // Restarting, then failed: codex killed as soon as it is back, until the extension gives up.
    const seen = await statusBarTexts(page, async () => {
      for (let kills = 0; (await statusBarText(page)) !== "Codex: failed"; kills++) {
        if (kills > 8) throw new Error("codex was still restarted after 8 kills");
        const [victim] = await until("a running codex app-server", async () => {
          if ((await statusBarText(page)) === "Codex: failed") return [null];
          const found = codexAppServers(cs.pid);
          return found.length === 1 ? found : undefined;
        });
        if (!victim) break;
        process.kill(victim.pid, "SIGKILL");
        await until("codex gone or failed", async () =>
          codexAppServers(cs.pid).every((p) => p.pid !== victim.pid),
        );
      }
    });
    if (!seen.includes("Codex: restarting"))
      throw new Error(`the status bar never said restarting: ${seen.join(" → ")}`);
    if (seen.at(-1) !== "Codex: failed")
      throw new Error(`the status bar did not end at failed: ${seen.join(" → ")}`);
    await statusBarTooltipShows(page, "Click to restart Codex");
    await screen(page, "o3-statusbar-failed");

    // The click that helps: restart.
    await statusBarItem(page).click();
    await until("a new codex app-server", () => codexAppServers(cs.pid).length === 1);
    await until("the status bar to say ready", async () => (await statusBarText(page)) === "Codex");
    useReplies(model, script.text("Back after the restart."));
    await sendPrompt(frame, "Are you back?");
    await log.getByText("Back after the restart.").waitFor();
  },
};

const p = {
  name: "p. a shell-command turn ends with its checkpoint summary: Review opens the multi-file diff, Undo turn asks before overwriting the user's edit and keeps it, Edit and resend rewinds files and conversation",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { frame, page, model, script, workspace } = env;
    const dir = path.join(workspace, "ck");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "a.txt"), "alpha\n");
    writeFileSync(path.join(dir, "b.txt"), "bravo\n");
    writeFileSync(path.join(dir, "c.txt"), "charlie\n");
    await newThread(env);
    const log = transcript(frame);
    useReplies(
      model,
      script.shellCall({
        cmd: "cd ck && printf 'changed\\n' > a.txt && rm b.txt && printf 'new\\n' > e.txt",
        callId: "call_ck",
      }),
      script.text("Shuffled the ck files."),
    );
    await sendPrompt(frame, "Shuffle the ck files");
    const card = frame.getByRole("region", { name: "Run this command?" });
    await card.waitFor();
    await card.getByRole("button", { name: "Accept", exact: true }).click();
    await log.getByText("Shuffled the ck files.").waitFor();
    // The summary: the command's changes, which no fileChange item reported.
    await log.getByText("Files changed: 3").waitFor({ timeout: 30_000 });
    for (const t of THEMES.filter((x) => x.file !== "high-contrast")) {
      await pickColorTheme(page, t.theme);
      await page.locator(`.monaco-workbench.${t.workbench}`).waitFor({ timeout: 30_000 });
      await log.getByText("Files changed: 3").waitFor();
      await screen(page, `checkpoint-summary-${t.file}`);
    }
    await log.getByRole("button", { name: "Review", exact: true }).last().click();
    await editorTab(page, "Codex: changes of this turn").waitFor({ timeout: 30_000 });
    await assertNoUntitledOrStaleToast(page);

    // The user edits a file the turn created; Undo turn asks, and keeps the edit by default.
    writeFileSync(path.join(dir, "e.txt"), "new\nmine\n");
    await log.getByRole("button", { name: "Undo turn" }).last().click();
    const dialog = page.locator(".monaco-dialog-box");
    await dialog.getByText("These files were changed after Codex's turn.").waitFor();
    await screen(page, "checkpoint-undo-dialog-light");
    // The same question in the dark theme; Cancel changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    const dark = THEMES.find((x) => x.file === "dark");
    await pickColorTheme(page, dark.theme);
    await page.locator(`.monaco-workbench.${dark.workbench}`).waitFor({ timeout: 30_000 });
    if (readFileSync(path.join(dir, "a.txt"), "utf8") !== "changed\n") {
      throw new Error("Cancel undid the turn");
    }
    await log.getByRole("button", { name: "Undo turn" }).last().click();
    await dialog.getByText("These files were changed after Codex's turn.").waitFor();
    await screen(page, "checkpoint-undo-dialog-dark");
    await dialog.getByRole("button", { name: "Undo the rest, keep my edits" }).click();
    await until("a.txt and b.txt restored, the user's e.txt kept", () => {
      const read = (name) =>
        existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), "utf8") : null;
      return (
        read("a.txt") === "alpha\n" &&
        read("b.txt") === "bravo\n" &&
        read("e.txt") === "new\nmine\n"
      );
    });
    await log.getByText("ck/e.txt: your later edits were kept").waitFor();

    // Edit and resend: the conversation goes back to before the message, which returns to the
    // composer; the rewound conversation continues without the dropped turn.
    await log
      .getByRole("button", { name: /^Edit and resend/ })
      .first()
      .click();
    await until("the message back in the composer", async () =>
      (await composer(frame).inputValue()).includes("Shuffle the ck files"),
    );
    await until(
      "the dropped turn gone from the transcript",
      async () => (await log.getByText("Shuffled the ck files.").count()) === 0,
    );
    useReplies(model, script.text("Fresh start."));
    await composer(frame).fill("Only list the ck files");
    await frame.getByRole("button", { name: "Send", exact: true }).click();
    await log.getByText("Fresh start.").waitFor();
    const request = lastRequestWithPrompt(env, "Only list the ck files");
    const texts = request ? JSON.stringify(request) : "";
    if (!request || texts.includes("Shuffled the ck files") || texts.includes("call_ck")) {
      throw new Error("the next request still carries the dropped turn");
    }
  },
};

/** Picks `label` in the quick pick the workbench shows (the export's "where to?"). */
async function pickQuickItem(page, label) {
  await page.locator(".quick-input-list .monaco-list-row", { hasText: label }).first().click();
}

const t = {
  name: "t. a thread with a command and an edit is exported as Markdown from History into a file picked in the save dialog, and from the palette to the clipboard",
  async run(ctx) {
    const env = await mainChat(ctx);
    const { script, model, frame, page, workspace } = env;
    writeFileSync(path.join(workspace, "export-demo.txt"), "before line\n");
    await newThread(env);
    const log = transcript(frame);
    useReplies(
      model,
      script.shellCall({
        cmd: "echo export-cmd-output",
        justification: "Print a marker",
        callId: "call_export_1",
      }),
      script.applyPatch(script.updateFilePatch("export-demo.txt", "before line", "after line"), {
        callId: "call_export_2",
      }),
      script.text("Prepared the export demo."),
    );
    await sendPrompt(frame, "Prepare the export demo");
    const card = frame.getByRole("region", { name: "Run this command?" });
    await card.getByRole("button", { name: "Accept", exact: true }).click();
    await log.getByText("Prepared the export demo.").waitFor();
    await until("the edit on disk", () =>
      readFileSync(path.join(workspace, "export-demo.txt"), "utf8").includes("after line"),
    );
    const assertExported = (markdown, where) => {
      // The user's message, the command (codex runs it through a shell) with its output, the
      // edit as a diff, the answer.
      for (const part of [
        /### You\n\nPrepare the export demo\n/,
        /```console\n\$ .*echo export-cmd-output.*\nexport-cmd-output\n/,
        /export-demo\.txt`\n\n```diff\n[^`]*-before line\n\+after line\n/,
        /Prepared the export demo\./,
      ]) {
        if (!part.test(markdown))
          throw new Error(`the Markdown ${where} lacks ${part}:\n${markdown}`);
      }
    };

    // History: the row's Export button, "Save as a Markdown file…", VS Code's save dialog (the
    // simple one in a web workbench) starting at a name from the title in the workspace.
    const history = frame.getByRole("button", { name: "History", exact: true });
    await history.click();
    // In a narrow side bar a row's actions show on hover.
    await frame.locator(".history-row", { hasText: "Prepare the export demo" }).hover();
    await frame.getByRole("button", { name: "Export Prepare the export demo as Markdown" }).click();
    await pickQuickItem(page, "Save as a Markdown file…");
    const pathInput = page.locator(".quick-input-widget input");
    await until("the save dialog at a name from the title", async () =>
      (await pathInput.inputValue()).endsWith("/ws-main/Prepare-the-export-demo.md"),
    );
    const saved = path.join(workspace, "thread-export.md");
    await pathInput.fill(saved);
    await pathInput.press("Enter");
    // The file system creates the file before it writes it: wait for its last part.
    await until(
      "the exported file",
      () => existsSync(saved) && readFileSync(saved, "utf8").includes("Prepared the export demo."),
    );
    assertExported(readFileSync(saved, "utf8"), "saved from History");
    await history.click();
    await quickOpen(page, "thread-export.md");
    await page.locator(".monaco-editor .view-line", { hasText: "+after line" }).first().waitFor();
    await screen(page, "export-thread-markdown-file");

    // The palette: the thread on screen, "Copy as Markdown", read back from the clipboard.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(page.url()).origin,
    });
    await pickCommand(page, "Codex: Export Thread as Markdown…");
    await pickQuickItem(page, "Copy as Markdown");
    const copied = await until("the thread on the clipboard", async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText());
      return text.includes("Prepared the export demo.") ? text : undefined;
    });
    assertExported(copied, "on the clipboard");
  },
};

export const scenarios = [
  a,
  b,
  c,
  c2,
  d,
  e,
  e2,
  queue,
  skill,
  plan,
  g,
  l,
  q,
  r,
  u,
  h,
  i,
  i2,
  s,
  j,
  n,
  p,
  t,
  f,
  k,
  m,
  o,
  o2,
  o3,
];
