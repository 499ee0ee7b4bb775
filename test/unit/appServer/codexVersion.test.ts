import * as assert from "node:assert/strict";

import {
  CODEX_UPGRADE_COMMAND,
  codexSupport,
  codexVersionOf,
  parseVersion,
  SUPPORTED_CODEX,
} from "../../../extension/appServer/codexVersion";

describe("codex version", () => {
  it("is read from initialize's user agent and from `codex --version`", () => {
    assert.equal(
      codexVersionOf("codex_vscode_oss/0.169.0 (Debian 12.0.0; x86_64) unknown (x; 0.1.0)"),
      "0.169.0",
    );
    assert.equal(codexVersionOf("codex-vscode-faults/0.171.0 (Debian 12.0.0; x86_64)"), "0.171.0");
    assert.equal(codexVersionOf("codex-cli 0.160.1\n"), "0.160.1");
    assert.equal(codexVersionOf("codex_vscode_oss/0.172.0-alpha.3 (Linux)"), "0.172.0-alpha.3");
    assert.equal(codexVersionOf("codex_vscode_oss (Linux)"), undefined);
    assert.equal(codexVersionOf(""), undefined);
  });

  it("parses major.minor.patch and ignores a pre-release tag", () => {
    assert.deepEqual(parseVersion("0.171.0"), [0, 171, 0]);
    assert.deepEqual(parseVersion("0.172.0-alpha.3"), [0, 172, 0]);
    assert.deepEqual(parseVersion("v1.2.3"), [1, 2, 3]);
    assert.equal(parseVersion("0.171"), undefined);
  });

  it("declares at least 0.160 through 0.171.0 as supported", () => {
    assert.equal(SUPPORTED_CODEX.oldest, "0.160.0");
    assert.equal(SUPPORTED_CODEX.newestTested, "0.171.0");
    for (const version of ["0.160.0", "0.160.1", "0.169.0", "0.170.0", "0.171.0"]) {
      assert.equal(codexSupport(version), "supported", version);
    }
  });

  it("is too old below the range (numerically, not as text), newer above it, unknown when unread", () => {
    assert.equal(codexSupport("0.159.3"), "tooOld");
    assert.equal(codexSupport("0.99.0"), "tooOld");
    assert.equal(codexSupport("0.1600.0"), "newer");
    assert.equal(codexSupport("0.172.0"), "newer");
    assert.equal(codexSupport("1.0.0"), "newer");
    assert.equal(codexSupport(undefined), "unknown");
    assert.equal(codexSupport("dev"), "unknown");
  });

  it("upgrades with npm's global install of the latest @openai/codex", () => {
    assert.equal(CODEX_UPGRADE_COMMAND, "npm i -g @openai/codex@latest");
  });
});
