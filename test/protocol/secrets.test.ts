/**
 * Secrets and the real codex.
 *
 * 1. The host's environment: the app-server is launched the way the extension launches it
 *    (createLaunchSpecFactory over a pretend extension-host environment full of credentials and
 *    agent/session sockets), and codex itself prints the environment its commands get (the mock
 *    model asks for a shell call to `env`). None of the host's secrets may be in it; what is
 *    passed on purpose (OPENAI_API_KEY, toolchain locations) must be, which shows the scan reads
 *    the real environment.
 * 2. An API key entered in the sidebar goes to codex and nowhere else. The webview's
 *    `account/login` request goes through a HostChannel into the real handler and the bridge's
 *    account flow, to the real codex (a provider that requires OpenAI auth, so codex really signs
 *    in with it); codex prints its environment after the sign-in and again after it was killed
 *    and restarted; a broken start is provoked, so error paths log too. Afterwards the key must
 *    not appear in: either `env` output, any host log line (every level, with its arguments),
 *    any ChatViewState snapshot, anything posted to the webview, the draft store, or the
 *    supervisor's failure state (reason and codex's stderr tail).
 *
 * Covered elsewhere: the allow-list itself (unit childEnvironment.test.ts), the rpc client never
 * logs params (unit rpcClient.test.ts), AccountController never logs or keeps the key (unit
 * account.test.ts, with a fake port).
 */
import assert from "node:assert/strict";
import { appendFile, readFile, writeFile } from "node:fs/promises";

import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import { ChatBridge } from "../../extension/bridge/bridge";
import { accountLogin } from "../../extension/bridge/handlers/accountLogin";
import type { HandlerContext } from "../../extension/bridge/handlers/context";
import { CodexConnection } from "../../extension/connection/codexConnection";
import type { Logger } from "../../extension/log";
import { createLaunchSpecFactory } from "../../extension/wsl/wslLaunch";
import { HostChannel } from "../../protocol/webview/channel";
import type { ChatViewState } from "../../protocol/webview/viewModel";
import {
  codexNativeBinaryPath,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type ScratchWorkspace,
} from "../support/codexHome";
import { callOutputText, findCallOutput, shellCall, text } from "../support/mockModel/script";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { itemsOf, waitForState } from "../support/bridgeState";

const API_KEY = "sk-proj-TESTKEY-7f3a9c1e5b2d4f6a8c0e-DoNotLeak-91b7";
/** Every 10-character piece of the key, so a truncated or partly masked key still counts. */
const FRAGMENTS = Array.from({ length: API_KEY.length - 9 }, (_, i) => API_KEY.slice(i, i + 10));

function leaks(where: string, haystack: string): string[] {
  const found = FRAGMENTS.filter((fragment) => haystack.includes(fragment));
  return found.length === 0 ? [] : [`${where} contains ${JSON.stringify(found)}`];
}

/**
 * In the pretend extension host's environment, and in no environment codex or its commands get:
 * credentials, VS Code's own sockets, and sockets to the user's agents, keyring, session bus,
 * display and Windows host (issue 12: SSH_AUTH_SOCK was dropped, DBUS and XDG_RUNTIME_DIR were not).
 */
const FORBIDDEN: Record<string, string> = {
  AWS_SECRET_ACCESS_KEY: "leak-sentinel-aws-secret",
  GITHUB_TOKEN: "leak-sentinel-github-token",
  NPM_TOKEN: "leak-sentinel-npm-token",
  CODEX_API_KEY: "leak-sentinel-codex-api-key",
  SSH_AUTH_SOCK: "/tmp/leak-sentinel-ssh-agent.sock",
  GPG_AGENT_INFO: "/tmp/leak-sentinel-gpg-agent:0:1",
  DBUS_SESSION_BUS_ADDRESS: "unix:path=/tmp/leak-sentinel-dbus-session",
  XDG_RUNTIME_DIR: "/tmp/leak-sentinel-xdg-runtime",
  DISPLAY: ":leak-sentinel-display",
  WAYLAND_DISPLAY: "leak-sentinel-wayland-0",
  WSL_INTEROP: "/run/WSL/leak-sentinel-interop",
  VSCODE_IPC_HOOK_CLI: "/tmp/leak-sentinel-vscode-ipc.sock",
  VSCODE_GIT_IPC_HANDLE: "/tmp/leak-sentinel-vscode-git.sock",
  GIT_ASKPASS: "/tmp/leak-sentinel-askpass.sh",
  ELECTRON_RUN_AS_NODE: "leak-sentinel-electron",
};

