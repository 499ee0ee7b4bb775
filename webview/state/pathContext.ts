/**
 * Where the transcript's paths are shown relative to: an approval card and a command row use this
 * one hook, so a multi-root workspace shows a path the same way in both.
 */
import type { WorkspaceFolderView } from "../../protocol/webview/viewModel";
import { pathContext, type PathContext } from "../../protocol/webview/workspacePath";
import { useSelector } from "./store";

/** `approvalFolders`: the folders an approval was asked with, which win over today's. */
export function usePathContext(approvalFolders?: readonly WorkspaceFolderView[]): PathContext {
  const cwd = useSelector((state) => state.view?.thread?.cwd ?? null);
  const folders = useSelector((state) => state.view?.workspaceFolders);
  return pathContext(approvalFolders ?? folders, cwd);
}
