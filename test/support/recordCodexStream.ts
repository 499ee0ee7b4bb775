/**
 * Records real codex notification streams as JSON fixtures for the reducer tests, and exports the
 * harness (supervisor + mock model + CODEX_HOME + scratch workspace) the bridge protocol tests use.
 *
 *   npx tsx test/support/recordCodexStream.ts     # rewrites test/fixtures/streams/*.json
 *
 * Paths and ids that change per run are replaced by stable placeholders, so a re-recording only
 * differs where codex's behaviour changed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";

import { CLIENT_CAPABILITIES } from "../../extension/appServer/clientCapabilities";
import { nativeLaunchSpec } from "../../extension/appServer/launch";
import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import { CodexConnection } from "../../extension/connection/codexConnection";
import type { AppServerPort } from "../../extension/connection/port";
import type { Logger } from "../../extension/log";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import {
  codexNativeBinaryPath,
  codexPackageVersion,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type CodexHomeOptions,
  type ScratchWorkspace,
} from "./codexHome";
import { applyPatch, reasoning, reply, shellCall, text } from "./mockModel/script";
import { startMockModel, type MockModel } from "./mockModel/server";

export const FIXTURE_DIR = path.resolve(__dirname, "../fixtures/streams");

export interface CodexHarness {
  supervisor: AppServerSupervisor;
  port: AppServerPort;
  model: MockModel;
  home: CodexHome;
  workspace: ScratchWorkspace;
  /** Log lines, for failure messages. */
  log: string[];
  dispose(): Promise<void>;
}

