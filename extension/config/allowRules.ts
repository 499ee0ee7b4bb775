/**
 * The "always allow" rules added from the extension's approval cards, so the user can list and
 * remove them (`chatgpt.manageAllowRules`).
 *
 * codex persists an accepted rule itself, appending one line to `$CODEX_HOME/rules/default.rules`
 * (codex-rs/execpolicy amend.rs):
 *   prefix_rule(pattern=["npm", "test"], decision="allow")
 *   network_rule(host="example.com", protocol="https", decision="allow")
 * The extension records which rules it added (host state, not the file) and, on removal, deletes
 * only matching lines, from the end, as many as it added: rules the user wrote, or codex added
 * from another client, are left alone when they are not on the record.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import * as path from "node:path";

import type { AddedAllowRule } from "../bridge/approvalAmendments";

export interface RecordedAllowRule {
  rule: AddedAllowRule;
  /** The rules file codex appended to. */
  file: string;
  /** Epoch ms of the last time it was added. */
  addedAt: number;
  /** How many times it was added (codex appends a line each time). */
  count: number;
}

/** Where the record lives: VS Code's global state in the extension, a map in tests. */
export interface RecordStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const RECORD_KEY = "codex.allowRules.v1";

/** The rules file codex writes under its home (`default.rules`). */
export function defaultRulesFile(codexHome: string): string {
  return path.join(codexHome, "rules", "default.rules");
}

function sameRule(a: AddedAllowRule, b: AddedAllowRule): boolean {
  if (a.kind === "command" && b.kind === "command") {
    return a.prefix.length === b.prefix.length && a.prefix.every((t, i) => t === b.prefix[i]);
  }
  if (a.kind === "network" && b.kind === "network") {
    return a.host === b.host && a.action === b.action;
  }
  return false;
}

/** How a rule reads in the list: the command prefix as typed, or the host. */
export function describeRule(rule: AddedAllowRule): string {
  if (rule.kind === "network") return rule.host;
  return rule.prefix
    .map((token) => (/^[\w./:=@%+,-]+$/.test(token) ? token : JSON.stringify(token)))
    .join(" ");
}

export class AllowRuleRecord {
  constructor(
    private readonly store: RecordStore,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RecordedAllowRule[] {
    const value = this.store.get<RecordedAllowRule[]>(RECORD_KEY);
    return Array.isArray(value) ? value : [];
  }

  async add(rule: AddedAllowRule, file: string): Promise<void> {
    const rules = this.list();
    const existing = rules.find((each) => each.file === file && sameRule(each.rule, rule));
    if (existing) {
      existing.count += 1;
      existing.addedAt = this.now();
    } else {
      rules.push({ rule, file, addedAt: this.now(), count: 1 });
    }
    await this.store.update(RECORD_KEY, rules);
  }

  async forget(entry: RecordedAllowRule): Promise<void> {
    await this.store.update(
      RECORD_KEY,
      this.list().filter((each) => !(each.file === entry.file && sameRule(each.rule, entry.rule))),
    );
  }
}

/** A string literal as codex writes it (serde_json), read back: null when it is not one. */
function parseString(literal: string): string | null {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

const PREFIX_LINE = /^prefix_rule\(pattern=(\[.*\]), decision="allow"\)$/;
const NETWORK_LINE =
  /^network_rule\(host=("(?:[^"\\]|\\.)*"), protocol="[a-z0-9]+", decision="(allow|deny)"(?:, justification="(?:[^"\\]|\\.)*")?\)$/;

/** True when `line` is exactly the line codex appends for `rule`. */
export function isRuleLine(line: string, rule: AddedAllowRule): boolean {
  const trimmed = line.trim();
  if (rule.kind === "command") {
    const match = PREFIX_LINE.exec(trimmed);
    if (!match) return false;
    try {
      const tokens: unknown = JSON.parse(match[1]!);
      return (
        Array.isArray(tokens) &&
        tokens.length === rule.prefix.length &&
        tokens.every((token, index) => token === rule.prefix[index])
      );
    } catch {
      return false;
    }
  }
  const match = NETWORK_LINE.exec(trimmed);
  return !!match && parseString(match[1]!) === rule.host && match[2] === rule.action;
}

/** The file's text without the last `count` lines that are `rule`; how many were removed. */
export function withoutRuleLines(
  text: string,
  rule: AddedAllowRule,
  count: number,
): { text: string; removed: number } {
  const lines = text.split("\n");
  let removed = 0;
  for (let index = lines.length - 1; index >= 0 && removed < count; index--) {
    if (isRuleLine(lines[index]!, rule)) {
      lines.splice(index, 1);
      removed++;
    }
  }
  return { text: lines.join("\n"), removed };
}

/**
 * Removes the rule's lines the extension added from its rules file (written whole, through a
 * temporary file, so codex never reads half a file). Returns the number of lines removed: 0
 * when the user already deleted them by hand.
 */
export async function removeRuleFromFile(entry: RecordedAllowRule): Promise<number> {
  let text: string;
  try {
    text = await readFile(entry.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const result = withoutRuleLines(text, entry.rule, entry.count);
  if (result.removed === 0) return 0;
  const temporary = `${entry.file}.codex-vscode-${process.pid}.tmp`;
  await writeFile(temporary, result.text, "utf8");
  await rename(temporary, entry.file);
  return result.removed;
}
