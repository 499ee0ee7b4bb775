import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import {
  mentionCandidate,
  resolveMentionPath,
} from "../../../extension/bridge/handlers/composerSearchFiles";
import { handlerHarness } from "./handlerHarness";

describe("composer handlers", () => {
  describe("composer/searchFiles", () => {
    it("resolves index paths (folder-prefixed in multi-root) against the workspace folders", () => {
      const one = [{ name: "proj", path: "/w/proj" }];
      assert.equal(resolveMentionPath("src/a.ts", one, path.posix), "/w/proj/src/a.ts");
      // In one folder a first segment named like the folder is a subfolder, not the prefix.
      assert.equal(resolveMentionPath("proj/a.ts", one, path.posix), "/w/proj/proj/a.ts");
      const two = [...one, { name: "lib", path: "/elsewhere/lib" }];
      assert.equal(resolveMentionPath("lib/x/y.ts", two, path.posix), "/elsewhere/lib/x/y.ts");
      assert.equal(resolveMentionPath("proj/a.ts", two, path.posix), "/w/proj/a.ts");
      assert.equal(resolveMentionPath("unknown/a.ts", two, path.posix), "/w/proj/unknown/a.ts");
      assert.equal(resolveMentionPath("a.ts", [], path.posix), null);
      assert.deepEqual(mentionCandidate("src/deep/a.ts", one, path.posix), {
        path: "/w/proj/src/deep/a.ts",
        label: "a.ts",
        description: "src/deep",
      });
      assert.deepEqual(mentionCandidate("README.md", one, path.posix), {
        path: "/w/proj/README.md",
        label: "README.md",
        description: "",
      });
      assert.deepEqual(mentionCandidate("lib/x/y.ts", two, path.posix), {
        path: "/elsewhere/lib/x/y.ts",
        label: "y.ts",
        description: "lib/x",
      });
    });

    it("searches the index for 50 at most and answers path, label and description", async () => {
      const { request, searches } = handlerHarness({
        mentionPaths: ["src/app.ts", "test/app.test.ts"],
        folders: [{ name: "w", path: "/w" }],
      });
      const answer = await request("composer/searchFiles", { query: "app" });
      assert.equal(answer.ok, true);
      assert.deepEqual(answer.result, {
        files: [
          { path: path.join("/w", "src/app.ts"), label: "app.ts", description: "src" },
          { path: path.join("/w", "test/app.test.ts"), label: "app.test.ts", description: "test" },
        ],
      });
      assert.deepEqual(searches, [{ query: "app", limit: 50 }]);
    });

    it("caps the results and refuses oversized or malformed queries", async () => {
      const many = Array.from({ length: 80 }, (_, i) => `f${i}.ts`);
      const { request } = handlerHarness({ mentionPaths: many });
      const answer = await request("composer/searchFiles", { query: "" });
      assert.equal((answer.result as { files: unknown[] }).files.length, 50);
      assert.equal((await request("composer/searchFiles", { query: "x".repeat(257) })).ok, false);
      assert.equal((await request("composer/searchFiles", { query: 1 })).ok, false);
      assert.equal((await request("composer/searchFiles", { query: "a", extra: 1 })).ok, false);
    });

    it("offers a typed line range on the matching files, and the context sources first", async () => {
      const asked: string[] = [];
      const { request, searches } = handlerHarness({
        mentionPaths: ["src/app.ts"],
        folders: [{ name: "w", path: "/w" }],
        contextMentions: {
          describe: async (query) => {
            asked.push(query);
            return [{ source: "problems", description: "1 problem in app.ts", available: true }];
          },
          resolve: async () => ({ attachment: null }),
        },
      });
      const answer = await request("composer/searchFiles", { query: "app.ts:10-40" });
      assert.deepEqual(answer.result, {
        files: [
          {
            path: path.join("/w", "src/app.ts"),
            label: "app.ts:10-40",
            description: "src",
            startLine: 10,
            endLine: 40,
          },
        ],
        contexts: [{ source: "problems", description: "1 problem in app.ts", available: true }],
      });
      assert.deepEqual(searches, [{ query: "app.ts", limit: 50 }], "the path part is searched");
      assert.deepEqual(asked, ["app.ts:10-40"]);
    });

    it("resolves a picked context, and refuses a source that does not exist", async () => {
      const picked: unknown[] = [];
      const attachment = {
        kind: "context" as const,
        source: "changes" as const,
        label: "1 file",
        text: "diff",
      };
      const { request } = handlerHarness({
        contextMentions: {
          describe: async () => [],
          resolve: async (params) => {
            picked.push(params);
            return { attachment };
          },
        },
      });
      const answer = await request("composer/resolveContext", { source: "changes" });
      assert.deepEqual(answer.result, { attachment });
      assert.deepEqual(picked, [{ source: "changes" }]);
      assert.equal((await request("composer/resolveContext", { source: "secrets" })).ok, false);
      assert.equal(
        (
          await request("composer/resolveContext", {
            source: "lines",
            path: "/w/a",
            startLine: 0,
            endLine: 1,
          })
        ).ok,
        false,
      );
    });

    it("reads a line range only from a file inside the workspace (not ~/.codex/auth.json)", async () => {
      const root = await fs.mkdtemp(path.join(os.tmpdir(), "codex-lines-"));
      try {
        const workspace = path.join(root, "w");
        await fs.mkdir(workspace);
        await fs.writeFile(path.join(workspace, "a.ts"), "one\ntwo\n");
        await fs.writeFile(path.join(root, "secret.json"), "token\n");
        await fs.symlink(path.join(root, "secret.json"), path.join(workspace, "link.json"));
        const asked: unknown[] = [];
        const { request } = handlerHarness({
          folders: [{ name: "w", path: workspace }],
          contextMentions: {
            describe: async () => [],
            resolve: async (params) => {
              asked.push(params);
              return { attachment: null };
            },
          },
        });
        const lines = (file: string) =>
          request("composer/resolveContext", {
            source: "lines",
            path: file,
            startLine: 1,
            endLine: 2,
          });
        for (const outside of [
          path.join(root, "secret.json"),
          path.join(workspace, "..", "secret.json"),
          path.join(workspace, "link.json"),
        ]) {
          const answer = await lines(outside);
          assert.equal(answer.ok, true);
          assert.equal((answer.result as { attachment: unknown }).attachment, null, outside);
        }
        assert.deepEqual(asked, [], "no file outside the workspace is read");
        await lines(path.join(workspace, "a.ts"));
        assert.deepEqual(asked, [
          { source: "lines", path: path.join(workspace, "a.ts"), startLine: 1, endLine: 2 },
        ]);
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });

    it("answers no files without an index (no workspace)", async () => {
      const { request } = handlerHarness();
      assert.deepEqual((await request("composer/searchFiles", { query: "a" })).result, {
        files: [],
      });
    });
  });

  describe("chat/send with the editor context", () => {
    const selection = {
      kind: "selection" as const,
      path: "/w/a.ts",
      startLine: 2,
      endLine: 3,
      text: "const a = 1;",
    };

    it("reads the editor context at send time and sends it with the message", async () => {
      const { port, request, events } = handlerHarness({ editorContext: selection });
      port.answer("thread/start", { thread: { id: "t1", name: null }, cwd: "/w", model: "m" });
      port.answer("turn/start", { turn: { id: "turn-1", status: "inProgress" } });
      const answer = await request("chat/send", {
        text: "explain",
        attachments: [],
        includeEditorContext: true,
      });
      assert.equal(answer.ok, true, answer.error);
      assert.deepEqual(events, ["editorContext read"]);
      const turn = port.calls.find((call) => call.method === "turn/start");
      const input = (turn?.params as { input: { type: string; text?: string }[] }).input;
      assert.equal(input.length, 2);
      assert.match(input[1]!.text ?? "", /\/w\/a\.ts \(lines 2-3\):\n```\nconst a = 1;\n```/);
    });

    it("does not read the editor without the toggle, nor attach the same selection twice", async () => {
      const off = handlerHarness({ editorContext: selection });
      off.port.answer("thread/start", { thread: { id: "t1", name: null }, cwd: "/w", model: "m" });
      off.port.answer("turn/start", { turn: { id: "turn-1", status: "inProgress" } });
      await off.request("chat/send", { text: "hi", attachments: [] });
      assert.deepEqual(off.events, []);

      const twice = handlerHarness({ editorContext: selection });
      twice.port.answer("thread/start", {
        thread: { id: "t1", name: null },
        cwd: "/w",
        model: "m",
      });
      twice.port.answer("turn/start", { turn: { id: "turn-1", status: "inProgress" } });
      await twice.request("chat/send", {
        text: "",
        attachments: [selection],
        includeEditorContext: true,
      });
      const turn = twice.port.calls.find((call) => call.method === "turn/start");
      assert.equal((turn?.params as { input: unknown[] }).input.length, 1);
    });

    it("rejects a non-boolean toggle", async () => {
      const { request } = handlerHarness();
      const answer = await request("chat/send", {
        text: "x",
        attachments: [],
        includeEditorContext: "yes",
      });
      assert.equal(answer.ok, false);
    });
  });
});
