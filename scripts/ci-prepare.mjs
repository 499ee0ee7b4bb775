// Installs the machine-level things the test suite needs on a fresh machine (Debian packages,
// the code-server caches, with the Node the newest one needs) so `npm test` itself never has to. Safe to run repeatedly.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line) => console.log(`[ci-prepare] ${line}`);

async function optional(module) {
  const file = path.join(repoRoot, module);
  return existsSync(file) ? import(pathToFileURL(file).href) : undefined;
}

const systemDeps = await optional("scripts/lib/systemDeps.mjs");
if (systemDeps) {
  await systemDeps.ensureDebianPackages(systemDeps.HARNESS_DEBIAN_PACKAGES, { log });
}
const codeServer = await optional("scripts/lib/codeServer.mjs");
// Every release CI runs the e2e suite in (the oldest supported VS Code and the newest).
if (codeServer) {
  for (const release of Object.values(codeServer.CODE_SERVER_RELEASES ?? {})) {
    await codeServer.ensureCodeServer({ log, release });
  }
}
