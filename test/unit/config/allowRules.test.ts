/**
 * The record of rules added from approval cards, and their removal from codex's rules file: only
 * the lines codex appended for them, never the user's own rules.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

import {
  AllowRuleRecord,
  defaultRulesFile,
  describeRule,
  isRuleLine,
  removeRuleFromFile,
  withoutRuleLines,
} from "../../../extension/config/allowRules";
import type { AddedAllowRule } from "../../../extension/bridge/approvalAmendments";

function memoryStore() {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: (key: string, value: unknown) => {
      values.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    },
  };
}

const echoHi: AddedAllowRule = { kind: "command", prefix: ["echo", "hi"] };

describe("allow rules added from approvals", () => {
  it("recognises exactly the lines codex appends (amend.rs format)", () => {
    assert.ok(isRuleLine('prefix_rule(pattern=["echo", "hi"], decision="allow")', echoHi));
    assert.ok(
      isRuleLine('prefix_rule(pattern=["echo", "Hello, \\"world\\""], decision="allow")', {
        kind: "command",
        prefix: ["echo", 'Hello, "world"'],
      }),
    );
    assert.ok(!isRuleLine('prefix_rule(pattern=["echo"], decision="allow")', echoHi));
    assert.ok(!isRuleLine('prefix_rule(pattern=["echo", "hi"], decision="prompt")', echoHi));
    assert.ok(!isRuleLine('# prefix_rule(pattern=["echo", "hi"], decision="allow")', echoHi));
    const host = { kind: "network", host: "example.com", action: "allow" } as const;
    assert.ok(
      isRuleLine('network_rule(host="example.com", protocol="https", decision="allow")', host),
    );
    assert.ok(
      isRuleLine(
        'network_rule(host="example.com", protocol="http", decision="allow", justification="x")',
        host,
      ),
    );
    assert.ok(
      !isRuleLine('network_rule(host="example.com", protocol="https", decision="deny")', host),
    );
    assert.ok(
      !isRuleLine(
        'network_rule(host="example.com.evil", protocol="https", decision="allow")',
        host,
      ),
    );
  });

  it("removes as many lines as it added, from the end, and keeps the user's rules", () => {
    const text = [
      "# my rules",
      'prefix_rule(pattern=["echo", "hi"], decision="allow")',
      "prefix_rule(",
      '  pattern = ["echo", "hi"],',
      ")",
      'prefix_rule(pattern=["ls"], decision="allow")',
      'prefix_rule(pattern=["echo", "hi"], decision="allow")',
      "",
    ].join("\n");
    const result = withoutRuleLines(text, echoHi, 1);
    assert.equal(result.removed, 1);
    assert.equal(
      result.text,
      [
        "# my rules",
        'prefix_rule(pattern=["echo", "hi"], decision="allow")',
        "prefix_rule(",
        '  pattern = ["echo", "hi"],',
        ")",
        'prefix_rule(pattern=["ls"], decision="allow")',
        "",
      ].join("\n"),
    );
  });

  it("records rules per file, counts repeats, forgets them; edits the file on disk", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "allow-rules-"));
    try {
      const file = defaultRulesFile(dir);
      assert.equal(file, path.join(dir, "rules", "default.rules"));
      const record = new AllowRuleRecord(memoryStore(), () => 42);
      await record.add(echoHi, file);
      await record.add({ kind: "command", prefix: ["echo", "hi"] }, file);
      assert.deepEqual(record.list(), [{ rule: echoHi, file, addedAt: 42, count: 2 }]);

      // Nothing on disk yet: nothing to remove, and no file is created.
      assert.equal(await removeRuleFromFile(record.list()[0]!), 0);
      await mkdir(path.dirname(file));
      await writeFile(
        file,
        'prefix_rule(pattern=["git", "status"], decision="allow")\n' +
          'prefix_rule(pattern=["echo", "hi"], decision="allow")\n',
      );
      assert.equal(await removeRuleFromFile(record.list()[0]!), 1);
      assert.equal(
        await readFile(file, "utf8"),
        'prefix_rule(pattern=["git", "status"], decision="allow")\n',
      );
      await record.forget(record.list()[0]!);
      assert.deepEqual(record.list(), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("describes a rule as the command prefix, quoting what needs it", () => {
    assert.equal(describeRule(echoHi), "echo hi");
    assert.equal(
      describeRule({ kind: "command", prefix: ["git", "commit -m"] }),
      'git "commit -m"',
    );
    assert.equal(
      describeRule({ kind: "network", host: "example.com", action: "deny" }),
      "example.com",
    );
  });
});
