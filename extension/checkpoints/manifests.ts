/**
 * Turn manifests on disk: `threads/<thread key>/<turn key>.json`, one TurnChanges each, written
 * through a temporary name and a rename. All of them are loaded at open: they are small, and
 * undo, pruning and blob collection need them.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

import type { TurnChanges } from "./types";

export function keyOf(id: string): string {
  return createHash("sha256").update(id).digest("hex").slice(0, 24);
}

export class ManifestStore {
  /** threadId → turnId → manifest. */
  readonly threads = new Map<string, Map<string, TurnChanges>>();

  constructor(private readonly dir: string) {}

  async load(): Promise<void> {
    this.threads.clear();
    const threadDirs = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const threadDir of threadDirs) {
      const files = await fs.readdir(path.join(this.dir, threadDir)).catch(() => [] as string[]);
      for (const file of files) {
        if (!file.endsWith(".json")) continue;
        try {
          const turn = JSON.parse(
            await fs.readFile(path.join(this.dir, threadDir, file), "utf8"),
          ) as TurnChanges;
          if (turn.version === 1) this.remember(turn);
        } catch {
          // a damaged manifest: that turn cannot be undone, the others still can
        }
      }
    }
  }

  private remember(turn: TurnChanges): void {
    let turns = this.threads.get(turn.threadId);
    if (!turns) this.threads.set(turn.threadId, (turns = new Map()));
    turns.set(turn.turnId, turn);
  }

  get(threadId: string, turnId: string): TurnChanges | undefined {
    return this.threads.get(threadId)?.get(turnId);
  }

  /** The thread's turns, oldest first. */
  list(threadId: string): TurnChanges[] {
    return [...(this.threads.get(threadId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  all(): TurnChanges[] {
    return [...this.threads.values()].flatMap((turns) => [...turns.values()]);
  }

  maxSeq(): number {
    return this.all().reduce((max, turn) => Math.max(max, turn.seq), 0);
  }

  async save(turn: TurnChanges): Promise<void> {
    this.remember(turn);
    const threadDir = path.join(this.dir, keyOf(turn.threadId));
    await fs.mkdir(threadDir, { recursive: true });
    const file = path.join(threadDir, `${keyOf(turn.turnId)}.json`);
    const tmp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
    await fs.writeFile(tmp, JSON.stringify(turn));
    await fs.rename(tmp, file);
  }

  async removeThread(threadId: string): Promise<void> {
    this.threads.delete(threadId);
    await fs.rm(path.join(this.dir, keyOf(threadId)), { recursive: true, force: true });
  }

  /** Threads by their last activity, least recent first. */
  threadsByAge(): string[] {
    const last = (turns: Map<string, TurnChanges>): number =>
      Math.max(...[...turns.values()].map((t) => t.finishedAt));
    return [...this.threads.entries()]
      .sort((a, b) => last(a[1]) - last(b[1]))
      .map(([threadId]) => threadId);
  }
}
