import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");
const committed = path.join(repoRoot, "protocol");

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(root, full) : [path.relative(root, full)];
  });
}

describe("protocol bindings", function () {
  this.timeout(60_000);
  let regenerated: string;

  before(() => {
    regenerated = mkdtempSync(path.join(tmpdir(), "codex-bindings-"));
    execFileSync(process.execPath, ["scripts/gen-protocol.mjs", "--check", regenerated], {
      cwd: repoRoot,
      stdio: "pipe",
    });
  });
  after(() => rmSync(regenerated, { recursive: true, force: true }));

  it("match what the pinned codex binary generates (run `npm run gen:protocol` after moving the pin)", () => {
    const fresh = listFiles(regenerated).sort();
    const ours = listFiles(committed)
      .filter((file) => file.startsWith("codex" + path.sep) || file === "codexRpc.ts")
      .sort();
    assert.deepEqual(ours, fresh, "the set of generated files differs");
    const differing = fresh.filter(
      (file) =>
        readFileSync(path.join(regenerated, file), "utf8") !==
        readFileSync(path.join(committed, file), "utf8"),
    );
    assert.deepEqual(differing, [], "generated files differ from the committed bindings");
  });
});
