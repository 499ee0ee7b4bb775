import * as assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

import {
  hasExited,
  killProcessTreeNow,
  terminateProcessTree,
  waitForExit,
  windowsTreeKillCommand,
} from "../../../extension/appServer/processTree";
import { descendantsOf, readParentTable } from "../../../extension/appServer/processTable";
import { waitUntil } from "../../support/waitUntil";

/** PIDs of live (non-zombie) processes in process group `pgid`, from `ps`. */
function groupMembers(pgid: number): number[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,pgid=,stat="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith("Z"),
    )
    .map(([pid]) => Number(pid));
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state field follows the parenthesised command name.
    return !/\)\s+Z/.test(stat);
  } catch {
    return false;
  }
}

const posix = process.platform !== "win32";

describe("processTree", () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) killProcessTreeNow(child);
  });

  function spawnTree(script: string): ChildProcess {
    const child = spawn("sh", ["-c", script], {
      stdio: ["pipe", "ignore", "ignore"],
      detached: true,
    });
    started.push(child);
    return child;
  }

  (posix ? describe : describe.skip)("POSIX", () => {
    it("kills a real `sh -c 'sleep 100 & sleep 100'` tree and leaves no process", async () => {
      const child = spawnTree("sleep 100 & sleep 100");
      const pgid = child.pid!;
      await waitUntil(() => groupMembers(pgid).length >= 3, "sh and both sleeps", 5000);
      const members = groupMembers(pgid);

      await terminateProcessTree(child, { graceMs: 3000 });

      assert.ok(hasExited(child));
      assert.equal(child.stdin?.writableEnded, true, "stdin is closed");
      await waitUntil(() => members.every((pid) => !isAlive(pid)), "every member to die", 2000);
      assert.deepEqual(groupMembers(pgid), []);
    });

    it("also ends a descendant that moved to its own session (setsid), which a group kill misses", async () => {
      // Like codex's login-shell snapshot: the grandchild leads a new session and group.
      const child = spawnTree("setsid sleep 101 & echo $! > /dev/null; sleep 100");
      const descendants = () => descendantsOf(child.pid!, readParentTable());
      await waitUntil(() => descendants().length >= 2, "both sleeps", 5000);
      const escaped = descendants();

      await terminateProcessTree(child, { graceMs: 3000 });

      await waitUntil(() => escaped.every((pid) => !isAlive(pid)), "every descendant gone", 5000);
    });

    it("SIGKILLs a tree that ignores SIGTERM after the grace period", async () => {
      const child = spawnTree("trap '' TERM; sleep 100 & sleep 100");
      const pgid = child.pid!;
      await waitUntil(() => groupMembers(pgid).length >= 3, "sh and both sleeps", 5000);
      const members = groupMembers(pgid);

      const started = Date.now();
      await terminateProcessTree(child, { graceMs: 300 });
      const elapsed = Date.now() - started;

      assert.equal(child.signalCode, "SIGKILL");
      assert.ok(elapsed >= 250, `waited the grace period (${elapsed} ms)`);
      await waitUntil(() => members.every((pid) => !isAlive(pid)), "every member to die", 2000);
    });

    it("sweeps group members that outlive a leader which already exited", async () => {
      // The leader exits at once; its background sleep stays in the group.
      const child = spawnTree("sleep 100 & exit 0");
      const pgid = child.pid!;
      await waitForExit(child, 5000);
      await waitUntil(() => groupMembers(pgid).length >= 1, "the orphaned sleep", 5000);
      const [orphan] = groupMembers(pgid);

      await terminateProcessTree(child, { graceMs: 1000 });

      await waitUntil(() => !isAlive(orphan!), "the orphan to die", 2000);
    });

    it("killProcessTreeNow kills the group synchronously", async () => {
      const child = spawnTree("sleep 100 & sleep 100");
      const pgid = child.pid!;
      await waitUntil(() => groupMembers(pgid).length >= 3, "sh and both sleeps", 5000);
      const members = groupMembers(pgid);
      killProcessTreeNow(child);
      assert.equal(await waitForExit(child, 5000), true);
      await waitUntil(() => members.every((pid) => !isAlive(pid)), "every member to die", 2000);
    });
  });

  it("resolves without throwing for a process that already exited", async () => {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "pipe", detached: posix });
    started.push(child);
    assert.equal(await waitForExit(child, 5000), true);
    await terminateProcessTree(child, { graceMs: 100 });
    killProcessTreeNow(child);
  });

  it("resolves without throwing for a process that never started (ENOENT)", async () => {
    const child = spawn("/nonexistent/definitely-not-codex", [], { stdio: "pipe" });
    const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
    await terminateProcessTree(child, { graceMs: 100 });
    killProcessTreeNow(child);
    assert.match((await spawnError).message, /ENOENT/);
  });

  describe("windowsTreeKillCommand", () => {
    it("builds taskkill /PID <pid> /T /F by full path from SystemRoot", () => {
      assert.deepEqual(windowsTreeKillCommand(4242, { SystemRoot: "C:\\Windows" }), {
        command: "C:\\Windows\\System32\\taskkill.exe",
        args: ["/PID", "4242", "/T", "/F"],
      });
    });

    it("accepts the other spellings of the Windows folder", () => {
      assert.equal(
        windowsTreeKillCommand(1, { SYSTEMROOT: "D:\\WIN" }).command,
        "D:\\WIN\\System32\\taskkill.exe",
      );
      assert.equal(
        windowsTreeKillCommand(1, { windir: "E:\\W" }).command,
        "E:\\W\\System32\\taskkill.exe",
      );
    });

    it("falls back to the bare name without SystemRoot", () => {
      assert.deepEqual(windowsTreeKillCommand(7, {}), {
        command: "taskkill.exe",
        args: ["/PID", "7", "/T", "/F"],
      });
    });

    it("refuses a pid that is not a positive integer (never /PID 0 or a negative group)", () => {
      for (const pid of [0, -5, 1.5, Number.NaN]) {
        assert.throws(() => windowsTreeKillCommand(pid, {}), RangeError);
      }
    });
  });
});
