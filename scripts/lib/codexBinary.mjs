// Locates the native codex binary that a codex devDependency installed: the pinned
// @openai/codex, or with CODEX_UNDER_TEST=next the newest release (the `codex-next` alias), so
// the same tests run against both. The package's bin/codex.js is only a launcher that execs
// this binary; spawning the binary itself keeps signals and process-tree handling simple.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const TARGET_TRIPLES = {
  "linux-x64": "x86_64-unknown-linux-musl",
  "linux-arm64": "aarch64-unknown-linux-musl",
  "darwin-x64": "x86_64-apple-darwin",
  "darwin-arm64": "aarch64-apple-darwin",
  "win32-x64": "x86_64-pc-windows-msvc",
  "win32-arm64": "aarch64-pc-windows-msvc",
};

/** The devDependencies that install a codex, by the name CODEX_UNDER_TEST uses. */
export const CODEX_PACKAGES = { pinned: "@openai/codex", next: "codex-next" };

/** The package under test: CODEX_UNDER_TEST=next picks codex-next; unset means the pinned one. */
export function codexPackageName(which = process.env.CODEX_UNDER_TEST || "pinned") {
  const name = CODEX_PACKAGES[which];
  if (!name) {
    throw new Error(
      `CODEX_UNDER_TEST=${which} is none of ${Object.keys(CODEX_PACKAGES).join(", ")}`,
    );
  }
  return name;
}

/** The vendor folder for a platform: holds bin/codex plus the helpers codex looks up beside it. */
export function codexVendorDir(
  platform = process.platform,
  arch = process.arch,
  packageName = codexPackageName(),
) {
  const key = `${platform}-${arch}`;
  const triple = TARGET_TRIPLES[key];
  if (!triple) throw new Error(`codex ships no binary for ${key}`);
  // Resolved from the launcher package: an aliased release keeps its own platform package
  // nested in its node_modules, beside the pinned one at the top level.
  const launcher = path.dirname(require.resolve(`${packageName}/package.json`));
  const packageJson = require.resolve(`@openai/codex-${key}/package.json`, { paths: [launcher] });
  return path.join(path.dirname(packageJson), "vendor", triple);
}

export function codexBinary(
  platform = process.platform,
  arch = process.arch,
  packageName = codexPackageName(),
) {
  const binary = path.join(
    codexVendorDir(platform, arch, packageName),
    "bin",
    platform === "win32" ? "codex.exe" : "codex",
  );
  if (!existsSync(binary)) throw new Error(`the codex binary is missing at ${binary}`);
  return binary;
}
