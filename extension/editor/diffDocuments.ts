/**
 * Codex's changes in VS Code's own diff editors. Text that is not a file on disk (a file before a
 * change, a proposal not yet applied) is served read-only from the `codex-original:` scheme, so
 * reviewing never creates an Untitled buffer that asks to be saved.
 */
import vscode = require("vscode");

import type { ReviewFile } from "../bridge/handlers/index";

export const ORIGINAL_SCHEME = "codex-original";
/** Texts kept for open diff editors; a multi-file review of a large turn fits. */
const MAX_ORIGINALS = 500;

export class OriginalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? "";
  }

  /** A read-only document with `text`, named after `filePath`. */
  add(filePath: string, text: string): vscode.Uri {
    const key = String(++this.counter);
    this.texts.set(key, text);
    while (this.texts.size > MAX_ORIGINALS) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
    return vscode.Uri.file(filePath).with({ scheme: ORIGINAL_SCHEME, query: key });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

export async function readText(filePath: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(filePath)));
  } catch {
    return undefined;
  }
}

function sides(originals: OriginalDocuments, file: ReviewFile): [vscode.Uri, vscode.Uri] {
  const left = originals.add(file.path, file.before);
  const right =
    file.after === "disk" ? vscode.Uri.file(file.path) : originals.add(file.path, file.after);
  return [left, right];
}

/** `vscode.diff` of one file. */
export async function openDiff(
  originals: OriginalDocuments,
  file: ReviewFile,
  title: string,
): Promise<void> {
  const [left, right] = sides(originals, file);
  await vscode.commands.executeCommand("vscode.diff", left, right, title, { preview: true });
}

/** VS Code's multi-file diff editor (`vscode.changes`) of several files. */
export async function openChanges(
  originals: OriginalDocuments,
  files: readonly ReviewFile[],
  title: string,
): Promise<void> {
  const entries = files.map((file) => [vscode.Uri.file(file.path), ...sides(originals, file)]);
  await vscode.commands.executeCommand("vscode.changes", title, entries);
}
