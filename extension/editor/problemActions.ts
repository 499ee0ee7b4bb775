/**
 * "Fix with Codex" and "Explain with Codex" on a diagnostic (the editor's light bulb, the Problems
 * view's quick fixes, the editor context menu): a new thread whose first message asks for it, with
 * the problem attached as an `@problems` chip and the code around it as a selection chip.
 */
import type { Attachment } from "../../protocol/webview/messages";
import { headLines } from "./boundedText";
import { commandTarget } from "./commandTarget";
import type { DiagnosticLike, DocumentLike, EditorFeatureDeps, EditorHost, UriLike } from "./host";
import { isUriLike } from "./host";
import { problemLine } from "./problemsContext";
import { fileAttachment } from "./selectionContext";

export type ProblemAction = "fix" | "explain";

/** Lines of code sent on each side of the problem. */
const CONTEXT_LINES = 5;
const MAX_CODE = 8_000;

/** The prompts are what the model reads (and the bubble shows); kept short and plain. */
const PROMPTS: Record<ProblemAction, string> = {
  fix: "Fix this problem.",
  explain: "Explain this problem: what causes it and how to fix it. Do not change any files.",
};

/** The arguments a code action passes: the document and the diagnostic it is on. */
export interface ProblemActionArgs {
  uri: UriLike;
  diagnostic: DiagnosticLike;
}

export function isProblemActionArgs(value: unknown): value is ProblemActionArgs {
  if (typeof value !== "object" || value === null) return false;
  const { uri, diagnostic } = value as ProblemActionArgs;
  return (
    isUriLike(uri) &&
    typeof diagnostic?.message === "string" &&
    Number.isInteger(diagnostic.range?.start?.line)
  );
}

/** The problem's chip and the code around it, and the message that asks for `action`. */
export function problemMessage(
  action: ProblemAction,
  document: DocumentLike,
  diagnostic: DiagnosticLike,
  relativePath: string,
): { text: string; attachments: Attachment[] } {
  const line = diagnostic.range.start.line;
  const problem: Attachment = {
    kind: "context",
    source: "problems",
    label: `${relativePath.split("/").pop()}:${line + 1}`,
    text: problemLine({ path: relativePath, diagnostic }),
  };
  const attachments: Attachment[] = [problem];
  const file = fileAttachment(document.uri);
  if (file) {
    const lines = document.getText().split(/\r?\n/);
    const first = Math.max(0, line - CONTEXT_LINES);
    const last = Math.min(lines.length - 1, line + CONTEXT_LINES);
    const code = headLines(lines.slice(first, last + 1).join("\n"), MAX_CODE);
    if (code.text.length > 0) {
      attachments.push({
        kind: "selection",
        path: file.path,
        startLine: first + 1,
        endLine: last + 1 - code.cutLines,
        text: code.text,
      });
    }
  }
  return { text: PROMPTS[action], attachments };
}

type ProblemDeps = Pick<EditorFeatureDeps, "startNewThreadWithPrompt">;

/**
 * `chatgpt.fixProblem` / `chatgpt.explainProblem`: with a code action's arguments, that
 * diagnostic; from the context menu, the first one under the active editor's cursor.
 */
export function createProblemCommand(
  action: ProblemAction,
  deps: ProblemDeps,
  host: EditorHost,
  diagnosticsAt: (uri: UriLike, line: number) => readonly DiagnosticLike[],
): (args?: unknown) => Promise<void> {
  return async (args) => {
    const given = isProblemActionArgs(args) ? args : undefined;
    const target = await commandTarget(
      host,
      given && { uri: given.uri, line: given.diagnostic.range.start.line },
    );
    if (!target) return;
    const { document } = target;
    const diagnostic = given?.diagnostic ?? diagnosticsAt(document.uri, target.line)[0];
    if (!diagnostic) {
      host.notify("noProblemUnderCursor");
      return;
    }
    const message = problemMessage(action, document, diagnostic, host.relativePath(document.uri));
    await deps.startNewThreadWithPrompt(message.text, message.attachments);
  };
}
