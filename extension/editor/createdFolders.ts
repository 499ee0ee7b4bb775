/**
 * Folders that appeared in the workspace, listed for the @-mention index. The file watcher may
 * report a new folder without the files it arrived with, so each is listed; a clone or an unzip
 * reports every nested folder too, so the folders reported together are listed once, from the
 * top-most ones, one listing at a time. No `vscode` here: vscodeHost.ts supplies the listing.
 */

/** The paths of `folders` that are not inside another of them (`/`-separated, no trailing `/`). */
export function topMostFolders(folders: Iterable<string>): string[] {
  const sorted = [...new Set(folders)].sort();
  const top: string[] = [];
  for (const folder of sorted) {
    const last = top[top.length - 1];
    if (last === undefined || !folder.startsWith(`${last}/`)) top.push(folder);
  }
  return top;
}

export class CreatedFolders {
  private pending = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(private readonly listFolder: (folder: string) => Promise<void>) {}

  /** A folder appeared; it is listed after the events already queued with it have arrived. */
  add(folder: string): Promise<void> {
    this.pending.add(folder);
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<void> {
    // Let the rest of the watcher's batch arrive first (it is delivered in one task).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.size > 0) {
      const folders = topMostFolders(this.pending);
      this.pending.clear();
      for (const folder of folders) await this.listFolder(folder);
    }
  }
}
