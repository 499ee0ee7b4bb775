/**
 * Issue 15 against the real, pinned codex and the mock model: the `$` menu's skills come from
 * `skills/list` (a user skill in the test CODEX_HOME), a picked `$skill` reaches the model with
 * its SKILL.md, a skill added while codex runs is listed after `skills/changed`, `/fast` sends
 * the model's fast service tier, and `/fork` continues in a copy of the thread.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import { registerWebviewHandlers } from "../../extension/bridge/handlers/index";
import { HostChannel } from "../../protocol/webview/channel";
import type { SkillView } from "../../protocol/webview/viewModel";
import { waitForState, turnsDone } from "../support/bridgeState";
import { text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { waitUntil } from "../support/waitUntil";

const SKILL_BODY = "When this skill is used, always end the answer with SKILL-MARKER-7f3a.";

describe("composer commands against the real codex (issue 15)", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;
  let request: (
    method: string,
    params: unknown,
  ) => Promise<{ ok: boolean; result?: unknown; error?: string }>;

  async function start(options: Parameters<typeof startCodexHarness>[0] = {}) {
    harness = await startCodexHarness({
      approvalPolicy: "never",
      sandboxMode: "read-only",
      skills: [
        {
          name: "marker-skill",
          description: "Ends every answer with a marker (test fixture)",
          body: SKILL_BODY,
        },
      ],
      ...options,
    });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger([]),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    await bridge.refreshAfterConnect().catch(() => undefined);
    const posted: { id?: number; ok?: boolean; result?: unknown; error?: string }[] = [];
    const channel = new HostChannel((message) => posted.push(message as never), {
      warn: () => undefined,
    });
    registerWebviewHandlers(channel, {
      bridge,
      editor: {
        openExternal: async () => false,
        writeClipboard: async () => undefined,
        workspaceFolders: () => [harness.workspace.dir],
        openFile: async () => undefined,
        readText: async () => undefined,
        openDiff: async () => undefined,
        openChanges: async () => undefined,
        editorContextAttachment: async () => undefined,
      },
      restartAppServer: async () => undefined,
      slash: {
        reviewDelivery: () => "inline",
        confirmFeedback: async () => null,
        feedbackSent: () => undefined,
      },
      guard: {
        confirmAccountChange: async () => false,
        manageWorkspaceTrust: async () => {},
        confirmApproveDenied: async () => false,
      },
    });
    let nextId = 1;
    request = async (method, params) => {
      const id = nextId++;
      await channel.receive({ kind: "request", id, method, params });
      return posted.find((message) => message.id === id) as never;
    };
  }

  afterEach(async () => {
    bridge?.dispose();
    await harness?.dispose();
  });

  it("lists the CODEX_HOME skill, and a picked $skill reaches the model with its SKILL.md", async () => {
    await start();
    const listed = await request("composer/listSkills", {});
    assert.equal(listed.ok, true, listed.error);
    const skills = (listed.result as { skills: SkillView[] }).skills;
    const fixture = skills.find((skill) => skill.name === "marker-skill");
    assert.deepEqual(fixture, {
      name: "marker-skill",
      description: "Ends every answer with a marker (test fixture)",
      scope: "user",
    });

    harness.model.enqueue(text("Done with the skill."));
    // What the composer sends after the pick: `$marker-skill ` written into the text.
    const sent = await request("chat/send", { text: "Use $marker-skill please", attachments: [] });
    assert.equal(sent.ok, true, sent.error);
    await waitForState(bridge, turnsDone(1), "the turn ends");
    const body = JSON.stringify(harness.model.requests.at(-1));
    assert.ok(body.includes("Use $marker-skill please"), "the user's words");
    assert.ok(body.includes("SKILL-MARKER-7f3a"), "the skill's SKILL.md reached the model");
    // As the codex CLI does, the mention also goes as a `skill` input (codex 0.169.0 would find
    // a plain `$name` in the text too; this is what pins the skill to the listed SKILL.md).
    const userMessage = bridge.state.thread!.turns[0]!.items.find(
      (item) => item.type === "userMessage",
    );
    assert.ok(
      JSON.stringify(userMessage).includes('"type":"skill","name":"marker-skill"'),
      `a skill input was sent: ${JSON.stringify(userMessage)}`,
    );
  });

  it("a plain message without the mention does not carry the skill", async () => {
    await start();
    await request("composer/listSkills", {});
    harness.model.enqueue(text("ok"));
    await request("chat/send", { text: "No skill here", attachments: [] });
    await waitForState(bridge, turnsDone(1), "the turn ends");
    assert.ok(!JSON.stringify(harness.model.requests.at(-1)).includes("SKILL-MARKER-7f3a"));
  });

  it("lists a skill added while codex runs, after codex's skills/changed", async () => {
    await start();
    // codex watches the skill folders of the threads it has loaded.
    harness.model.enqueue(text("ok"));
    await request("chat/send", { text: "hello", attachments: [] });
    await waitForState(bridge, turnsDone(1), "the turn ends");
    await request("composer/listSkills", {});
    const changed: unknown[] = [];
    harness.port.onNotification((n) => {
      if (n.method === "skills/changed") changed.push(n);
    });
    const folder = path.join(harness.home.dir, "skills", "added-later");
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, "SKILL.md"),
      "---\nname: added-later\ndescription: Added while codex ran\n---\n\nBody.\n",
    );
    await waitUntil(
      async () => {
        const listed = await request("composer/listSkills", {});
        return (listed.result as { skills: SkillView[] }).skills.some(
          (skill) => skill.name === "added-later",
        );
      },
      () => `the new skill is listed (skills/changed seen ${changed.length} times)`,
      30_000,
      // Each poll is a skills/list round trip.
      200,
    );
    assert.ok(changed.length > 0, "codex said the skills changed");
  });

  it("/fast sends the model's fast service tier; off again, the next turn clears it", async () => {
    await start({
      serviceTiers: [{ id: "priority", name: "Fast", description: "Fastest inference" }],
    });
    const option = bridge.state.snapshot.modelChoice.models.find(
      (model) => model.model === "mock-model",
    );
    assert.equal(option?.fastTier, "priority", "model/list offers the catalog's fast tier");
    const on = await request("chat/slashCommand", { command: "fast", args: [] });
    assert.equal(on.ok, true, on.error);
    harness.model.enqueue(text("fast"), text("normal"));
    await request("chat/send", { text: "quick one", attachments: [] });
    await waitForState(bridge, turnsDone(1), "the first turn ends");
    const fastRequest = harness.model.requests.at(-1) as { service_tier?: string };
    assert.equal(fastRequest.service_tier, "priority");

    await request("chat/slashCommand", { command: "fast", args: [] });
    await request("chat/send", { text: "slow one", attachments: [] });
    await waitForState(bridge, turnsDone(2), "the second turn ends");
    const normalRequest = harness.model.requests.at(-1) as { service_tier?: string };
    assert.notEqual(normalRequest.service_tier, "priority");
  });

  it("/fork continues in a copy that has the conversation so far", async () => {
    await start();
    harness.model.enqueue(text("The original answer."));
    await request("chat/send", { text: "Remember FORK-SOURCE-42", attachments: [] });
    await waitForState(bridge, turnsDone(1), "the turn ends");
    const original = bridge.state.thread!.id;
    const forked = await request("chat/slashCommand", { command: "fork", args: [] });
    assert.equal(forked.ok, true, forked.error);
    const copy = bridge.state.thread!;
    assert.notEqual(copy.id, original);
    assert.equal(copy.turns.length, 1, "the copy shows the turn so far");
    harness.model.enqueue(text("In the copy."));
    await request("chat/send", { text: "Go on", attachments: [] });
    await waitForState(bridge, turnsDone(2), "the copy's turn ends");
    const body = JSON.stringify(harness.model.requests.at(-1));
    assert.ok(body.includes("FORK-SOURCE-42"), "the copy's model request has the history");
  });
});
