// Shared pieces of the end-to-end stage: the mock model and CODEX_HOME (TypeScript test support
// loaded through tsx), code-server with the extension, Chromium, and UI helpers that find
// controls by role and accessible name.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { openWorkbench, webviewFrame } from "../../../scripts/lib/browser.mjs";
import { CODE_SERVER_DIR } from "../../../scripts/lib/codeServer.mjs";

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
  const frame = await showSidebar(page, { expectChat, via: "activityBar" });
  return { page, frame };
}

/** Gives the workbench (not a webview) the keyboard focus: a click on the editor area. */
async function focusWorkbench(page) {
  // By id: VS Code 1.139 shows dialogs such as Workspace Trust in a second, modal `.part.editor`.
  const editor = page.locator('[id="workbench.parts.editor"]');
  const box = await editor.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
}

/**
 * Opens the Command Palette and picks `title`; resolves once the palette accepted it.
 * The palette lists the commands registered when its text last changed, and after a window
 * reload the workbench shows the Codex icon (its cached view container) and restores the view
 * before the extension's commands are registered again: so the text is typed again until the
 * command shows.
 */
export async function pickCommand(page, title, { timeoutMs = 60_000 } = {}) {
  await focusWorkbench(page);
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  // Click the row that is this command: the first row may be another match (e.g. "Preferences:
  // Browse Color Themes in Marketplace" for "Preferences: Color Theme").
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const row = page
    .locator(".quick-input-list .monaco-list-row", { hasText: new RegExp(`^${escaped}`) })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await input.fill(">");
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
  await row.click();
  return input;
}

/** Runs a command from the Command Palette by its title. */
export async function runCommand(page, title, options = {}) {
  const input = await pickCommand(page, title, options);
  await input.waitFor({ state: "hidden" });
}

/** Picks a color theme the way a user does ("Preferences: Color Theme"); VS Code saves it in the user settings. */
export async function pickColorTheme(page, theme) {
  const input = await pickCommand(page, "Preferences: Color Theme");
  // The theme picker has replaced the palette once its prompt shows. Then type: the list is
  // virtual, and a theme far down (the high-contrast ones in VS Code 1.139) has no row until the
  // filter brings it up.
  await page
    .locator('.quick-input-widget input[placeholder^="Select Color Theme"]')
    .waitFor({ timeout: 30_000 });
  await input.fill(theme);
  await page
    .locator(".quick-input-list .monaco-list-row.focused", { hasText: theme })
    .first()
    .waitFor();
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
}

/**
 * The settings id of a built-in colour theme by the label the picker shows, read from the running
 * VS Code's own theme-defaults manifest (ids changed between releases; labels did not).
 */
export function builtInThemeId(label) {
  const dir = path.join(CODE_SERVER_DIR, "lib", "vscode", "extensions", "theme-defaults");
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const nls = JSON.parse(readFileSync(path.join(dir, "package.nls.json"), "utf8"));
  const localized = (text) => text.replace(/^%(.+)%$/, (_, key) => nls[key] ?? text);
  const theme = manifest.contributes.themes.find((t) => localized(t.label) === label);
  if (!theme) throw new Error(`no built-in theme labelled "${label}" in ${dir}`);
  return theme.id ?? theme.label;
}

/**
 * Shows the Codex view and waits for the chat. `via: "activityBar"` clicks the Codex icon (only
 * when its container is not the active one: a second click would close the sidebar);
 * `via: "command"` runs "Codex: Open Codex Sidebar", which never toggles it closed (used after a
 * reload, while the workbench may still be restoring the open container).
 */
export async function showSidebar(page, { expectChat = true, via = "command" } = {}) {
  // On a fresh page the icon appears once the workbench knows the extension's contributions;
  // after a reload it is there at once (cached), and pickCommand waits for the commands.
  const icon = page.locator(".part.activitybar").getByRole("tab", { name: "Codex" });
  await icon.waitFor({ timeout: 90_000 });
  if (via === "activityBar") {
    if ((await icon.getAttribute("aria-selected")) !== "true") await icon.click();
  } else {
    await runCommand(page, "Codex: Open Codex Sidebar");
  }
  const frame = webviewFrame(page, EXTENSION_ID);
  if (expectChat) await composer(frame).waitFor({ timeout: 90_000 });
  return frame;
}

/** The composer, by its accessible name (a textarea; its role may be textbox or combobox). */
export const composer = (frame) => frame.getByLabel("Message Codex", { exact: true });
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
