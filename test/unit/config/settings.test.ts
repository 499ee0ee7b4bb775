import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

import {
  ignoredWorkspaceValue,
  readSetting,
  SETTINGS,
  type ConfigurationReader,
} from "../../../extension/config/settings";

/** What VS Code's configuration would hold, by layer. */
function layers(values: {
  defaultValue?: Record<string, unknown>;
  globalValue?: Record<string, unknown>;
  workspaceValue?: Record<string, unknown>;
  workspaceFolderValue?: Record<string, unknown>;
}): ConfigurationReader {
  const inspect = (key: string) => ({
    defaultValue: values.defaultValue?.[key],
    globalValue: values.globalValue?.[key],
    workspaceValue: values.workspaceValue?.[key],
    workspaceFolderValue: values.workspaceFolderValue?.[key],
  });
  return {
    inspect,
    // VS Code's precedence: folder, workspace, user, default.
    get: (key) => {
      const layer = inspect(key);
      return (
        layer.workspaceFolderValue ??
        layer.workspaceValue ??
        layer.globalValue ??
        layer.defaultValue
      );
    },
  };
}

describe("settings", () => {
  const script = "/repo/evil.sh";

  it("never takes a program-choosing setting from the workspace or a folder", () => {
    const reader = layers({
      workspaceValue: {
        "chatgpt.cliExecutable": script,
        "chatgpt.runCodexInWindowsSubsystemForLinux": true,
        "chatgpt.wslDistribution": "Evil",
      },
      workspaceFolderValue: { "chatgpt.cliExecutable": "bash" },
    });
    assert.equal(readSetting(reader, "cliExecutable"), "");
    assert.equal(readSetting(reader, "runCodexInWsl"), false);
    assert.equal(readSetting(reader, "wslDistribution"), "");
    assert.equal(ignoredWorkspaceValue(reader, "cliExecutable"), "bash");
  });

  it("uses the User (or Remote) value of a program-choosing setting", () => {
    const reader = layers({
      globalValue: { "chatgpt.cliExecutable": "/opt/codex/bin/codex" },
      workspaceValue: { "chatgpt.cliExecutable": script },
    });
    assert.equal(readSetting(reader, "cliExecutable"), "/opt/codex/bin/codex");
  });

  it("keeps VS Code's precedence for the other settings", () => {
    const reader = layers({
      globalValue: { "chatgpt.followUpQueueMode": "queue" },
      workspaceValue: { "chatgpt.followUpQueueMode": "steer" },
    });
    assert.equal(readSetting(reader, "followUpQueueMode"), "steer");
    assert.equal(ignoredWorkspaceValue(reader, "followUpQueueMode"), undefined);
  });

  it("falls back to the default for a value of the wrong type or outside the enum", () => {
    const reader = layers({
      globalValue: {
        "chatgpt.cliExecutable": 42,
        "chatgpt.composerEnterBehavior": "always",
        "chatgpt.openOnStartup": "yes",
      },
    });
    assert.equal(readSetting(reader, "cliExecutable"), "");
    assert.equal(readSetting(reader, "composerEnterBehavior"), "enter");
    assert.equal(readSetting(reader, "openOnStartup"), false);
  });

  describe("matches the manifest", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(__dirname, "../../../package.json"), "utf8"),
    ) as {
      contributes: {
        configuration: { properties: Record<string, { default: unknown; scope?: string }> };
      };
      capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
    };
    const properties = manifest.contributes.configuration.properties;
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    const specs = Object.values(SETTINGS);

    it("every contributed setting is in the table, with the same default", () => {
      assert.deepEqual(specs.map((spec) => spec.key).sort(), Object.keys(properties).sort());
      for (const spec of specs) assert.deepEqual(spec.fallback, properties[spec.key]!.default);
    });

    it("a User-only setting is machine-scoped and restricted in untrusted workspaces", () => {
      for (const spec of specs.filter((each) => each.origin === "user")) {
        assert.equal(properties[spec.key]!.scope, "machine", spec.key);
        assert.ok(restricted.includes(spec.key), `${spec.key} in restrictedConfigurations`);
      }
      const userOnly = specs.filter((each) => each.origin === "user").map((each) => each.key);
      assert.deepEqual([...restricted].sort(), userOnly.sort());
    });
  });
});
