/**
 * Composer attachments through the bridge against the real, pinned codex and the mock model:
 * what of an @-mentioned file, an editor selection and a pasted image actually reaches the model.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import { parseSelectionContext } from "../../protocol/webview/selectionContext";
import { userMessageText } from "../../protocol/webview/threadTitle";
import { waitForState } from "../support/bridgeState";
import { text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";

/** A 1×1 PNG. */
const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

describe("attachments against the real codex", function () {
  this.timeout(60_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;

  beforeEach(async () => {
    harness = await startCodexHarness({
      approvalPolicy: "never",
      sandboxMode: "read-only",
      inputModalities: ["text", "image"],
    });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger([]),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
  });

  afterEach(async () => {
    bridge.dispose();
    await harness.dispose();
  });

  async function send(attachments: Parameters<ChatBridge["threads"]["send"]>[1]) {
    harness.model.enqueue(text("Seen."));
    await bridge.threads.send("Look at this", attachments);
    await harness.model.waitForRequests(1, 20_000);
    return JSON.stringify(harness.model.requests.at(-1));
  }

  it("an @-mentioned file reaches the model by its path (codex drops a bare file mention)", async () => {
    const file = path.join(harness.workspace.dir, "app.ts");
    writeFileSync(file, "export const answer = 42;\n");
    const request = await send([{ kind: "file", path: file }]);
    assert.ok(request.includes(file), "the path is in the model request");
    assert.match(request, /Attached files \(read them as needed\)/);
  });

  it("a selection reaches the model with its path, lines and text", async () => {
    const request = await send([
      { kind: "selection", path: "/w/src/b.ts", startLine: 3, endLine: 4, text: "let x = 1;" },
    ]);
    assert.ok(request.includes("Selected code from /w/src/b.ts (lines 3-4):"));
    assert.ok(request.includes("let x = 1;"));
    // codex echoes the selection as its own part, so the transcript shows the words and a chip.
    const echoed = await waitForState(
      bridge,
      (state) =>
        state.thread?.turns.some((turn) =>
          turn.items.some((item) => item.type === "userMessage"),
        ) ?? false,
      "the echoed user message",
    );
    const message = echoed.thread!.turns[0]!.items.find((item) => item.type === "userMessage");
    assert.ok(message?.type === "userMessage");
    assert.equal(userMessageText(message), "Look at this");
    assert.deepEqual(
      message.content.flatMap((part) =>
        part.type === "text" ? [parseSelectionContext(part.text)] : [],
      ),
      [null, { path: "/w/src/b.ts", startLine: 3, endLine: 4, text: "let x = 1;" }],
    );
  });

  it("a pasted image reaches the model as an input image", async () => {
    const request = await send([{ kind: "image", name: "dot.png", dataUrl: PNG }]);
    assert.match(request, /"type":"input_image"/);
    assert.ok(request.includes(PNG.slice(0, 60)), "the data URL is passed through");
  });
});
