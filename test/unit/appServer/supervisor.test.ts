import assert from "node:assert/strict";

import { AppServerStartError, AppServerSupervisor } from "../../../extension/appServer/supervisor";
import { silentLogger } from "../../../extension/log";

describe("AppServerSupervisor (no codex needed)", () => {
  it("ends in `failed` instead of hanging when the start loop itself throws", async () => {
    const supervisor = new AppServerSupervisor({
      // spawn() throws synchronously on a NUL byte in an argument: not a spawn error event.
      launch: async () => ({
        command: process.execPath,
        args: ["app-server\0"],
        env: {},
        describe: "node with a broken argument",
      }),
      logger: silentLogger,
      clientInfo: { name: "test", title: null, version: "0" },
    });
    try {
      await assert.rejects(supervisor.ensureStarted(), (error: unknown) => {
        assert.ok(error instanceof AppServerStartError);
        assert.match(error.message, /unexpected error/);
        return true;
      });
      assert.equal(supervisor.state.kind, "failed");
    } finally {
      await supervisor.stop();
    }
  });
});
