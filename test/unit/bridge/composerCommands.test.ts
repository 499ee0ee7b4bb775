/**
 * Issue 15, the host side of the composer's commands: `/fork`, `/fast`, the view-only commands
 * refused by the host, `composer/listSkills` (skills/list, refreshed after skills/changed, missing
 * on an older codex) and the `skill` inputs a message's `$name` mentions become.
 */
import assert from "node:assert/strict";

import { fastTierOf } from "../../../extension/bridge/fastTier";
import { emptyThread } from "../../../extension/bridge/chatState";
import { mentionedSkillNames, SkillCatalog } from "../../../extension/bridge/skills";
import { UnsupportedMethodError } from "../../../extension/connection/unsupportedMethods";
import type { SkillMetadata } from "../../../protocol/codex/v2/SkillMetadata";
import type { ModelOption } from "../../../protocol/webview/viewModel";
import { codexThread } from "./codexFixtures";
import { fakePort, nullLogger } from "./fakePort";
import { CodexConnection } from "../../../extension/connection/codexConnection";
import { wslPathMapper } from "../../../extension/wsl/wslPaths";
import { handlerHarness } from "./handlerHarness";

function skill(name: string, patch: Partial<SkillMetadata> = {}): SkillMetadata {
  return {
    name,
    description: `${name} does things`,
    path: `/home/u/.codex/skills/${name}/SKILL.md`,
    scope: "user",
    enabled: true,
    pluginId: null,
    ...patch,
  };
}

const model = (patch: Partial<ModelOption> = {}): ModelOption => ({
  model: "m",
  displayName: "Model M",
  description: "",
  efforts: [],
  defaultEffort: "medium",
  isDefault: true,
  ...patch,
});

