/**
 * `@terminal`: the active terminal's last command and its output (escape sequences removed, the
 * tail when long, with a note of what was cut), or why there is none: no terminal, shell
 * integration off (VS Code cannot tell an extension what ran), or nothing run since Codex started
 * listening.
 */
import { MAX_CONTEXT_TEXT, type EditorContextPart } from "../../protocol/webview/contextMentions";
import { l10n } from "../l10n";
import { count, tailLines } from "./boundedText";
import type { TerminalSnapshot } from "./host";

/** Colours, cursor moves, window titles and shell-integration marks: not for the model. */
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Terminal output as plain text: escapes gone, CRLF to LF, a line redrawn with CR shows its last form. */
export function plainTerminalText(raw: string): string {
  return raw
    .replace(ESCAPES, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n");
}

/** The attachment, or why there is nothing to attach (localised, for the menu). */
export function terminalContext(
  snapshot: TerminalSnapshot,
): { part: EditorContextPart } | { reason: string } {
  switch (snapshot.kind) {
    case "noTerminal":
      return { reason: l10n.t("No terminal is open.") };
    case "noShellIntegration":
      return {
        reason: l10n.t(
          "Shell integration is off in terminal “{0}”, so VS Code cannot tell Codex what ran there. Turn on terminal.integrated.shellIntegration.enabled and open a new terminal.",
          snapshot.name,
        ),
      };
    case "noCommand":
      return {
        reason: l10n.t("No command has run in terminal “{0}” since Codex started.", snapshot.name),
      };
    case "command": {
      const { command, name } = snapshot;
      const output = plainTerminalText(command.output).replace(/\s+$/, "");
      const bounded = tailLines(output, MAX_CONTEXT_TEXT);
      const cutChars = bounded.cutChars + command.cutChars;
      const status = command.running
        ? "still running"
        : command.exitCode === undefined
          ? "exit code unknown"
          : `exit code ${command.exitCode}`;
      const lines = [
        `Terminal "${name}"${command.cwd ? ` in ${command.cwd}` : ""}, last command (${status}):`,
        `$ ${command.commandLine}`,
      ];
      if (cutChars > 0) {
        lines.push(`[Cut: the first ${count(cutChars)} characters of the output.]`);
      }
      lines.push(bounded.text || "(no output)");
      const shortCommand =
        command.commandLine.length > 40
          ? `${command.commandLine.slice(0, 39)}…`
          : command.commandLine;
      // The chip says when a finished command printed nothing: a command that did print but
      // whose output VS Code did not stream to extensions can then be run again.
      const ended =
        command.exitCode === undefined
          ? shortCommand
          : l10n.t("{0} · exit {1}", shortCommand, command.exitCode);
      const label = command.running
        ? l10n.t("{0} · running", shortCommand)
        : bounded.text
          ? ended
          : l10n.t("{0} · no output", ended);
      return { part: { source: "terminal", label, text: lines.join("\n") } };
    }
  }
}
