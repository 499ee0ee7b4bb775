/**
 * Where an editor command acts: the document and line its arguments name (a code action's or a
 * CodeLens'), opened; without arguments, the active editor's document at its cursor. With
 * neither, the user is told there is no editor.
 */
import type { DocumentLike, EditorHost, UriLike } from "./host";

export interface CommandTarget {
  document: DocumentLike;
  line: number;
}

export async function commandTarget(
  host: Pick<EditorHost, "activeEditor" | "openDocument" | "notify">,
  given: { uri: UriLike; line: number } | undefined,
): Promise<CommandTarget | undefined> {
  if (given) return { document: await host.openDocument(given.uri), line: given.line };
  const editor = host.activeEditor();
  if (!editor) {
    host.notify("noActiveEditor");
    return undefined;
  }
  return { document: editor.document, line: editor.selection.active.line };
}
