/** How the extension runs `wsl.exe` for detection and probing. */
import { execFile } from "node:child_process";

import type { WslExec, WslExecResult } from "./wslExec";

/** `execFile` without a shell, collecting raw bytes (wsl.exe writes UTF-16LE). Never rejects. */
export const nodeWslExec: WslExec = (command, args, options = {}) =>
  new Promise<WslExecResult>((resolve) => {
    try {
      execFile(
        command,
        [...args],
        {
          encoding: "buffer",
          windowsHide: true,
          timeout: options.timeoutMs ?? 20_000,
          maxBuffer: 4 * 1024 * 1024,
          ...(options.env ? { env: options.env } : {}),
        },
        (error, stdout, stderr) => {
          const err = error as
            (NodeJS.ErrnoException & { code?: unknown; killed?: boolean }) | null;
          // A non-zero exit is reported through `error` too; only spawn failures and timeouts are errors here.
          const spawnFailed = err !== null && typeof err.code === "string";
          const timedOut = err?.killed === true;
          resolve({
            exitCode: err === null ? 0 : typeof err.code === "number" ? err.code : null,
            stdout,
            stderr,
            ...(spawnFailed || timedOut ? { error: err } : {}),
          });
        },
      );
    } catch (error) {
      resolve({ exitCode: null, stdout: "", stderr: "", error: error as NodeJS.ErrnoException });
    }
  });
