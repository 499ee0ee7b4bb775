/**
 * One `codex app-server` child and the RPC client on its stdio: spawning it, noticing when it is
 * lost (it exited, or closed its output but kept running), ending it, and saying why it failed.
 */
import { spawn, type ChildProcess } from "node:child_process";

import type { Logger } from "../log";
import { l10n } from "../l10n";
import { describeError } from "./errors";
import type { Disposable } from "./emitter";
import type { LaunchSpec } from "./launch";
import { hasExited, terminateProcessTree, waitForExit } from "./processTree";
import type { AppServerRpcClient } from "./rpcClient";
import { StderrTail } from "./stderrTail";

export interface AppServerChildOptions {
  logger: Logger;
  /** Default timeout of requests on the client; undefined: the client's. */
  requestTimeoutMs: number | undefined;
  /** SIGTERM → SIGKILL grace when ending it. */
  stopGraceMs: number;
  /** How long a child that closed stdout may take to exit before it counts as hung. */
  outputClosedGraceMs: number;
  stderrTailLines: number;
}

export class AppServerChild {
  /** Resolves with why the child was lost (exit, hung output...); never rejects. */
  readonly lost: Promise<string>;
  readonly stderr: StderrTail;
  /** Disposed when the child is ended. */
  readonly registrations: Disposable[] = [];
  /** Set once it is being ended on purpose, so its output closing is not mistaken for a hang. */
  private ending = false;

  /**
   * Spawns `spec` with a client on its stdio that is not listening yet (register handlers, then
   * `client.listen()`). Resolves with a readable reason instead when the spawn fails.
   */
  static async spawn(
    spec: LaunchSpec,
    options: AppServerChildOptions,
    RpcClient: typeof AppServerRpcClient,
  ): Promise<AppServerChild | { error: string }> {
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      cwd: spec.cwd,
      stdio: ["pipe", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true,
    });
    const spawnError = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      child.once("spawn", () => resolve(undefined));
      child.once("error", (error) => resolve(error));
    });
    if (spawnError) return { error: describeSpawnError(spec, spawnError) };
    child.on("error", (error) => options.logger.warn(`codex app-server process: ${error.message}`));
    const client = new RpcClient(child.stdout!, child.stdin!, {
      logger: options.logger,
      ...(options.requestTimeoutMs === undefined
        ? {}
        : { defaultTimeoutMs: options.requestTimeoutMs }),
    });
    return new AppServerChild(child, client, options);
  }

  private constructor(
    readonly child: ChildProcess,
    readonly client: AppServerRpcClient,
    private readonly options: AppServerChildOptions,
  ) {
    this.stderr = new StderrTail(child.stderr, options.stderrTailLines, options.logger);
    child.once("exit", (code, signal) => client.handleExit(code, signal));
    let markLost: (reason: string) => void = () => undefined;
    this.lost = new Promise<string>((resolve) => (markLost = resolve));
    child.once("exit", (code, signal) => markLost(describeExit(code, signal)));
    client.onClose(() => {
      // stdout ended. Usually the process is dying; one that keeps running without output can
      // never answer again, so it is killed and counts as a failure.
      void waitForExit(child, options.outputClosedGraceMs).then(async (exited) => {
        if (exited || this.ending) return;
        const reason = "codex app-server closed its output but kept running";
        options.logger.warn(`${reason}; stopping it (pid ${child.pid})`);
        markLost(reason); // before killing it, so the reason is not "killed by SIGTERM"
        await terminateProcessTree(child, { graceMs: options.stopGraceMs });
      });
    });
  }

  /** Closes the client (pending requests reject), kills the tree, waits until it is gone. */
  async end(reason: string): Promise<void> {
    this.ending = true;
    this.client.dispose(reason);
    for (const registration of this.registrations) registration.dispose();
    await terminateProcessTree(this.child, { graceMs: this.options.stopGraceMs });
  }

  /** Why a start failed: the exit status and codex's last stderr line, or the client's error. */
  async exitReason(error: unknown): Promise<string> {
    const child = this.child;
    await waitForExit(child, this.options.outputClosedGraceMs);
    if (!hasExited(child)) {
      return l10n.t("codex app-server failed during initialize: {0}", describeError(error));
    }
    // stderr can lag the exit by a moment; its last line usually says what went wrong.
    await Promise.race([this.stderr.done, delay(500)]);
    const summary = this.stderr.summary;
    const exit = describeExit(child.exitCode, child.signalCode);
    return summary
      ? l10n.t("{0} before it was ready: {1}", exit, summary)
      : l10n.t("{0} before it was ready", exit);
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return l10n.t("codex app-server was killed by {0}", signal);
  return l10n.t("codex app-server exited with code {0}", code ?? l10n.t("unknown"));
}

function describeSpawnError(spec: LaunchSpec, error: NodeJS.ErrnoException): string {
  const why =
    error.code === "ENOENT"
      ? l10n.t("{0} does not exist (ENOENT)", spec.command)
      : error.code === "EACCES"
        ? l10n.t("{0} is not executable (EACCES)", spec.command)
        : error.message;
  return l10n.t("Could not start {0}: {1}", spec.describe, why);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
