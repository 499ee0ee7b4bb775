/**
 * "Implement with Codex" for a TODO or FIXME comment: the prompt (a pure function) and the
 * command handler, which finds the TODO from the CodeLens arguments or under the cursor and
 * starts a new thread with it.
 */
import type { Attachment } from "../../protocol/webview/messages";
import type { EditorFeatureDeps, EditorHost, UriLike } from "./host";
import { isUriLike } from "./host";
import { commandTarget } from "./commandTarget";
import { selectionContextText } from "../../protocol/webview/selectionContext";
import { fileAttachment } from "./selectionContext";
import { type TodoComment, findTodoComments } from "./todo/index";

/** Lines of code shown around the TODO: this many before it and after it. */
export const CONTEXT_LINES = 20;

export interface ImplementTodoPromptInput {
  todo: Pick<TodoComment, "line" | "endLine" | "text" | "marker">;
  /** Path relative to the workspace folder. */
  relativePath: string;
  languageId: string;
  /** The whole document. */
  documentText: string;
  /** Lines before and after the TODO to include (default {@link CONTEXT_LINES}). */
  contextLines?: number;
}

function lineRange(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/**
 * The window of lines around the TODO (0-based, inclusive): `contextLines` either side, moved
 * inwards at the start or end of the file so it still shows about as many lines.
 */
export function contextWindow(
  todo: { line: number; endLine: number },
  lineCount: number,
  contextLines = CONTEXT_LINES,
): { first: number; last: number } {
  const lastLine = Math.max(0, lineCount - 1);
  let first = todo.line - contextLines;
  let last = todo.endLine + contextLines;
  if (first < 0) {
    last = Math.min(lastLine, last - first);
    first = 0;
  }
  if (last > lastLine) {
    first = Math.max(0, first - (last - lastLine));
    last = lastLine;
  }
  return { first, last };
}

/**
 * The first message of the thread that implements `todo`: what to do (the words the user sees in
 * their message) and the code around the TODO (sent as a selection, shown as a chip whose hover
 * is the code). Line numbers are 1-based.
 */
export function buildImplementTodoPrompt(input: ImplementTodoPromptInput): {
  text: string;
  code: { startLine: number; endLine: number; text: string };
} {
  const { todo, relativePath, documentText } = input;
  const lines = documentText.split(/\r?\n/);
  const { first, last } = contextWindow(todo, lines.length, input.contextLines);
  const where = `\`${relativePath}\` (${lineRange(todo.line + 1, todo.endLine + 1)})`;
  const verb = todo.marker === "FIXME" ? "Fix the FIXME" : "Implement the TODO";
  const described = todo.text.trim();
  const quoted = described
    ? described
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n")
    : `> (no description: infer what is missing from the code around it)`;
  const text = [
    `${verb} comment in ${where}:`,
    "",
    quoted,
    "",
    `Make the change the comment asks for, following the style of the surrounding code, and remove the ${todo.marker} comment once it is done. Keep unrelated code as it is.`,
  ].join("\n");
  return {
    text,
    code: {
      startLine: first + 1,
      endLine: last + 1,
      text: lines.slice(first, last + 1).join("\n"),
    },
  };
}

/** The TODO whose lines include `line` (0-based), if any. */
export function todoAtLine(todos: readonly TodoComment[], line: number): TodoComment | undefined {
  return todos.find((todo) => todo.line <= line && line <= todo.endLine);
}

/** The CodeLens arguments: `{ uri, line }` with a 0-based line. */
export interface ImplementTodoArgs {
  uri: UriLike;
  line: number;
}

function isImplementTodoArgs(value: unknown): value is ImplementTodoArgs {
  return (
    typeof value === "object" &&
    value !== null &&
    isUriLike((value as ImplementTodoArgs).uri) &&
    Number.isInteger((value as ImplementTodoArgs).line) &&
    (value as ImplementTodoArgs).line >= 0
  );
}

type ImplementTodoDeps = Pick<EditorFeatureDeps, "openSidebar" | "startNewThreadWithPrompt">;

/**
 * `chatgpt.implementTodo`: with CodeLens arguments, the TODO on that line of that document;
 * without, the TODO under the active editor's cursor. Tells the user when there is none.
 */
export function createImplementTodoCommand(
  deps: ImplementTodoDeps,
  host: EditorHost,
): (args?: unknown) => Promise<void> {
  return async (args) => {
    const target = await commandTarget(host, isImplementTodoArgs(args) ? args : undefined);
    if (!target) return;
    const { document, line } = target;
    const documentText = document.getText();
    const todo = todoAtLine(findTodoComments(documentText, document.languageId), line);
    if (!todo) {
      host.notify(isImplementTodoArgs(args) ? "todoNotFound" : "noTodoUnderCursor");
      return;
    }
    const prompt = buildImplementTodoPrompt({
      todo,
      relativePath: host.relativePath(document.uri),
      languageId: document.languageId,
      documentText,
    });
    const file = fileAttachment(document.uri);
    const attachments: Attachment[] = file
      ? [file, { kind: "selection", path: file.path, ...prompt.code }]
      : [];
    await deps.openSidebar();
    // Without a file on disk there is no chip to carry the code: it goes in the message.
    await deps.startNewThreadWithPrompt(
      file
        ? prompt.text
        : `${prompt.text}\n\n${selectionContextText({ path: host.relativePath(document.uri), ...prompt.code })}`,
      attachments,
    );
  };
}