/** Passed on purpose (extension/appServer/childEnvironment.ts), so they must show up. */
const PASSED = {
  JAVA_HOME: "/opt/passed-sentinel-jdk",
  // OPENAI_API_KEY on purpose: codex's API-key auth reads it, as in the user's terminal.
  OPENAI_API_KEY: "sk-passed-sentinel-environment-key",
};

/** The extension host's environment as this test pretends it is. */
function hostEnvironment(home: string, passed: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    CODEX_HOME: home,
    LANG: "C.UTF-8",
    ...passed,
    ...FORBIDDEN,
  };
}

/** A supervisor that launches codex as the extension does (createLaunchSpecFactory). */
function launchedLikeTheExtension(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: { maxConsecutiveStartFailures?: number } = {},
): AppServerSupervisor {
  const launcher = createLaunchSpecFactory({
    settings: () => ({
      runCodexInWsl: false,
      wslDistribution: "",
      cliExecutable: codexNativeBinaryPath(),
    }),
    extensionPath: "/nonexistent-extension-path",
    logger,
    platform: "linux",
    env,
  });
  return new AppServerSupervisor({
    launch: launcher.launch,
    logger,
    clientInfo: { name: "codex-vscode-secrets", title: null, version: "0.0.0" },
    backoff: { initialMs: 100, maxMs: 300, factor: 2, jitter: "none" },
    ...options,
  });
}

/** `NAME=value` lines of `env` output. */
function parseEnv(output: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of output.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(line.slice(0, at))) {
      env.set(line.slice(0, at), line.slice(at + 1));
    }
  }
  return env;
}

/** The `env` output of the command item `callId`, as the transcript and the model got it. */
function envOutput(state: ChatViewState, model: MockModel, callId: string): string {
  const command = itemsOf(state, "commandExecution").find((item) => item.id === callId);
  assert.equal(command?.status, "completed", `env ran: ${JSON.stringify(command)}`);
  const toModel = model.requests
    .map((request) => callOutputText(findCallOutput(request, callId)))
    .find((output) => output !== undefined);
  assert.ok(toModel, "the model got the output of env");
  return `${command?.aggregatedOutput ?? ""}\n${toModel}`;
}

/** Problems with the environment codex printed: a forbidden variable, or a passed one missing. */
function environmentProblems(
  where: string,
  output: string,
  passed: Record<string, string>,
): string[] {
  const env = parseEnv(output);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(FORBIDDEN)) {
    if (env.has(name)) problems.push(`${where} has ${name}`);
    if (output.includes(value)) problems.push(`${where} contains the value of ${name}`);
  }
  for (const [name, value] of Object.entries(passed)) {
    if (env.get(name) !== value) problems.push(`${where} lacks ${name}=${value}`);
  }
  return problems;
}

