// Debian system packages needed by the code-server based test harness.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Packages the harness needs: code-server's native modules, ripgrep, the browser, fonts. */
export const HARNESS_DEBIAN_PACKAGES = [
  "libkrb5-dev", // kerberos native module (lib/vscode rebuild)
  "ripgrep", // VS Code search; linked in place of @vscode/ripgrep's download
  "libsecret-1-dev", // keytar-style native modules
  "libx11-dev", // native-keymap
  "libxkbfile-dev", // native-keymap
  "chromium", // the browser Playwright drives
  "bubblewrap", // silences codex's sandbox warning
  "fonts-dejavu-core", // readable screenshots
];

let aptUpdated = false;

/**
 * Returns the subset of `names` that dpkg does not report as "install ok installed".
 * @param {string[]} names
 * @returns {string[]}
 */
export function missingDebianPackages(names) {
  if (!existsSync("/usr/bin/dpkg-query")) return [...names];
  const missing = [];
  for (const name of names) {
    // One query per package: dpkg-query exits non-zero for unknown names.
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    if (r.status !== 0 || !/\binstall ok installed\b/.test(r.stdout)) missing.push(name);
  }
  return missing;
}

/**
 * Makes sure the given Debian packages are installed. Installs them with apt-get when running
 * as root; otherwise throws an Error naming the missing packages and the command to run.
 * @param {string[]} [names]
 * @param {{ log?: (msg: string) => void }} [options]
 * @returns {Promise<string[]>} the packages that were installed by this call
 */
export async function ensureDebianPackages(
  names = HARNESS_DEBIAN_PACKAGES,
  { log = console.log } = {},
) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return [];
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    throw new Error(
      `Missing Debian packages: ${missing.join(", ")}. ` +
        (hasApt
          ? `Install them with: ${command}`
          : `apt-get is not available; install the equivalents of these packages.`),
    );
  }
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    log(`[systemDeps] apt-get ${args.join(" ")}`);
    const r = spawnSync("apt-get", args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      const tail = `${r.stdout ?? ""}\n${r.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
      throw new Error(
        `apt-get ${args.join(" ")} failed (exit ${r.status ?? r.signal}). Missing packages: ${missing.join(", ")}. ` +
          `Install them with: ${command}\n${tail}`,
      );
    }
  };
  if (!aptUpdated) {
    run(["-o", "DPkg::Lock::Timeout=300", "update"]);
    aptUpdated = true;
  }
  // Wait for a concurrent apt/dpkg run instead of failing on its lock.
  run(["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", ...missing]);
  const still = missingDebianPackages(missing);
  if (still.length > 0) {
    throw new Error(
      `Still missing after apt-get install: ${still.join(", ")}. Install them with: ${command}`,
    );
  }
  log(
    `[systemDeps] installed ${missing.join(" ")} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return missing;
}
