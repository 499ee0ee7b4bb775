/**
 * An API key entered in the sidebar goes to codex and nowhere else. The webview's
 * `account/login` request goes through a HostChannel into the real handler and the bridge's
 * account flow, to the real codex (a provider that requires OpenAI auth, so codex really signs
 * in with it); codex is then killed and restarted and a broken start is provoked, so error paths
 * log too. Afterwards the key must not appear in: any host log line (every level, with its
 * arguments), any ChatViewState snapshot, anything posted to the webview, the draft store,
 * the supervisor's failure state (reason and codex's stderr tail), or the child's environment.
 *
 * Covered elsewhere: the child environment drops unrelated secrets (supervisor.test.ts "passes
 * the filtered environment: the real process lacks the sentinel"; unit childEnvironment.test.ts),
 * the rpc client never logs params (unit rpcClient.test.ts), AccountController never logs or
 * keeps the key (unit account.test.ts, with a fake port).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";

import { nativeLaunchSpec } from "../../extension/appServer/launch";
import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import { ChatBridge } from "../../extension/bridge/bridge";
import { accountLogin } from "../../extension/bridge/handlers/accountLogin";
import type { HandlerContext } from "../../extension/bridge/handlers/context";
import { supervisorPort } from "../../extension/bridge/supervisorPort";
import type { Logger } from "../../extension/log";
import { HostChannel } from "../../protocol/webview/channel";
import {
  codexNativeBinaryPath,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type ScratchWorkspace,
} from "../support/codexHome";
import { text } from "../support/mockModel/script";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { waitForState } from "../support/bridgeState";

const API_KEY = "sk-proj-TESTKEY-7f3a9c1e5b2d4f6a8c0e-DoNotLeak-91b7";
/** Distinctive pieces too, so a truncated or partly masked key still counts. */
const FRAGMENTS = [API_KEY, "7f3a9c1e5b2d4f6a8c0e", "DoNotLeak-91b7"];

function leaks(where: string, haystack: string): string[] {
  return FRAGMENTS.filter((fragment) => haystack.includes(fragment)).map(
    (fragment) => `${where} contains ${JSON.stringify(fragment)}`,
  );
}

describe("secrets: an API key entered in the sidebar (real codex)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;

  before(async () => {
    model = await startMockModel();
    home = await createCodexHome({ modelUrl: model.url });
    // The mock provider table is last in config.toml: make it require OpenAI auth, so codex
    // reports the API-key account (and sends the key to the model, not to us).
    await appendFile(home.configPath, "requires_openai_auth = true\n");
    workspace = await scratchWorkspace();
  });
  after(async () => {
    await model.close();
    await home.dispose();
    await workspace.dispose();
  });

  it("reaches codex, and appears in no log, state, webview message, draft store or error output", async () => {
    const logLines: string[] = [];
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
        logLines.push(`[${level}] ${rendered}`);
      };
    const logger: Logger = {
      trace: record("trace"),
      debug: record("debug"),
      info: record("info"),
      warn: record("warn"),
      error: record("error"),
    };
    let brokenConfig = false;
    const supervisor = new AppServerSupervisor({
      launch: async () =>
        nativeLaunchSpec(
          codexNativeBinaryPath(),
          {
            PATH: process.env.PATH ?? "/usr/bin:/bin",
            HOME: home.dir,
            CODEX_HOME: home.dir,
            LANG: "C.UTF-8",
          },
          workspace.dir,
        ),
      logger,
      clientInfo: { name: "codex-vscode-secrets", title: null, version: "0.0.0" },
      backoff: { initialMs: 100, maxMs: 300, factor: 2, jitter: "none" },
      maxConsecutiveStartFailures: 1,
    });
    const bridge = new ChatBridge({
      port: supervisorPort(supervisor),
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
    const context = { bridge } as unknown as HandlerContext;
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

    try {
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

      // A turn (codex sends the key to the model as its bearer token: codex's business).
      model.enqueue(text("Signed in and answering."));
      await bridge.threads.send("hello", []);
      await waitForState(
        bridge,
        (s) => s.thread?.turns.at(-1)?.status === "completed",
        "a turn with the key",
      );
      assert.equal(model.requests.length, 1);

      // The child's environment never gets the key.
      const environ = readFileSync(`/proc/${supervisor.pid}/environ`, "utf8");
      const leaked = leaks("the app-server's environment", environ);

      // Crash output: codex killed mid-session, restarted; then a start that fails with an
      // error on stderr (a broken config.toml), so the failure reason and stderr tail are built.
      process.kill(supervisor.pid!, "SIGKILL");
      await waitForState(bridge, (s) => s.connection.kind === "restarting", "the restart");
      await waitForState(bridge, (s) => s.connection.kind === "ready", "ready again");
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
      assert.ok(bridge.state.snapshot.account.status === "signedOut");

      leaked.push(
        ...leaks("the host log", logLines.join("\n")),
        ...leaks("a ChatViewState snapshot", snapshots.join("\n")),
        ...leaks("the hydrate state", JSON.stringify(bridge.hydrate())),
        ...leaks("a message posted to the webview", posted.join("\n")),
        ...leaks("the draft store", JSON.stringify([...draftStore])),
        ...leaks("the supervisor state", JSON.stringify(supervisor.state)),
        ...leaks("the failed connection banner", JSON.stringify(failed.connection)),
      );
      assert.deepEqual(leaked, []);
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
