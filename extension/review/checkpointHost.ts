/**
 * Where the extension keeps its checkpoints and when it takes them: one CheckpointStore for the
 * first workspace folder, in the extension's storage (never the workspace), only in a trusted
 * workspace and while `chatgpt.checkpoints.maxDiskMB` is above 0. Pure Node: the extension passes
 * its storage folder, the folder and the setting in.
 */
import type * as Checkpoints from "../checkpoints";
import type { CheckpointStore } from "../checkpoints";
import { describeError } from "../appServer/errors";
import type { Logger } from "../log";
import { ReviewNotes } from "./reviewNotes";
import { TurnCheckpoints } from "./turnCheckpoints";

export interface CheckpointHostOptions {
  /** The extension's storage folder for this workspace; undefined without a workspace. */
  storageDir: string | undefined;
  workspaceRoot: () => string | undefined;
  /** The disk budget in MB; 0 turns checkpoints off. */
  maxDiskMB: () => number;
  trusted: () => boolean;
  logger: Logger;
}

export class CheckpointHost {
  readonly checkpoints: TurnCheckpoints;
  readonly reviewNotes = new ReviewNotes();
  private store: CheckpointStore | undefined;
  private opening: Promise<CheckpointStore | undefined> | undefined;

  constructor(private readonly options: CheckpointHostOptions) {
    this.checkpoints = new TurnCheckpoints(() => this.current(), options.logger);
  }

  get enabled(): boolean {
    return this.options.maxDiskMB() > 0 && this.options.trusted();
  }

  /** The open store while checkpoints are on. */
  current(): CheckpointStore | undefined {
    return this.enabled ? this.store : undefined;
  }

  /**
   * Opens the store (once) and brings its copy of the workspace up to date in the background,
   * so the first turn does not pay for it. Never rejects.
   */
  open(): Promise<CheckpointStore | undefined> {
    if (!this.enabled) return Promise.resolve(undefined);
    this.opening ??= this.openNow();
    return this.opening;
  }

  private async openNow(): Promise<CheckpointStore | undefined> {
    const { storageDir, logger } = this.options;
    const root = this.options.workspaceRoot();
    if (!storageDir || !root) return undefined;
    try {
      const maxBytes = this.options.maxDiskMB() * 1024 * 1024;
      // The store's code loads with the first open, not at activation (dist/checkpoints.js).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { CheckpointStore } = require("../checkpoints") as typeof Checkpoints;
      this.store = await CheckpointStore.open(storageDir, root, { maxBytes }, (stats) =>
        logger.info(
          `checkpoints: full walk (${stats.fallback}) of ${stats.entries} entries in ${stats.ms} ms`,
        ),
      );
      const started = Date.now();
      void this.store.prepare().then(
        (stats) =>
          logger.info(`checkpoints ready: ${stats.entries} entries in ${Date.now() - started} ms`),
        (error: unknown) => logger.warn(`checkpoints: first scan failed: ${describeError(error)}`),
      );
      return this.store;
    } catch (error) {
      logger.warn(`checkpoints are off: ${describeError(error)}`);
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    await this.checkpoints.settled();
    await this.store?.close();
  }
}
