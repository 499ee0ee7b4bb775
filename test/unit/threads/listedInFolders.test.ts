/**
 * Which started threads the Threads tree shows before codex lists them: those `thread/list`
 * with the workspace folders as its cwd filter will list (an exact cwd match, on disk, an
 * interactive source).
 */
import assert from "node:assert/strict";

import { listedInFolders } from "../../../extension/threads/listedInFolders";
import type { Thread } from "../../../protocol/codex/v2/Thread";

const started = (cwd: string, more: Partial<Pick<Thread, "ephemeral" | "source">> = {}) => ({
  cwd,
  ephemeral: false,
  source: "vscode" as Thread["source"],
  ...more,
});

describe("a started thread listed in the workspace folders", () => {
  it("is one whose cwd is a folder, exactly: not a folder below or beside it", () => {
    const folders = ["/home/me/app", "/home/me/lib"];
    assert.equal(listedInFolders(started("/home/me/lib"), folders), true);
    assert.equal(listedInFolders(started("/home/me/app/"), folders), true);
    assert.equal(listedInFolders(started("/home/me/app/src"), folders), false);
    assert.equal(listedInFolders(started("/home/me/apps"), folders), false);
    assert.equal(listedInFolders(started("/home/me/App"), folders), false);
    assert.equal(listedInFolders(started("/home/me/app"), []), false);
  });

  it("matches a Windows folder however the WSL mapping spells its drive and separators", () => {
    assert.equal(listedInFolders(started("C:\\src\\app"), ["c:\\src\\app"]), true);
    assert.equal(listedInFolders(started("C:/src/app/"), ["c:\\src\\app"]), true);
    assert.equal(
      listedInFolders(started("\\\\wsl.localhost\\Ubuntu\\home\\me"), [
        "\\\\wsl.localhost\\ubuntu\\home\\me",
      ]),
      true,
    );
    assert.equal(listedInFolders(started("C:\\src\\app\\sub"), ["c:\\src\\app"]), false);
  });

  it("is never an ephemeral thread or a sub-agent's", () => {
    assert.equal(listedInFolders(started("/ws", { ephemeral: true }), ["/ws"]), false);
    const subAgent = { subAgent: "review" } as unknown as Thread["source"];
    assert.equal(listedInFolders(started("/ws", { source: subAgent }), ["/ws"]), false);
    assert.equal(listedInFolders(started("/ws", { source: "cli" }), ["/ws"]), true);
  });
});
