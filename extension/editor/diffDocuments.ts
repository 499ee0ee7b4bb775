/**
 * Diffs of Codex's file changes in VS Code's diff editor. The left side is a virtual document
 * (`codex-original:`) holding the file's text before the change, reconstructed by undoing the
 * change's unified diff on the file as it is now (empty for an added file); the right side is the
 * file on disk. A turn's whole diff opens as an untitled `diff` document.
 */
import vscode = require("vscode");

import type { FileUpdateChange } from "../../protocol/codex/v2/FileUpdateChange";
import { originalText } from "../bridge/unifiedDiff";

export const ORIGINAL_SCHEME = "codex-original";
const MAX_ORIGINALS = 50;

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

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Opens `vscode.diff` of the change: original (virtual) ↔ the file now. */
export async function openFileDiff(
  originals: OriginalDocuments,
  change: FileUpdateChange,
  title: string,
): Promise<void> {
  const kind = change.kind;
  const currentPath = kind.type === "update" && kind.move_path ? kind.move_path : change.path;
  const fileUri = vscode.Uri.file(currentPath);
  const current = kind.type === "delete" ? undefined : await readText(fileUri);
  const original = originalText(change, current);
  if (original === null) {
    // The file moved on since (or is gone): show the change itself rather than a wrong diff.
    await openTurnDiff(change.diff, title);
    void vscode.window.showInformationMessage(
      "The file has changed since Codex edited it; showing Codex's diff instead.",
    );
    return;
  }
  const left = originals.add(change.path, original);
  const right = kind.type === "delete" ? originals.add(change.path, "") : fileUri;
  await vscode.commands.executeCommand("vscode.diff", left, right, title, { preview: true });
}

/** The whole unified diff as an untitled `diff` document. */
export async function openTurnDiff(diff: string, _title: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content: diff, language: "diff" });
  await vscode.window.showTextDocument(document, { preview: true });
}
