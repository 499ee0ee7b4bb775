/**
 * The last command of each terminal, recorded as it runs: VS Code's shell integration lets an
 * extension read a command's output only while it streams (`TerminalShellExecution.read()` from
 * `onDidStartTerminalShellExecution`), not afterwards, so @terminal must have listened already.
 * Only the output's tail is kept (the end of a failing build is what matters). No `vscode` here:
 * vscodeHost.ts feeds it the window's shell execution events.
 */
import type { CommandRecord } from "./host";

/** The most output characters kept per command (more than one attachment carries). */
export const MAX_RECORDED_OUTPUT = 64_000;

export class TerminalRecorder<Terminal extends object> {
  private readonly last = new WeakMap<Terminal, CommandRecord>();
  /** The record each execution writes to (an execution's end event finds its own record). */
  private readonly byExecution = new WeakMap<object, CommandRecord>();

  constructor(private readonly maxOutput = MAX_RECORDED_OUTPUT) {}

  /** A command started in `terminal`: its record replaces the terminal's last one. */
  started(
    terminal: Terminal,
    execution: object,
    commandLine: string,
    cwd: string | undefined,
    output: AsyncIterable<string>,
  ): void {
    const record: CommandRecord = {
      commandLine,
      cwd,
      output: "",
      cutChars: 0,
      exitCode: undefined,
      running: true,
    };
    this.last.set(terminal, record);
    this.byExecution.set(execution, record);
    void this.drain(record, output);
  }

  /** The command ended; `commandLine` may be more accurate now than at its start. */
  ended(execution: object, exitCode: number | undefined, commandLine?: string): void {
    const record = this.byExecution.get(execution);
    if (!record) return;
    record.running = false;
    record.exitCode = exitCode;
    if (commandLine) record.commandLine = commandLine;
  }

  lastCommand(terminal: Terminal): CommandRecord | undefined {
    return this.last.get(terminal);
  }

  private async drain(record: CommandRecord, output: AsyncIterable<string>): Promise<void> {
    try {
      for await (const chunk of output) {
        const joined = record.output + chunk;
        const over = joined.length - this.maxOutput;
        record.output = over > 0 ? joined.slice(over) : joined;
        if (over > 0) record.cutChars += over;
      }
    } catch {
      // The terminal went away mid-command: keep what arrived.
    }
  }
}
