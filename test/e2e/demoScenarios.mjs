// End-to-end: `npm start -- --mock` itself (scripts/start.mjs), as a new user runs it. It builds,
// starts code-server with the demo model, a CODEX_HOME of its own and the scratch demo project;
// the scenario uses the printed URL like a user's browser, tries the demo prompts, and checks
// their real effects in the demo project; Ctrl+C (SIGINT) must remove the project and the home.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { openWorkbench } from "../../scripts/lib/browser.mjs";
import { repoRoot, sendPrompt, showSidebar, transcript, until } from "./lib/harness.mjs";

/** Runs `node scripts/start.mjs --mock` and resolves with what it printed once it is ready. */
async function startDemo(ctx) {
  const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "start.mjs"), "--mock"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    return exited;
  };
  ctx.cleanups.push(stop);
  const field = (name) => new RegExp(`^  ${name}\\s+(\\S+)`, "m").exec(output)?.[1];
  const url = await until(
    "npm start -- --mock to print the workbench URL",
    () => {
      if (child.exitCode !== null)
        throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
      return /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/m.exec(output)?.[1];
    },
    { timeoutMs: 240_000, intervalMs: 250 },
  );
  const logFile = field("log");
  // For the failure artifacts (the code-server log and the Codex output channel).
  ctx.currentServer = { logFile, runDir: path.dirname(logFile) };
  return {
    url,
    folder: field("folder"),
    codexHome: field("CODEX_HOME"),
    stop,
    output: () => output,
  };
}

async function chooseMode(frame, label) {
  await frame.getByRole("button", { name: /^Mode: / }).click();
  await frame
    .getByRole("listbox", { name: "Mode" })
    .getByRole("option", { name: new RegExp(`^${label}(?! \\()`) }) // not "Agent (full access)"
    .click();
}

export const demoScenarios = [
  {
    name: "demo. npm start -- --mock: run ls, create hello.txt, a shell edit approved in Chat mode and a plan act on the scratch demo project; Ctrl+C removes it",
    async run(ctx) {
      const demo = await startDemo(ctx);
      assert(existsSync(path.join(demo.folder, "foo.ts")), `no demo project in ${demo.folder}`);
      const page = await openWorkbench(ctx.browser, demo.url, { timeoutMs: 90_000 });
      ctx.currentPage = page;
      const frame = await showSidebar(page, { via: "activityBar" });
      const log = transcript(frame);

      await sendPrompt(frame, "run ls");
      await log.getByText("exited with code 0").waitFor({ timeout: 60_000 });
      await log.getByText("package.json").first().waitFor();

      await sendPrompt(frame, "create hello.txt");
      await log.getByText(/^Created/).waitFor({ timeout: 60_000 });
      assert.equal(
        readFileSync(path.join(demo.folder, "hello.txt"), "utf8"),
        "Hello from the Codex demo!\n",
      );

      // Chat mode: the read-only sandbox stops the shell edit; codex asks; Accept runs it.
      await chooseMode(frame, "Chat");
      await sendPrompt(frame, "append a line to README.md");
      await frame.getByRole("button", { name: "Accept", exact: true }).first().click({
        timeout: 60_000,
      });
      await log.getByText(/checkpoint caught it anyway/).waitFor({ timeout: 60_000 });
      assert.match(
        readFileSync(path.join(demo.folder, "README.md"), "utf8"),
        /A line added by a shell command\.\n$/,
      );
      await chooseMode(frame, "Agent");

      await sendPrompt(frame, "plan the cleanup");
      await log.getByText("Plan: 4 of 4 done").waitFor({ timeout: 90_000 });
      await log.getByText("What I found").waitFor({ timeout: 30_000 });

      await page.context().close();
      ctx.currentPage = undefined;
      const code = await demo.stop();
      assert.equal(code, 0, demo.output());
      assert(!existsSync(demo.folder), `${demo.folder} is left after Ctrl+C`);
      assert(!existsSync(demo.codexHome), `${demo.codexHome} is left after Ctrl+C`);
    },
  },
];
