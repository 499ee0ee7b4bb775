// Locates the native codex binary that the pinned @openai/codex devDependency installed.
// The package's bin/codex.js is only a launcher that execs this binary; spawning the binary
// itself keeps signals and process-tree handling simple.
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

/** The vendor folder for a platform: holds bin/codex plus the helpers codex looks up beside it. */
export function codexVendorDir(platform = process.platform, arch = process.arch) {
  const key = `${platform}-${arch}`;
  const triple = TARGET_TRIPLES[key];
  if (!triple) throw new Error(`codex ships no binary for ${key}`);
  const packageJson = require.resolve(`@openai/codex-${key}/package.json`);
  return path.join(path.dirname(packageJson), "vendor", triple);
}

export function codexBinary(platform = process.platform, arch = process.arch) {
  const binary = path.join(
    codexVendorDir(platform, arch),
    "bin",
    platform === "win32" ? "codex.exe" : "codex",
  );
  if (!existsSync(binary)) throw new Error(`the pinned codex binary is missing at ${binary}`);
  return binary;
}
