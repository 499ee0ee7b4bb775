/**
 * Running `wsl.exe` and reading what it prints. `wsl.exe`'s own messages (`--list`, `--status`,
 * errors) are UTF-16LE, sometimes with a BOM, unless `WSL_UTF8=1` is set; what a Linux process
 * prints through it is passed through as is (UTF-8). `decodeWslOutput` accepts both.
 */
import * as path from "node:path";

export interface WslExecResult {
  /** Null when the process could not be started or was killed. */
  exitCode: number | null;
  stdout: Buffer | string;
  stderr: Buffer | string;
  /** Set when the process could not be started (`ENOENT`: no `wsl.exe`) or timed out. */
  error?: NodeJS.ErrnoException;
}

export interface WslExecOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs a program without a shell and collects its output. Never rejects. */
export type WslExec = (
  command: string,
  args: readonly string[],
  options?: WslExecOptions,
) => Promise<WslExecResult>;

/**
 * Text of a `wsl.exe` output stream: UTF-16LE (with or without BOM) or UTF-8, without BOMs,
 * NULs and carriage returns (`wsl.exe` writes `\r\n`, sometimes `\r\r\n`).
 */
export function decodeWslOutput(data: Buffer | string): string {
  let text: string;
  if (typeof data === "string") {
    text = data;
  } else if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
    text = data.subarray(2).toString("utf16le");
  } else if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    text = data.subarray(3).toString("utf8");
  } else if (looksLikeUtf16le(data)) {
    text = data.toString("utf16le");
  } else {
    text = data.toString("utf8");
  }
  return text
    .split("\u0000")
    .join("")
    .replace(/\uFEFF/g, "")
    .replace(/\r+\n/g, "\n")
    .replace(/\r/g, "\n");
}

/** ASCII-heavy UTF-16LE has a NUL in most odd bytes; UTF-8 text has none. */
function looksLikeUtf16le(data: Buffer): boolean {
  if (data.length < 2) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  const pairs = Math.floor(data.length / 2);
  for (let i = 0; i + 1 < data.length; i += 2) {
    if (data[i + 1] === 0) oddNuls++;
    if (data[i] === 0) evenNuls++;
  }
  return oddNuls >= pairs / 3 && oddNuls > evenNuls;
}

export async function safeExec(
  options: { exec: WslExec; wslCommand: string; env?: NodeJS.ProcessEnv },
  args: string[],
  timeoutMs: number,
): Promise<WslExecResult> {
  try {
    return await options.exec(options.wslCommand, args, {
      timeoutMs,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    return { exitCode: null, stdout: "", stderr: "", error: error as NodeJS.ErrnoException };
  }
}

export function joinOutput(result: WslExecResult): string {
  return [decodeWslOutput(result.stdout), decodeWslOutput(result.stderr)]
    .filter((t) => t.trim() !== "")
    .join("\n");
}

/** `%SystemRoot%\System32\wsl.exe`, so a `wsl.exe` planted on PATH or in the cwd is never run. */
export function defaultWslCommand(env: NodeJS.ProcessEnv): string {
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  return systemRoot ? path.win32.join(systemRoot, "System32", "wsl.exe") : "wsl.exe";
}