describe("composer commands on the host (issue 15)", () => {
  describe("/fork", () => {
    it("forks the thread on screen and shows the copy", async () => {
      const harness = handlerHarness();
      harness.bridge.state.setThread(emptyThread("T1", "/w"));
      harness.port.answer("thread/fork", { thread: codexThread("T2") });
      harness.port.answer("thread/turns/list", {
        data: [],
        nextCursor: null,
        backwardsCursor: null,
      });
      harness.port.answer("thread/name/set", {});
      const answer = await harness.request("chat/slashCommand", { command: "fork", args: [] });
      assert.equal(answer.ok, true, answer.error);
      const fork = harness.port.calls.find((call) => call.method === "thread/fork");
      assert.equal((fork?.params as { threadId: string }).threadId, "T1");
      assert.equal(harness.bridge.state.thread?.id, "T2");
    });

    it("says there is nothing to fork before the first message", async () => {
      const harness = handlerHarness();
      const answer = await harness.request("chat/slashCommand", { command: "fork", args: [] });
      assert.equal(answer.ok, false);
      assert.match(answer.error ?? "", /no conversation to fork/);
      assert.deepEqual(harness.port.calls, []);
    });
  });

  describe("/fast", () => {
    it("turns the fast tier on and off for a model that has one", async () => {
      const harness = handlerHarness();
      const choice = harness.bridge.state.snapshot.modelChoice;
      harness.bridge.state.setModelChoice({ ...choice, models: [model({ fastTier: "fast" })] });
      await harness.request("chat/slashCommand", { command: "fast", args: [] });
      assert.equal(harness.bridge.state.snapshot.modelChoice.fast, true);
      await harness.request("chat/slashCommand", { command: "fast", args: [] });
      assert.equal(harness.bridge.state.snapshot.modelChoice.fast, false);
    });

    it("says so for a model without one", async () => {
      const harness = handlerHarness();
      const choice = harness.bridge.state.snapshot.modelChoice;
      harness.bridge.state.setModelChoice({ ...choice, models: [model()] });
      const answer = await harness.request("chat/slashCommand", { command: "fast", args: [] });
      assert.equal(answer.ok, false);
      assert.match(answer.error ?? "", /Model M offers no fast service tier/);
      assert.notEqual(harness.bridge.state.snapshot.modelChoice.fast, true);
    });

    it("finds the fast tier by id or name, or in the older additionalSpeedTiers", () => {
      const tier = (id: string, name: string) => ({ id, name, description: "" });
      assert.equal(
        fastTierOf({
          serviceTiers: [tier("flex", "Flex"), tier("priority", "Fast")],
          additionalSpeedTiers: [],
        }),
        "priority",
      );
      assert.equal(fastTierOf({ serviceTiers: [], additionalSpeedTiers: ["fast"] }), "fast");
      assert.equal(
        fastTierOf({ serviceTiers: [tier("flex", "Flex")], additionalSpeedTiers: [] }),
        undefined,
      );
    });
  });

  it("/model, /reasoning, /approvals and /skills are the view's: the host refuses them", async () => {
    const harness = handlerHarness();
    for (const command of ["model", "reasoning", "approvals", "skills"]) {
      const answer = await harness.request("chat/slashCommand", { command, args: [] });
      assert.equal(answer.ok, false, command);
    }
    assert.deepEqual(harness.port.calls, []);
  });

  describe("skills", () => {
    it("composer/listSkills: the workspace's enabled skills, sorted, once each, with short descriptions", async () => {
      const harness = handlerHarness();
      harness.port.answer("skills/list", {
        data: [
          {
            cwd: "/w",
            skills: [
              skill("tidy"),
              skill("deploy", {
                scope: "repo",
                interface: { shortDescription: "Short", iconSmallUrl: null, iconLargeUrl: null },
              }),
              skill("off", { enabled: false }),
              skill("tidy", { scope: "system" }),
            ],
            errors: [],
          },
        ],
      });
      const answer = await harness.request("composer/listSkills", {});
      assert.equal(answer.ok, true, answer.error);
      assert.deepEqual(answer.result, {
        skills: [
          { name: "deploy", description: "Short", scope: "repo" },
          { name: "tidy", description: "tidy does things", scope: "user" },
        ],
      });
      assert.deepEqual(harness.port.calls, [{ method: "skills/list", params: { cwds: ["/w"] } }]);
    });

    it("reads the list once, and again (bypassing codex's cache) after skills/changed", async () => {
      const port = fakePort();
      const catalog = new SkillCatalog({ port, cwd: () => "/w", logger: nullLogger() });
      port.answer("skills/list", { data: [{ cwd: "/w", skills: [skill("a")], errors: [] }] });
      await catalog.list();
      await catalog.list();
      assert.equal(port.calls.length, 1);
      catalog.notifications["skills/changed"]!({});
      port.answer("skills/list", {
        data: [{ cwd: "/w", skills: [skill("a"), skill("b")], errors: [] }],
      });
      assert.deepEqual(
        (await catalog.list()).map((view) => view.name),
        ["a", "b"],
      );
      assert.deepEqual(port.calls[1], {
        method: "skills/list",
        params: { cwds: ["/w"], forceReload: true },
      });
    });

    it("a codex without skills/list offers no skills instead of failing", async () => {
      const port = fakePort();
      port.answer("skills/list", () => {
        throw new UnsupportedMethodError("skills/list");
      });
      const catalog = new SkillCatalog({ port, cwd: () => "/w", logger: nullLogger() });
      assert.deepEqual(await catalog.list(), []);
    });

    it("turns each $mention of a listed skill into a skill input, as the codex CLI does", async () => {
      const port = fakePort();
      port.answer("skills/list", {
        data: [{ cwd: "/w", skills: [skill("demo"), skill("x.y")], errors: [] }],
      });
      const catalog = new SkillCatalog({ port, cwd: () => "/w", logger: nullLogger() });
      await catalog.list();
      assert.deepEqual(
        catalog.inputsFor("use $demo, then ($x.y) and $demo again; not a$demo or $unknown"),
        [
          { type: "skill", name: "demo", path: "/home/u/.codex/skills/demo/SKILL.md" },
          { type: "skill", name: "x.y", path: "/home/u/.codex/skills/x.y/SKILL.md" },
        ],
      );
      assert.deepEqual(mentionedSkillNames("$a $b-c\n$a"), ["a", "b-c"]);
      assert.deepEqual(catalog.inputsFor("costs $5"), []);
    });

    it("under WSL: asks for the folder's Linux path, and the skill's SKILL.md goes back as codex's own path", async () => {
      const port = fakePort();
      const linuxPath = "/home/me/.codex/skills/demo/SKILL.md";
      port.answer("skills/list", {
        data: [{ cwd: "/mnt/c/work", skills: [skill("demo", { path: linuxPath })], errors: [] }],
      });
      port.answer("turn/start", { turn: { id: "u" } });
      const connection = new CodexConnection(port, () => wslPathMapper({ distro: "Ubuntu" }));
      const catalog = new SkillCatalog({
        port: connection,
        cwd: () => "C:\\work",
        logger: nullLogger(),
      });
      await catalog.list();
      assert.deepEqual(port.calls[0]!.params, { cwds: ["/mnt/c/work"] });
      await connection.request("turn/start", {
        threadId: "t",
        input: catalog.inputsFor("use $demo"),
      });
      const sent = port.calls[1]!.params as { input: { path: string }[] };
      assert.equal(sent.input[0]!.path, linuxPath);
    });
  });
});
