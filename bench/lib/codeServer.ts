/**
 * The code-server harness (scripts/lib) for the bench: a staged copy of the built extension and
 * typed access to the .mjs helpers.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "../..");

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function harness(): Promise<{
  codeServer: any;
  browser: any;
}> {
  const codeServer = await import(path.join(REPO, "scripts/lib/codeServer.mjs"));
  const browser = await import(path.join(REPO, "scripts/lib/browser.mjs"));
  return { codeServer, browser };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * A copy of the extension as a VSIX would install it (manifest, dist/, media/, l10n/), with
 * `activationEvents` emptied so nothing activates it before the bench does: a view or command of
 * ours is not used, so the extension stays inactive until the runner calls activate().
 */
export function stageExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "codex-bench-ext-"));
  for (const entry of ["dist", "media", "l10n", "LICENSE", "README.md"]) {
    const from = path.join(REPO, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  for (const file of ["package.nls.json", "package.nls.de.json", "package.nls.ja.json"]) {
    const from = path.join(REPO, file);
    if (existsSync(from)) cpSync(from, path.join(dir, file));
  }
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  manifest.activationEvents = [];
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  return dir;
}
