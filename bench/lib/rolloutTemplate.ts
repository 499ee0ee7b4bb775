/**
 * Records the template of bench/generate/rollout.ts: a three-turn thread run through the REAL
 * codex app-server against the mock model (a plain answer; reasoning, a command and its output,
 * an answer; a plain answer again), each text a marker the generator replaces. Returns the
 * rollout lines codex wrote, so the generated thread has exactly the shape this codex writes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { nativeLaunchSpec } from "../../extension/appServer/launch";
import type { AppServerRpcClient } from "../../extension/appServer/rpcClient";
import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import { silentLogger } from "../../extension/log";
import { codexNativeBinaryPath, createCodexHome } from "../../test/support/codexHome";
import { reasoning, shellCall, text } from "../../test/support/mockModel/script";
import { startMockModel } from "../../test/support/mockModel/server";
import { inJson, ROLLOUT_MARKERS, type RolloutTemplate } from "../generate/rollout";

/** A protocol client on the real codex with `home` as CODEX_HOME (the bench's own connection). */
export function codexClient(home: string, name: string): AppServerSupervisor {
  return new AppServerSupervisor({
    launch: async () =>
      nativeLaunchSpec(codexNativeBinaryPath(), {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: home,
        CODEX_HOME: home,
        LANG: "C.UTF-8",
      }),
    logger: silentLogger,
    clientInfo: { name, title: null, version: "0.0.0" },
  });
}

function turnCompleted(client: AppServerRpcClient): Promise<void> {
  return new Promise((resolve) => {
    const subscription = client.onNotification((n) => {
      if (n.method !== "turn/completed") return;
      subscription.dispose();
      resolve();
    });
  });
}

function findRollout(dir: string): string {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      const found = findRollout(full);
      if (found) return found;
    } else if (entry.startsWith("rollout-") && entry.endsWith(".jsonl")) return full;
  }
  return "";
}

export async function recordRolloutTemplate(): Promise<RolloutTemplate> {
  const model = await startMockModel({ keepRequests: false });
  // Full access: the command runs without a sandbox (none may be available) and without asking.
  const home = await createCodexHome({
    modelUrl: model.url,
    approvalPolicy: "never",
    sandboxMode: "danger-full-access",
  });
  const workspace = mkdtempSync(path.join(tmpdir(), "codex-bench-template-"));
  const supervisor = codexClient(home.dir, "codex-vscode-bench-template");
  try {
    const client = await supervisor.ensureStarted();
    const { thread } = await client.request("thread/start", { cwd: workspace });
    model.enqueue(
      text(ROLLOUT_MARKERS.answer),
      [
        reasoning(ROLLOUT_MARKERS.reasoning),
        shellCall({ cmd: ROLLOUT_MARKERS.command, justification: null }),
      ],
      text(ROLLOUT_MARKERS.answer),
      text(ROLLOUT_MARKERS.answer),
    );
    for (let turn = 0; turn < 3; turn++) {
      const done = turnCompleted(client);
      await client.request("turn/start", {
        threadId: thread.id,
        input: [{ type: "text", text: ROLLOUT_MARKERS.question, text_elements: [] }],
      });
      await done;
    }
    await supervisor.stop();
    const file = findRollout(path.join(home.dir, "sessions"));
    if (!file) throw new Error("codex wrote no rollout file");
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    if (!lines.some((l) => l.includes(inJson(ROLLOUT_MARKERS.output))))
      throw new Error("the template's command did not run (no output in the rollout)");
    return { lines, threadId: thread.id, paths: { workspace, home: home.dir } };
  } finally {
    await supervisor.stop();
    await model.close();
    await home.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}
