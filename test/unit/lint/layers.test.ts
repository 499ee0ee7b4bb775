/**
 * The layer rules in eslint.config.mjs fire: each forbidden import, linted as if it were in the
 * layer's folder, is an error, and the allowed neighbours are not.
 */
import assert from "node:assert/strict";
import * as path from "node:path";

import { ESLint } from "eslint";

const REPO = path.resolve(__dirname, "../../..");

async function layerErrors(
  file: string,
  specifier: string,
  code = `import type { X } from ${JSON.stringify(specifier)};\nexport type Y = X;\n`,
): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((message) => message.message);
}

const forbidden: [file: string, specifier: string][] = [
  ["webview/components/Fake.tsx", "../../extension/bridge/bridge"],
  ["webview/components/approvals/Fake.tsx", "../../../extension/log"],
  ["webview/Fake.ts", "vscode"],
  ["protocol/webview/fake.ts", "../../extension/bridge/chatState"],
  ["protocol/webview/fake.ts", "../../webview/state/store"],
  ["protocol/fake.ts", "../extension/log"],
  ["extension/appServer/fake.ts", "../bridge/port"],
  ["extension/appServer/fake.ts", "../views/settings"],
  ["extension/appServer/fake.ts", "vscode"],
  ["extension/connection/fake.ts", "../bridge/bridge"],
  ["extension/bridge/fake.ts", "vscode"],
  ["extension/bridge/handlers/fake.ts", "vscode"],
  ["extension/bridge/handlers/fake.ts", "../../views/codexPanel"],
  ["extension/threads/fake.ts", "vscode"],
  ["extension/threads/fake.ts", "../views/threadsTree"],
];

const allowed: [file: string, specifier: string][] = [
  ["webview/components/Fake.tsx", "../../protocol/webview/messages"],
  ["protocol/codexRpc2.ts", "./webview/messages"],
  ["protocol/webview/fake.ts", "../codex/ServerNotification"],
  ["extension/bridge/fake.ts", "../connection/port"],
  ["extension/bridge/fake.ts", "../appServer/errors"],
  ["extension/views/fake.ts", "vscode"],
  ["extension/connection/fake.ts", "../wsl/wslPaths"],
];

describe("layers (eslint.config.mjs)", function () {
  this.timeout(60_000);

  for (const [file, specifier] of forbidden) {
    it(`${file} must not import ${specifier}`, async () => {
      assert.equal((await layerErrors(file, specifier)).length, 1);
    });
  }

  it("the host's `import vscode = require(...)` form is caught too", async () => {
    const code = `import vscode = require("vscode");\nexport const y = vscode;\n`;
    assert.equal((await layerErrors("extension/bridge/fake.ts", "vscode", code)).length, 1);
  });

  it("the allowed imports between layers pass", async () => {
    for (const [file, specifier] of allowed) {
      assert.deepEqual(await layerErrors(file, specifier), [], `${file} → ${specifier}`);
    }
  });
});