describe("secrets (real codex)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;

  beforeEach(async () => {
    model = await startMockModel();
    home = await createCodexHome({ modelUrl: model.url });
    workspace = await scratchWorkspace();
  });
  afterEach(async () => {
    await model.close();
    await home.dispose();
    await workspace.dispose();
  });

  it("the commands codex runs get what is passed on purpose and none of the host's secrets or sockets", async () => {
    const log: string[] = [];
    const logger = lineLogger(log);
    const supervisor = launchedLikeTheExtension(hostEnvironment(home.dir, PASSED), logger);
    const bridge = new ChatBridge({
      port: new CodexConnection(supervisor),
      logger,
      cwd: () => workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    try {
      // Chat mode: read-only sandbox; a plain sandboxed `env` runs without asking.
      await bridge.models.choose({ mode: "chat" });
      model.enqueue(
        shellCall({ cmd: "env", justification: null, callId: "call_env" }),
        text("Printed."),
      );
      await bridge.threads.send("print the environment", []);
      const done = await waitForState(
        bridge,
        (s) => s.thread?.turns.at(-1)?.status === "completed",
        "the env turn",
      );
      const output = envOutput(done, model, "call_env");
      assert.equal(parseEnv(output).get("CODEX_HOME"), home.dir, output);
      assert.deepEqual(environmentProblems("codex's env output", output, PASSED), [], output);
    } finally {
      bridge.dispose();
      await supervisor.stop();
    }
  });

  it("an API key entered in the sidebar reaches codex, and appears in no environment, log, state, webview message, draft store or error output", async () => {
    // The mock provider table is last in config.toml: make it require OpenAI auth, so codex
    // reports the API-key account (and sends the key to the model, not to us).
    await appendFile(home.configPath, "requires_openai_auth = true\n");
    const logLines: string[] = [];
    const logger = lineLogger(logLines);
    let brokenConfig = false;
    // No OPENAI_API_KEY in the host's environment: the only key is the one typed in.
    const passed = { JAVA_HOME: PASSED.JAVA_HOME };
    const supervisor = launchedLikeTheExtension(hostEnvironment(home.dir, passed), logger, {
      maxConsecutiveStartFailures: 1,
    });
    const bridge = new ChatBridge({
      port: new CodexConnection(supervisor),
      logger,
      cwd: () => workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    const snapshots: string[] = [];
    bridge.state.onDidChange(() => snapshots.push(JSON.stringify(bridge.state.snapshot)));

    // The host end of one sidebar, wired like SidebarSession: handlers, ready → hydrate,
    // state changes forwarded, draft changes kept (the workspaceState memento is a Map here).
    const posted: string[] = [];
    const draftStore = new Map<string, string>();
    const channel = new HostChannel((message) => posted.push(JSON.stringify(message)), {
      warn: (message) => logger.warn(message),
    });
    // The user confirms replacing the signed-in account (the native dialog, answered yes).
    const context = {
      bridge,
      guard: { confirmAccountChange: async () => true },
    } as unknown as HandlerContext;
    channel.handle("account/login", (params) => accountLogin.handle(context, params));
    channel.onNotification("ready", () => channel.notify("state/hydrate", bridge.hydrate()));
    channel.onNotification("composer/draftChanged", ({ text: draft }) => {
      bridge.state.setDraft(draft);
      draftStore.set("codex.composerDraft", draft);
    });
    channel.onNotification("webview/error", ({ message }) => logger.warn(`webview: ${message}`));
    bridge.state.onDidChange((change) => {
      if (change.kind === "patch") channel.notify("state/patch", change.patch);
      else channel.notify("thread/events", { threadId: change.threadId, events: change.events });
    });
    // What the webview sends, as it arrives (JSON, via postMessage).
    const fromWebview = (message: unknown) => channel.receive(JSON.parse(JSON.stringify(message)));
    const turnDone = (count: number) => (s: ChatViewState) =>
      (s.thread?.turns.length ?? 0) >= count && s.thread?.turns.at(-1)?.status === "completed";

    try {
      await bridge.models.choose({ mode: "chat" });
      await fromWebview({ kind: "notification", method: "ready", params: {} });
      await fromWebview({
        kind: "notification",
        method: "composer/draftChanged",
        params: { text: "what does this repo do?" },
      });
      await fromWebview({
        kind: "request",
        id: 1,
        method: "account/login",
        params: { method: "apiKey", apiKey: API_KEY },
      });
      const signedIn = await waitForState(
        bridge,
        (s) => s.account.status === "signedIn",
        "the API-key account",
      );
      assert.ok(signedIn.account.status === "signedIn");
      assert.equal(signedIn.account.account.type, "apiKey");
      assert.ok(
        posted.some((m) => m === JSON.stringify({ kind: "response", id: 1, ok: true, result: {} })),
      );
      // It reached codex, which keeps it in its own credentials store.
      assert.match(await readFile(`${home.dir}/auth.json`, "utf8"), /DoNotLeak-91b7/);

      // A turn with the key (codex sends it to the model as its bearer token: codex's
      // business); codex prints the environment its commands get.
      model.enqueue(
        shellCall({ cmd: "env", justification: null, callId: "call_env_signed_in" }),
        text("Signed in and answering."),
      );
      await bridge.threads.send("hello", []);
      const first = await waitForState(bridge, turnDone(1), "a turn with the key");
      const envSignedIn = envOutput(first, model, "call_env_signed_in");

      // Crash output: codex killed mid-session and restarted; its environment again.
      process.kill(supervisor.pid!, "SIGKILL");
      await waitForState(bridge, (s) => s.connection.kind === "restarting", "the restart");
      await waitForState(bridge, (s) => s.connection.kind === "ready", "ready again");
      model.enqueue(
        shellCall({ cmd: "env", justification: null, callId: "call_env_restarted" }),
        text("Still signed in."),
      );
      await bridge.threads.send("again", []);
      const second = await waitForState(bridge, turnDone(2), "a turn after the restart");
      const envRestarted = envOutput(second, model, "call_env_restarted");

      // A start that fails with an error on stderr (a broken config.toml), so the failure
      // reason and stderr tail are built.
      const good = await readFile(home.configPath, "utf8");
      brokenConfig = true;
      await writeFile(
        home.configPath,
        good.replace(/^approval_policy = .*$/m, 'approval_policy = "untrusted"'),
      );
      await supervisor.restart().catch(() => undefined);
      const failed = await waitForState(
        bridge,
        (s) => s.connection.kind === "failed",
        "the failed start",
      );
      await writeFile(home.configPath, good);
      brokenConfig = false;
      // A second login attempt while codex is down: the error path of the account flow.
      await fromWebview({
        kind: "request",
        id: 2,
        method: "account/login",
        params: { method: "apiKey", apiKey: API_KEY },
      });
      assert.equal(bridge.state.snapshot.account.status, "signedOut");

      const leaked = [
        ...leaks("codex's env output after the sign-in", envSignedIn),
        ...leaks("codex's env output after a restart", envRestarted),
        ...environmentProblems("codex's env output after the sign-in", envSignedIn, passed),
        ...environmentProblems("codex's env output after a restart", envRestarted, passed),
        ...leaks("the host log", logLines.join("\n")),
        ...leaks("a ChatViewState snapshot", snapshots.join("\n")),
        ...leaks("the hydrate state", JSON.stringify(bridge.hydrate())),
        ...leaks("a message posted to the webview", posted.join("\n")),
        ...leaks("the draft store", JSON.stringify([...draftStore])),
        ...leaks("the supervisor state", JSON.stringify(supervisor.state)),
        ...leaks("the failed connection banner", JSON.stringify(failed.connection)),
      ];
      assert.deepEqual(leaked, []);
      // The scans read real data: both env outputs reached the webview, and the host did log.
      assert.ok(posted.some((m) => m.includes(`JAVA_HOME=${PASSED.JAVA_HOME}`)));
      assert.ok(snapshots.some((m) => m.includes(`JAVA_HOME=${PASSED.JAVA_HOME}`)));
      assert.ok(logLines.length > 20, "the host did log (trace included)");
      assert.ok(posted.length > 10, "the webview was sent state");
      assert.ok(
        failed.connection.kind === "failed" && failed.connection.details.length > 0,
        "codex's stderr tail was captured",
      );
    } finally {
      if (brokenConfig) {
        await writeFile(
          home.configPath,
          (await readFile(home.configPath, "utf8")).replace(
            'approval_policy = "untrusted"',
            'approval_policy = "never"',
          ),
        );
      }
      bridge.dispose();
      await supervisor.stop();
    }
  });
});

/** A Logger that renders every line, every level, with its arguments, into `lines`. */
function lineLogger(lines: string[]): Logger {
  const record =
    (level: string) =>
    (message: string | Error, ...args: unknown[]) => {
      let rendered = String(message);
      if (message instanceof Error) rendered += `\n${message.stack ?? ""}`;
      for (const arg of args) {
        try {
          rendered += ` ${typeof arg === "string" ? arg : JSON.stringify(arg)}`;
        } catch {
          rendered += ` ${String(arg)}`;
        }
      }
      lines.push(`[${level}] ${rendered}`);
    };
  return {
    trace: record("trace"),
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}
