import assert from "node:assert/strict";

import {
  SLASH_COMMANDS,
  completeSlashCommand,
  parseSlashCommand,
} from "../../../protocol/webview/slashCommands";

describe("parseSlashCommand", () => {
  it("parses every command without arguments", () => {
    for (const name of ["review", "status", "compact", "init", "mcp", "feedback", "new"]) {
      assert.deepEqual(parseSlashCommand(`/${name}`), { command: name, args: [] });
    }
  });

  it("takes an optional base branch for /review", () => {
    assert.deepEqual(parseSlashCommand("/review main"), { command: "review", args: ["main"] });
    assert.deepEqual(parseSlashCommand("  /review   origin/release-1.2  "), {
      command: "review",
      args: ["origin/release-1.2"],
    });
  });

  it("rejects invalid branch names and extra arguments", () => {
    assert.equal(parseSlashCommand("/review main feature"), null);
    assert.equal(parseSlashCommand("/review --force"), null);
    assert.equal(parseSlashCommand("/review a..b"), null);
    assert.equal(parseSlashCommand("/status now"), null);
    assert.equal(parseSlashCommand("/new thread please"), null);
  });

  it("returns null for ordinary messages and unknown commands", () => {
    assert.equal(parseSlashCommand("review my code"), null);
    assert.equal(parseSlashCommand("/unknown"), null);
    assert.equal(parseSlashCommand("/"), null);
    assert.equal(parseSlashCommand("/Status"), null);
    assert.equal(parseSlashCommand("/review\nplease look at x"), null);
    assert.equal(parseSlashCommand("path /status"), null);
  });
});

describe("completeSlashCommand", () => {
  it("lists every command for a bare slash", () => {
    assert.deepEqual(
      completeSlashCommand("/").map((spec) => spec.name),
      SLASH_COMMANDS.map((spec) => spec.name),
    );
  });

  it("matches prefixes first, then names containing the text", () => {
    assert.deepEqual(
      completeSlashCommand("/re").map((spec) => spec.name),
      ["review", "reasoning"],
    );
    assert.deepEqual(
      completeSlashCommand("/c").map((spec) => spec.name),
      ["compact", "mcp", "feedback", "auto-context"],
    );
    assert.deepEqual(
      completeSlashCommand("/e").map((spec) => spec.name),
      // `approvals` by its alias `permissions`
      ["review", "feedback", "new", "model", "reasoning", "approvals", "auto-context"],
    );
  });

  it("knows /permissions as /approvals (the codex CLI's newer name)", () => {
    assert.deepEqual(parseSlashCommand("/permissions"), { command: "approvals", args: [] });
    assert.deepEqual(
      completeSlashCommand("/perm").map((spec) => spec.name),
      ["approvals"],
    );
  });

  it("is case-insensitive while typing", () => {
    assert.deepEqual(
      completeSlashCommand("/ST").map((spec) => spec.name),
      ["status", "fast"],
    );
  });

  it("offers nothing once an argument is typed or without a slash", () => {
    assert.deepEqual(completeSlashCommand("/review ma"), []);
    assert.deepEqual(completeSlashCommand("review"), []);
    assert.deepEqual(completeSlashCommand("/zzz"), []);
  });

  it("gives each command a usage, an l10n key and an English description", () => {
    for (const spec of SLASH_COMMANDS) {
      assert.ok(spec.usage.startsWith(`/${spec.name}`));
      assert.equal(spec.descriptionKey, `slash.${spec.name}`);
      assert.ok(spec.description.length > 0);
    }
  });
});
