// Shared pieces of the end-to-end stage: the mock model and CODEX_HOME (TypeScript test support
// loaded through tsx), code-server with the extension, Chromium, and UI helpers that find
// controls by role and accessible name.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { openWorkbench, webviewFrame } from "../../../scripts/lib/browser.mjs";

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
);
export const EXTENSION_ID = "codex-oss.codex-vscode";
export const resultsDir = path.join(repoRoot, "test-results");

let support;
/** The mock model server, its reply DSL and the CODEX_HOME helpers (TypeScript, via tsx). */
export async function testSupport() {
  if (support) return support;
  const { register } = await import("tsx/cjs/api");
  const api = register({ namespace: "codex-e2e" });
  const load = (rel) => api.require(path.join(repoRoot, rel), import.meta.url);
  support = {
    server: load("test/support/mockModel/server.ts"),
    script: load("test/support/mockModel/script.ts"),
    codexHome: load("test/support/codexHome.ts"),
  };
  return support;
}

/**
 * Polls `check` until it returns something other than undefined/false; fails after `timeoutMs`
 * with `what` and the last value or error. For conditions outside the DOM (files, processes,
 * mock requests); DOM waits use Playwright's own auto-waiting locators.
 */
export async function until(what, check, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// Processes (Linux /proc)

function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    let env = {};
    try {
      env = Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, "utf8")
          .split("\0")
          .filter((e) => e.includes("="))
          .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
      );
    } catch {
      // not readable
    }
    return { pid, state: rest[0], ppid: Number(rest[1]), cmdline, env };
  } catch {
    return undefined;
  }
}

export function descendants(root) {
  const all = readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readProc(Number(n)))
    .filter((p) => p && p.state !== "Z");
  const out = [];
  const stack = [root];
  while (stack.length) {
    const parent = stack.pop();
    for (const child of all.filter((p) => p.ppid === parent)) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

/** Live `codex app-server` processes under a code-server process group leader. */
export function codexAppServers(codeServerPid) {
  return descendants(codeServerPid).filter(
    (p) => /(^|\/)codex$/.test(p.cmdline[0] ?? "") && p.cmdline.includes("app-server"),
  );
}

// ---------------------------------------------------------------------------------------------
// Logs

/** Every file under `dir` whose path matches `re`. */
export function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(p, re, out);
    else if (re.test(p)) out.push(p);
  }
  return out;
}

/**
 * The extension's "Codex" output channel as code-server writes it (a LogOutputChannel file:
 * `ud/logs/<session>/exthost<N>/codex-oss.codex-vscode/Codex.log`), oldest first.
 */
export function codexOutputLogs(runDir) {
  return findFiles(path.join(runDir, "ud", "logs"), /codex-oss\.codex-vscode[\\/]Codex\.log$/).sort(
    (a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs,
  );
}

/**
 * code-server's window is remote: machine-scoped settings such as `chatgpt.cliExecutable` are
 * ignored in the User settings and must be in `<user-data-dir>/Machine/settings.json`. Call after
 * startCodeServer and before a browser connects.
 */
export function writeMachineSettings(runDir, settings) {
  const dir = path.join(runDir, "ud", "Machine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2) + "\n");
}

// ---------------------------------------------------------------------------------------------
// UI

/**
 * A workbench page on the given code-server with the Codex sidebar open and the chat ready.
 * Returns { page, frame }.
 */
export async function openCodex(browser, cs, { expectChat = true } = {}) {
  const page = await openWorkbench(browser, cs.workbenchUrl(), { timeoutMs: 90_000 });
  const frame = await showSidebar(page, { expectChat });
  return { page, frame };
}

/** Opens the Codex view container from the activity bar (if not open) and waits for the webview. */
export async function showSidebar(page, { expectChat = true } = {}) {
  const icon = page.locator(".part.activitybar").getByRole("tab", { name: "Codex" });
  await icon.waitFor({ timeout: 60_000 });
  if ((await icon.getAttribute("aria-selected")) !== "true") await icon.click();
  const frame = webviewFrame(page, EXTENSION_ID);
  if (expectChat) await composer(frame).waitFor({ timeout: 90_000 });
  return frame;
}

export const composer = (frame) => frame.getByRole("textbox", { name: "Message Codex" });
export const transcript = (frame) => frame.getByRole("log", { name: "Conversation" });

/** Types `text` into the composer and presses Send. */
export async function sendPrompt(frame, text) {
  const box = composer(frame);
  await box.fill(text);
  await frame.getByRole("button", { name: "Send", exact: true }).click();
  // The composer clears once the host accepted the message.
  await until("the composer to clear after sending", async () => (await box.inputValue()) === "");
}

/** The user-typed prompts in a mock model request (without codex's own context messages). */
export function promptsOf(script, request) {
  return script.userTexts(request).filter((t) => !t.trimStart().startsWith("<"));
}
