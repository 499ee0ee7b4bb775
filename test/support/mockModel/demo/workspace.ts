/**
 * The scratch folder `npm start -- --mock` opens: a tiny project the demo prompts act on (a
 * TODO in foo.ts to fix, a test that fails until it is fixed, a README to append to), so the
 * demo never touches the user's own files.
 */
import { execFile } from "node:child_process";
import { mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The TODO the demo model knows how to fix, and its fix. */
export const DEMO_TODO = {
  file: "foo.ts",
  comment: "  // TODO: return 0 for an empty list instead of NaN",
  fix: "  if (values.length === 0) return 0;",
};

export const DEMO_FILES: Readonly<Record<string, string>> = {
  "README.md": [
    "# Codex demo workspace",
    "",
    "A scratch project for `npm start -- --mock`, removed when it stops. The demo model",
    "answers a few plain requests with real tool calls in this folder; ask it for `help`.",
    "",
  ].join("\n"),
  "foo.ts": [
    "// A tiny module for the Codex demo.",
    "export function add(a: number, b: number): number {",
    "  return a + b;",
    "}",
    "",
    "export function average(values: number[]): number {",
    DEMO_TODO.comment,
    "  return values.reduce(add, 0) / values.length;",
    "}",
    "",
  ].join("\n"),
  "check.mjs": [
    "// The demo's test. Node 20 cannot run foo.ts, so it reads the source for the fix.",
    'import { readFileSync } from "node:fs";',
    "",
    'const source = readFileSync(new URL("./foo.ts", import.meta.url), "utf8");',
    'if (!source.includes("values.length === 0")) {',
    '  console.error("FAIL average([]) is NaN: see the TODO in foo.ts");',
    "  process.exit(1);",
    "}",
    'console.log("PASS average([]) is 0");',
    "",
  ].join("\n"),
  "package.json":
    JSON.stringify(
      {
        name: "codex-demo",
        version: "1.0.0",
        private: true,
        type: "module",
        scripts: { test: "node check.mjs" },
      },
      null,
      2,
    ) + "\n",
};

export interface DemoWorkspace {
  /** Real (symlink-resolved) path of the folder. */
  dir: string;
  dispose(): Promise<void>;
}

/** Runs git in `cwd` as the demo's own author; false when git is missing or fails. */
function git(cwd: string, args: string[]): Promise<boolean> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Codex demo",
    GIT_AUTHOR_EMAIL: "demo@example.invalid",
    GIT_COMMITTER_NAME: "Codex demo",
    GIT_COMMITTER_EMAIL: "demo@example.invalid",
  };
  return new Promise((resolve) => execFile("git", args, { cwd, env }, (error) => resolve(!error)));
}

/**
 * Creates the demo project in a new folder under the OS temp dir (or `baseDir`): a git
 * repository with one commit when git is installed, so `/review` has changes to review.
 */
export async function createDemoWorkspace(baseDir = tmpdir()): Promise<DemoWorkspace> {
  const dir = await realpath(await mkdtemp(path.join(baseDir, "codex-demo-")));
  for (const [name, content] of Object.entries(DEMO_FILES)) {
    await writeFile(path.join(dir, name), content, "utf8");
  }
  if (await git(dir, ["init", "-q", "-b", "main"])) {
    await git(dir, ["add", "."]);
    await git(dir, ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "The demo project"]);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}
