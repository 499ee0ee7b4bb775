import assert from "node:assert/strict";

import {
  completedSlashText,
  mentionAt,
  removeMention,
  slashSuggestions,
} from "../../../webview/components/composerTokens";
import { SLASH_COMMANDS } from "../../../protocol/webview/slashCommands";

describe("composer tokens", () => {
  it("finds the @mention at the caret", () => {
    assert.deepEqual(mentionAt("@", 1), { start: 0, end: 1, query: "" });
    assert.deepEqual(mentionAt("look at @src/ap", 15), { start: 8, end: 15, query: "src/ap" });
    assert.deepEqual(mentionAt("(@app", 5), { start: 1, end: 5, query: "app" });
    // Caret inside the token: the query is what precedes the caret.
    assert.deepEqual(mentionAt("@appfile", 4), { start: 0, end: 4, query: "app" });
  });

  it("ignores e-mail addresses, finished tokens and plain text", () => {
    assert.equal(mentionAt("mail me@example.com", 19), null);
    assert.equal(mentionAt("@app done", 9), null);
    assert.equal(mentionAt("no mention", 10), null);
    assert.equal(mentionAt("", 0), null);
    assert.equal(mentionAt(`@${"x".repeat(300)}`, 301), null);
  });

  it("removes the token and puts the caret where it was", () => {
    const token = mentionAt("see @ap and", 7)!;
    assert.deepEqual(removeMention("see @ap and", token), { text: "see  and", caret: 4 });
  });

  it("offers slash commands while a name is typed as the whole message", () => {
    assert.deepEqual(
      slashSuggestions("/").map((spec) => spec.name),
      SLASH_COMMANDS.map((spec) => spec.name),
    );
    assert.deepEqual(
      slashSuggestions("/rev").map((spec) => spec.name),
      ["review"],
    );
    assert.deepEqual(slashSuggestions("/review"), [], "typed out in full");
    assert.deepEqual(slashSuggestions("/review ma"), [], "an argument");
    assert.deepEqual(slashSuggestions("text /re"), []);
    assert.deepEqual(slashSuggestions(""), []);
  });

  it("completes to the command, with a space when it takes an argument", () => {
    const review = SLASH_COMMANDS.find((spec) => spec.name === "review")!;
    const status = SLASH_COMMANDS.find((spec) => spec.name === "status")!;
    assert.equal(completedSlashText(review), "/review ");
    assert.equal(completedSlashText(status), "/status");
  });
});
