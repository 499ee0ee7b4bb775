// Packages the extension with vsce.
//   npm run package                        universal VSIX: codex comes from the setting or PATH
//   npm run package -- --target linux-x64  platform VSIX carrying the pinned codex binary under
//                                           bin/linux-x64/ (codex, plus its codex-path/ helpers)
//   npm run package -- --out <file>        write the VSIX there instead of the repo root's
//                                           <name>-<version>[-<target>].vsix
// The binary for a target other than this machine's comes from the npm registry
// (`npm pack @openai/codex@<pin>-<target>`), the same package npm itself would install.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CODEX_PACKAGES, codexVendorDir } from "./lib/codexBinary.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const codexVersion = manifest.devDependencies["@openai/codex"];
const TARGETS = [
  "linux-x64",
  "linux-arm64",
  "darwin-x64",
  "darwin-arm64",
  "win32-x64",
  "win32-arm64",
];

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: repoRoot, stdio: "inherit", ...options });
}

/** The unpacked vendor/<triple> folder of the pinned codex for `target`. */
function vendorFor(target, scratch) {
  const [platform, arch] = target.split("-");
  try {
    return codexVendorDir(platform, arch, CODEX_PACKAGES.pinned);
  } catch {
    // Not installed on this machine (another platform): fetch the registry package.
    const spec = `@openai/codex@${codexVersion}-${target}`;
    run("npm", ["pack", spec, "--pack-destination", scratch, "--silent"]);
    const tarball = readdirSync(scratch).find((name) => name.endsWith(".tgz"));
    run("tar", ["-xzf", path.join(scratch, tarball), "-C", scratch]);
    const vendorRoot = path.join(scratch, "package", "vendor");
    return path.join(vendorRoot, readdirSync(vendorRoot)[0]);
  }
}

function stageBinary(target) {
  const scratch = mkdtempSync(path.join(tmpdir(), "codex-pack-"));
  try {
    const vendor = vendorFor(target, scratch);
    const exe = target.startsWith("win32") ? "codex.exe" : "codex";
    const destination = path.join(repoRoot, "bin", target);
    rmSync(path.join(repoRoot, "bin"), { recursive: true, force: true });
    mkdirSync(destination, { recursive: true });
    cpSync(path.join(vendor, "bin", exe), path.join(destination, exe));
    for (const helper of ["codex-path", "codex-resources"]) {
      if (existsSync(path.join(vendor, helper))) {
        cpSync(path.join(vendor, helper), path.join(destination, helper), {
          recursive: true,
          // The voice runtime serves the TUI's dictation, which the app-server never uses.
          filter: (source) => !source.includes(`${path.sep}voice`),
        });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The value after `--<name>` on the command line, if the flag is there. */
function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const target = option("target");
if (target && !TARGETS.includes(target)) {
  console.error(`unknown target ${target}; one of ${TARGETS.join(", ")}`);
  process.exit(1);
}

const outOption = option("out");
if (process.argv.includes("--out") && !outOption) {
  console.error("--out needs a file name");
  process.exit(1);
}

run(process.execPath, ["scripts/build.mjs"]);
const out = outOption
  ? path.resolve(outOption)
  : path.join(repoRoot, `${manifest.name}-${manifest.version}${target ? `-${target}` : ""}.vsix`);
mkdirSync(path.dirname(out), { recursive: true });
const vsce = path.join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
try {
  if (target) stageBinary(target);
  run(process.execPath, [
    vsce,
    "package",
    "--no-dependencies",
    "--out",
    out,
    ...(target ? ["--target", target] : []),
  ]);
} finally {
  rmSync(path.join(repoRoot, "bin"), { recursive: true, force: true });
}
const shown = path.relative(repoRoot, out);
console.log(`packaged ${shown.startsWith("..") ? out : shown}`);
