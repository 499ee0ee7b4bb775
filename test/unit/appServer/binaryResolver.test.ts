import * as assert from "node:assert/strict";
import { mkdtemp, rm, writeFile, chmod, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

import {
  CodexNotFoundError,
  nodeResolverHost,
  resolveCodexBinary,
  type BinaryResolverHost,
} from "../../../extension/appServer/binaryResolver";

/** A host whose file system is exactly the given set of executable files. */
function fakeHost(
  files: string[],
  overrides: Partial<BinaryResolverHost> = {},
): BinaryResolverHost & { checked: string[] } {
  const set = new Set(files);
  const checked: string[] = [];
  return {
    platform: "linux",
    arch: "x64",
    env: { PATH: "/usr/local/bin:/usr/bin", HOME: "/home/u" },
    isExecutable: (file) => {
      checked.push(file);
      return set.has(file);
    },
    checked,
    ...overrides,
  };
}

async function rejectsNotFound(
  promise: Promise<unknown>,
  reason: CodexNotFoundError["reason"],
  pattern: RegExp,
): Promise<CodexNotFoundError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CodexNotFoundError, `not a CodexNotFoundError: ${String(error)}`);
    assert.equal(error.reason, reason);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail("expected a CodexNotFoundError");
}

describe("resolveCodexBinary", () => {
  const ext = "/ext";
  const bundledLinux = "/ext/bin/linux-x64/codex";

  it("prefers the setting over bundled and PATH", async () => {
    const host = fakeHost(["/opt/codex", bundledLinux, "/usr/bin/codex"]);
    const found = await resolveCodexBinary(
      { settingValue: "/opt/codex", extensionPath: ext },
      host,
    );
    assert.deepEqual(found, { path: "/opt/codex", source: "setting" });
  });

  it("fails naming the setting when it points nowhere (no silent fallthrough)", async () => {
    const host = fakeHost([bundledLinux, "/usr/bin/codex"]);
    const error = await rejectsNotFound(
      resolveCodexBinary({ settingValue: "/missing/codex", extensionPath: ext }, host),
      "settingInvalid",
      /chatgpt\.cliExecutable.*\/missing\/codex/,
    );
    assert.deepEqual(error.searched, ["/missing/codex"]);
  });

  it("rejects a relative setting path instead of resolving it against the host's cwd", async () => {
    const host = fakeHost(["bin/codex", "/usr/bin/codex"]);
    await rejectsNotFound(
      resolveCodexBinary({ settingValue: "bin/codex" }, host),
      "settingInvalid",
      /chatgpt\.cliExecutable/,
    );
  });

  it("expands ~ in the setting and looks a bare name up on PATH", async () => {
    const host = fakeHost(["/home/u/.local/bin/codex", "/usr/bin/codex-beta"]);
    assert.deepEqual(await resolveCodexBinary({ settingValue: " ~/.local/bin/codex " }, host), {
      path: "/home/u/.local/bin/codex",
      source: "setting",
    });
    assert.deepEqual(await resolveCodexBinary({ settingValue: "codex-beta" }, host), {
      path: "/usr/bin/codex-beta",
      source: "setting",
    });
  });

  it("treats an empty or blank setting as unset", async () => {
    const host = fakeHost([bundledLinux]);
    const found = await resolveCodexBinary({ settingValue: "  ", extensionPath: ext }, host);
    assert.deepEqual(found, { path: bundledLinux, source: "bundled" });
  });

  const bundledTable: Array<[NodeJS.Platform, string, string]> = [
    ["linux", "x64", "/ext/bin/linux-x64/codex"],
    ["linux", "arm64", "/ext/bin/linux-arm64/codex"],
    ["darwin", "arm64", "/ext/bin/darwin-arm64/codex"],
    ["darwin", "x64", "/ext/bin/darwin-x64/codex"],
  ];
  for (const [platform, arch, expected] of bundledTable) {
    it(`finds the bundled binary for ${platform}-${arch}`, async () => {
      const host = fakeHost([expected], { platform, arch });
      assert.deepEqual(await resolveCodexBinary({ extensionPath: ext }, host), {
        path: expected,
        source: "bundled",
      });
    });
  }

  for (const arch of ["x64", "arm64"]) {
    it(`finds the bundled binary for win32-${arch} (codex.exe)`, async () => {
      const expected = `C:\\ext\\bin\\win32-${arch}\\codex.exe`;
      const host = fakeHost([expected], { platform: "win32", arch, env: {} });
      assert.deepEqual(await resolveCodexBinary({ extensionPath: "C:\\ext" }, host), {
        path: expected,
        source: "bundled",
      });
    });
  }

  it("searches PATH in order, skipping empty and relative entries", async () => {
    const host = fakeHost(["codex", "/usr/bin/codex"], {
      env: { PATH: ":.:relative/bin:/usr/local/bin:/usr/bin" },
    });
    assert.deepEqual(await resolveCodexBinary({}, host), {
      path: "/usr/bin/codex",
      source: "path",
    });
    assert.deepEqual(host.checked, ["/usr/local/bin/codex", "/usr/bin/codex"]);
  });

  it("honours PATHEXT and the Windows Path spelling", async () => {
    const host = fakeHost(["C:\\tools\\codex.exe"], {
      platform: "win32",
      env: { Path: 'C:\\Windows\\System32;"C:\\tools"', PATHEXT: ".COM;.EXE;.BAT;.CMD" },
    });
    assert.deepEqual(await resolveCodexBinary({}, host), {
      path: "C:\\tools\\codex.exe",
      source: "path",
    });
    assert.ok(host.checked.includes("C:\\Windows\\System32\\codex.com"));
  });

  it("maps npm's codex.cmd shim to the native codex.exe (Node will not spawn .cmd without a shell)", async () => {
    const prefix = "C:\\Users\\u\\AppData\\Roaming\\npm";
    const native = `${prefix}\\node_modules\\@openai\\codex\\node_modules\\@openai\\codex-win32-x64\\vendor\\x86_64-pc-windows-msvc\\bin\\codex.exe`;
    const host = fakeHost([`${prefix}\\codex.cmd`, native], {
      platform: "win32",
      env: { PATH: prefix, PATHEXT: ".EXE;.CMD" },
    });
    assert.deepEqual(await resolveCodexBinary({}, host), { path: native, source: "path" });
  });

  it("skips a .cmd shim it cannot map and keeps searching", async () => {
    const host = fakeHost(["C:\\a\\codex.cmd", "C:\\b\\codex.exe"], {
      platform: "win32",
      env: { PATH: "C:\\a;C:\\b", PATHEXT: ".EXE;.CMD" },
    });
    assert.deepEqual(await resolveCodexBinary({}, host), {
      path: "C:\\b\\codex.exe",
      source: "path",
    });
  });

  it("tries PATHEXT extensions for a Windows setting without one", async () => {
    const host = fakeHost(["D:\\codex\\codex.exe"], { platform: "win32", env: {} });
    assert.deepEqual(await resolveCodexBinary({ settingValue: "D:\\codex\\codex" }, host), {
      path: "D:\\codex\\codex.exe",
      source: "setting",
    });
  });

  it("fails with the install command and the setting name when nothing is found", async () => {
    const host = fakeHost([]);
    const error = await rejectsNotFound(
      resolveCodexBinary({ extensionPath: ext }, host),
      "notFound",
      /npm i -g @openai\/codex[\s\S]*chatgpt\.cliExecutable/,
    );
    assert.deepEqual(error.searched, [bundledLinux, "/usr/local/bin/codex", "/usr/bin/codex"]);
  });

  describe("nodeResolverHost().isExecutable", () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "resolver-"));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it("accepts executable files only (not plain files, directories or missing paths)", async function () {
      if (process.platform === "win32") this.skip();
      const exe = path.join(dir, "exe");
      const plain = path.join(dir, "plain");
      await writeFile(exe, "#!/bin/sh\n");
      await chmod(exe, 0o755);
      await writeFile(plain, "x");
      await mkdir(path.join(dir, "sub"));
      const host = nodeResolverHost();
      assert.equal(await host.isExecutable(exe), true);
      assert.equal(await host.isExecutable(plain), false);
      assert.equal(await host.isExecutable(path.join(dir, "sub")), false);
      assert.equal(await host.isExecutable(path.join(dir, "missing")), false);
    });
  });
});
