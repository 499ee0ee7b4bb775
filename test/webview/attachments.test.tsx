import "./setup";
import * as assert from "node:assert/strict";
import type { Attachment } from "../../protocol/webview/messages";
import { MAX_PERSISTED_IMAGE_CHARS } from "../../webview/viewState";
import {
  button,
  click,
  hydrate,
  lastRequest,
  mount,
  notify,
  respond,
  unmount,
  vscode,
} from "./harness";
import { flushUntil } from "./flushUntil";

/** A data: URL of about `chars` characters. */
function image(name: string, chars: number): Attachment {
  const prefix = "data:image/png;base64,";
  return { kind: "image", name, dataUrl: prefix + "A".repeat(Math.max(0, chars - prefix.length)) };
}

const file: Attachment = { kind: "file", path: "/work/project/src/a.ts" };

interface Persisted {
  attachments: Attachment[];
  removedImages: string[];
}

function persisted(): Persisted {
  return vscode.state as Persisted;
}

function chips(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll(".attachments li")).map((li) =>
    (li.textContent ?? "").trim(),
  );
}

/** Mounts the view as after a reload, with what the previous page persisted. */
function reload(state: unknown) {
  unmount();
  const { root } = mount({ state });
  hydrate();
  return root;
}

describe("webview: attachments across reloads", () => {
  afterEach(unmount);

  it("persists small images under the cap and shows the others as removed on reload", async () => {
    const { root } = mount();
    hydrate();
    const small = image("small.png", 50_000);
    const big = image("big.png", MAX_PERSISTED_IMAGE_CHARS + 10);
    notify("composer/insert", { attachments: [file, small, big] });
    assert.deepEqual(chips(root), ["a.ts", "small.png", "big.png"], "all are in memory");
    await flushUntil(() => persisted()?.attachments?.length === 2, "the attachments to be saved");
    assert.deepEqual(persisted().attachments, [file, small]);
    assert.deepEqual(persisted().removedImages, ["big.png"]);

    const after = reload(vscode.state);
    assert.deepEqual(chips(after), ["a.ts", "small.png", "big.png: image removed on reload"]);
    assert.match(
      after.querySelector(".chip-removed")?.closest("vscode-tag")?.getAttribute("title") ?? "",
      /only kept while the view is open/,
    );

    // Send sends what is really there, and the notice goes with it.
    const textarea = after.querySelector("textarea")!;
    textarea.focus();
    click(after, "Send");
    assert.deepEqual(lastRequest("chat/send").params, { text: "", attachments: [file, small] });
    await respond("chat/send", { queued: false });
    assert.equal(after.querySelector(".attachments"), null);
    await flushUntil(() => persisted().attachments.length === 0, "the sent attachments to go");
    assert.deepEqual(persisted().attachments, []);
    assert.deepEqual(persisted().removedImages, []);
  });

  it("caps the total: the image that would exceed it is the one not persisted", async () => {
    const { root } = mount();
    hydrate();
    const first = image("first.png", Math.floor(MAX_PERSISTED_IMAGE_CHARS * 0.6));
    const second = image("second.png", Math.floor(MAX_PERSISTED_IMAGE_CHARS * 0.6));
    notify("composer/insert", { attachments: [first, second] });
    await flushUntil(() => persisted()?.attachments?.length === 1, "the attachments to be saved");
    assert.deepEqual(persisted().attachments, [first]);
    assert.deepEqual(persisted().removedImages, ["second.png"]);
    // removing the persisted one frees the budget for the other
    click(root, "Remove attachment first.png");
    await flushUntil(() => persisted().removedImages.length === 0, "the freed budget to be used");
    assert.deepEqual(persisted().attachments, [second]);
    assert.deepEqual(persisted().removedImages, []);
  });

  it("a removed-image notice can be dismissed, and stays dismissed", async () => {
    const root = reload({
      version: 1,
      draft: "",
      attachments: [],
      removedImages: ["shot.png"],
      scroll: null,
      expanded: {},
    });
    assert.deepEqual(chips(root), ["shot.png: image removed on reload"]);
    assert.ok(button(root, "Send").disabled, "a removed image is nothing to send");
    click(root, "Remove attachment shot.png");
    await flushUntil(() => persisted().removedImages.length === 0, "the notice to be dismissed");
    assert.equal(root.querySelector(".attachments"), null);
    assert.deepEqual(persisted().removedImages, []);
    assert.deepEqual(chips(reload(vscode.state)), []);
  });

  it("drops malformed persisted attachments instead of sending them", () => {
    const root = reload({
      version: 1,
      draft: "",
      attachments: [
        file,
        { kind: "image", name: "x.png", dataUrl: "javascript:alert(1)" },
        { kind: "file" },
        "nonsense",
      ],
      removedImages: ["ok.png", 42],
      scroll: null,
      expanded: {},
    });
    assert.deepEqual(chips(root), ["a.ts", "ok.png: image removed on reload"]);
  });
});
