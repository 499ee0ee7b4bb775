import assert from "node:assert/strict";

import type { CommandExecutionRequestApprovalParams } from "../../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import type { ApprovalRequestView } from "../../../protocol/webview/viewModel";
import {
  QUICK_COMMAND_MAX_LENGTH,
  quickCommandApproval,
  quickCommandText,
  type WaitingApproval,
} from "../../../extension/threads/quickCommandApproval";

function command(
  text: string | null,
  extra: Partial<CommandExecutionRequestApprovalParams> = {},
): ApprovalRequestView {
  return {
    kind: "command",
    params: {
      kind: "command",
      threadId: "t",
      turnId: "u",
      itemId: "i",
      startedAtMs: 0,
      environmentId: "local",
      command: text,
      cwd: "/w",
      ...extra,
    },
  };
}

function waiting(request: ApprovalRequestView, answers: ApprovalAnswer[] = []): WaitingApproval {
  return {
    request,
    answer: (answer) => {
      answers.push(answer);
      return true;
    },
  };
}

describe("quick command approval (notification buttons)", () => {
  it("shows a one-line command as the card does: codex's shell wrapper removed", () => {
    assert.equal(quickCommandText(command("/bin/bash -lc 'npm test'")), "npm test");
    assert.equal(quickCommandText(command("/bin/zsh -lc 'ls -la'")), "ls -la");
    assert.equal(quickCommandText(command("git status")), "git status");
  });

  it("refuses a script of several lines, a tab or a carriage return", () => {
    assert.equal(quickCommandText(command("/bin/bash -lc 'cd /tmp\nrm -rf x'")), undefined);
    assert.equal(quickCommandText(command("echo a\necho b")), undefined);
    assert.equal(quickCommandText(command("echo a\tb")), undefined);
    assert.equal(quickCommandText(command("echo safe\rrm -rf ~")), undefined);
  });

  it("refuses a command longer than fits a notification", () => {
    const fits = `echo ${"x".repeat(QUICK_COMMAND_MAX_LENGTH - 5)}`;
    assert.equal(fits.length, QUICK_COMMAND_MAX_LENGTH);
    assert.equal(quickCommandText(command(fits)), fits);
    assert.equal(quickCommandText(command(`${fits}x`)), undefined);
  });

  it("refuses hidden, bidi, zero-width, control characters and look-alike spaces", () => {
    for (const sneaky of [
      "cat evil_\u202Etxt.exe",
      "rm\u200B -rf build",
      "echo \u2066hi\u2069",
      "printf '\x1b[2K'",
      "ls\u00A0-la",
      "echo \uFEFFx",
    ]) {
      assert.equal(quickCommandText(command(sneaky)), undefined, JSON.stringify(sneaky));
      assert.equal(
        quickCommandText(command(`/bin/bash -lc '${sneaky}'`)),
        undefined,
        JSON.stringify(sneaky),
      );
    }
  });

  it("refuses text a notification would render as a link, and empty commands", () => {
    assert.equal(quickCommandText(command("echo [safe](https://example.com) | sh")), undefined);
    assert.equal(quickCommandText(command("   ")), undefined);
    assert.equal(quickCommandText(command(null)), undefined);
  });

  it("refuses what is not a plain command: stdin, network access, other approval kinds", () => {
    assert.equal(quickCommandText(command("y", { kind: "writeStdin" })), undefined);
    assert.equal(quickCommandText(command("ls", { kind: "humanCommand" })), undefined);
    assert.equal(
      quickCommandText(
        command("curl example.com", {
          networkApprovalContext: { host: "example.com", protocol: "https" },
        }),
      ),
      undefined,
    );
    assert.equal(
      quickCommandText({
        kind: "fileChange",
        params: { threadId: "t", turnId: "u", itemId: "i", startedAtMs: 0 },
      }),
      undefined,
    );
    assert.equal(
      quickCommandText({
        kind: "userInput",
        params: {
          threadId: "t",
          turnId: "u",
          itemId: "i",
          questions: [],
          isBlocking: true,
          autoResolutionMs: null,
        },
      }),
      undefined,
    );
  });

  it("offers buttons for exactly one waiting approval, answering as the card's Accept and Decline", () => {
    const answers: ApprovalAnswer[] = [];
    const quick = quickCommandApproval([waiting(command("/bin/bash -lc 'npm test'"), answers)]);
    assert.equal(quick?.command, "npm test");
    assert.equal(quick.approve(), true);
    assert.equal(quick.decline(), true);
    assert.deepEqual(answers, [
      { kind: "decision", decision: "accept" },
      { kind: "decision", decision: "decline" },
    ]);
  });

  it("offers none when nothing, or more than one approval, waits, or the one is not simple", () => {
    assert.equal(quickCommandApproval([]), undefined);
    assert.equal(
      quickCommandApproval([waiting(command("npm test")), waiting(command("npm run lint"))]),
      undefined,
    );
    assert.equal(quickCommandApproval([waiting(command("a\nb"))]), undefined);
  });
});