export function memoryLogger(lines: string[]): Logger {
  const at =
    (level: string) =>
    (message: string | Error, ...args: unknown[]) => {
      lines.push(
        `[${level}] ${String(message)}${args.length ? ` ${args.map(String).join(" ")}` : ""}`,
      );
      if (lines.length > 2_000) lines.splice(0, lines.length - 2_000);
    };
  return {
    trace: () => undefined,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/**
 * The real, pinned codex under a supervisor, talking to a fresh mock model. `extraEnv` is added
 * to the app-server's (otherwise minimal) environment.
 */
export async function startCodexHarness(
  homeOptions: Omit<CodexHomeOptions, "modelUrl"> = {},
  extraEnv: Record<string, string> = {},
): Promise<CodexHarness> {
  const model = await startMockModel();
  const home = await createCodexHome({
    approvalPolicy: "on-request",
    ...homeOptions,
    modelUrl: model.url,
  });
  const workspace = await scratchWorkspace();
  const log: string[] = [];
  const binary = codexNativeBinaryPath();
  const supervisor = new AppServerSupervisor({
    launch: async () =>
      nativeLaunchSpec(binary, {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: home.dir,
        CODEX_HOME: home.dir,
        LANG: "C.UTF-8",
        ...extraEnv,
      }),
    logger: memoryLogger(log),
    clientInfo: { name: "codex-vscode-tests", title: null, version: "0.0.0" },
    capabilities: CLIENT_CAPABILITIES,
    // Tests kill the app-server on purpose; restart quickly rather than after a long backoff.
    backoff: { initialMs: 100, maxMs: 500, factor: 2, jitter: "none" },
  });
  return {
    supervisor,
    port: new CodexConnection(supervisor),
    model,
    home,
    workspace,
    log,
    async dispose() {
      await supervisor.stop();
      await model.close();
      await home.dispose();
      await workspace.dispose();
    },
  };
}

/** Resolves with the first notification matching, from now on. */
export function nextNotification<M extends ServerNotification["method"]>(
  port: AppServerPort,
  method: M,
  predicate: (n: Extract<ServerNotification, { method: M }>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Extract<ServerNotification, { method: M }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no ${method} within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = port.onNotification((n) => {
      if (n.method !== method) return;
      const typed = n as Extract<ServerNotification, { method: M }>;
      if (!predicate(typed)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(typed);
    });
  });
}

export interface StreamFixture {
  scenario: string;
  codexVersion: string;
  /** Placeholders used in place of per-run values. */
  placeholders: Record<string, string>;
  notifications: ServerNotification[];
  serverRequests: { method: string; params: unknown }[];
}

/** Replaces per-run paths and ids with placeholders (deeply, in strings). */
export function stabilise<T>(value: T, replacements: [string, string][]): T {
  let json = JSON.stringify(value);
  for (const [from, to] of replacements) json = json.split(from).join(to);
  return JSON.parse(json) as T;
}

/** Methods not worth keeping in a fixture (process-wide noise, unrelated to the turn). */
const NOISE = new Set<string>([
  "remoteControl/status/changed",
  "mcpServer/startupStatus/updated",
  "skills/changed",
  "app/list/updated",
  "configWarning",
]);

interface Scenario {
  name: string;
  setup?: (harness: CodexHarness) => Promise<void>;
  prompt: string;
  /** How approvals are answered. */
  decision?: "accept" | "acceptForSession";
}

const SCENARIOS: Scenario[] = [
  {
    name: "text",
    prompt: "Say hello",
    setup: async ({ model }) =>
      model.enqueue(text("Hello! This answer is streamed in a few chunks.", { chunks: 5 })),
  },
  {
    name: "reasoning",
    prompt: "What is six times seven?",
    setup: async ({ model }) =>
      model.enqueue(
        reply(
          reasoning("Multiplying six by seven gives forty-two.", { chunks: 3 }),
          text("The answer is 42.", { chunks: 3 }),
        ),
      ),
  },
  {
    name: "commandApproval",
    prompt: "Run echo",
    decision: "accept",
    setup: async ({ model }) =>
      model.enqueue(
        shellCall({ cmd: "echo hello-from-codex", callId: "call_echo" }),
        text("The command printed hello-from-codex."),
      ),
  },
  {
    name: "patchApproval",
    prompt: "Edit notes.txt",
    decision: "accept",
    setup: async ({ model, workspace }) => {
      await writeFile(path.join(workspace.dir, "notes.txt"), "first line\nold line\nlast line\n");
      model.enqueue(
        applyPatch(
          [
            "*** Begin Patch",
            "*** Update File: notes.txt",
            "@@",
            " first line",
            "-old line",
            "+new line",
            "*** Add File: added.txt",
            "+brand new file",
            "*** End Patch",
          ].join("\n"),
          { callId: "call_patch" },
        ),
        text("I updated notes.txt and added added.txt."),
      );
    },
  },
];

async function recordScenario(scenario: Scenario): Promise<StreamFixture> {
  const harness = await startCodexHarness();
  const { port, workspace, home } = harness;
  const notifications: ServerNotification[] = [];
  const serverRequests: { method: string; params: unknown }[] = [];
  try {
    port.onNotification((n) => {
      if (!NOISE.has(n.method)) notifications.push(n);
    });
    const decision = scenario.decision ?? "accept";
    port.handleServerRequest("item/commandExecution/requestApproval", async (params) => {
      serverRequests.push({ method: "item/commandExecution/requestApproval", params });
      return { decision };
    });
    port.handleServerRequest("item/fileChange/requestApproval", async (params) => {
      serverRequests.push({ method: "item/fileChange/requestApproval", params });
      return { decision };
    });
    await scenario.setup?.(harness);
    const started = await port.request("thread/start", {
      cwd: workspace.dir,
      approvalPolicy: "on-request",
      sandbox: "read-only",
    });
    const threadId = started.thread.id;
    const completed = nextNotification(
      port,
      "turn/completed",
      (n) => n.params.threadId === threadId,
    );
    const turn = await port.request("turn/start", {
      threadId,
      input: [{ type: "text", text: scenario.prompt, text_elements: [] }],
    });
    await completed;
    // Late notifications of the turn (token usage, status) arrive right around completion.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const placeholders: [string, string][] = [
      [workspace.dir, "/workspace"],
      [home.dir, "/codex-home"],
      [threadId, "thread-1"],
      [turn.turn.id, "turn-1"],
    ];
    return stabilise(
      {
        scenario: scenario.name,
        codexVersion: codexPackageVersion(),
        placeholders: Object.fromEntries(placeholders.map(([, to]) => [to, "per-run value"])),
        notifications,
        serverRequests,
      },
      placeholders,
    );
  } finally {
    await harness.dispose();
  }
}

/** Records every scenario and writes `test/fixtures/streams/<name>.json`. */
export async function recordAll(only?: readonly string[]): Promise<string[]> {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const written: string[] = [];
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    const fixture = await recordScenario(scenario);
    const file = path.join(FIXTURE_DIR, `${scenario.name}.json`);
    writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  const only = process.argv.slice(2);
  recordAll(only.length > 0 ? only : undefined).then(
    (files) => {
      for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file)}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
