import assert from "node:assert/strict";

import { runExport, type ExportUi } from "../../../extension/export/exportFlow";
import { listedThreadTitle } from "../../../extension/threads/listedThreadTitle";
import { fakePort } from "../bridge/fakePort";

/** A file location as the fake UI knows it (VS Code's is a Uri). */
class FakeUri {
  constructor(readonly path: string) {}
}

function fakeExport(
  options: {
    dialogAnswer?: string;
    picked?: "file" | "clipboard";
    thread?: { name: string | null; preview: string };
  } = {},
) {
  const port = fakePort();
  port.answer("thread/read", {
    thread: {
      id: "t1",
      cwd: "/w",
      ...(options.thread ?? { name: "Fix the greeting", preview: "" }),
    },
  });
  port.answer("thread/turns/list", { data: [], nextCursor: null });
  const events: string[] = [];
  const dialogStarts: (string | undefined)[] = [];
  const written: { path: string; text: string }[] = [];
  const ui: ExportUi<FakeUri> = {
    asUri: (value) => (value instanceof FakeUri ? value : undefined),
    pickDestination: async () => {
      events.push("asked where");
      return options.picked;
    },
    pickFile: async (start, fileName) => {
      dialogStarts.push(start?.path ?? fileName);
      return options.dialogAnswer === undefined ? undefined : new FakeUri(options.dialogAnswer);
    },
    writeFile: async (uri, text) => void written.push({ path: uri.path, text }),
    writeClipboard: async (text) => void written.push({ path: "clipboard", text }),
    exportedToFile: (uri) => void events.push(`exported to ${uri.path}`),
    copied: () => void events.push("copied"),
    nothingToExport: () => void events.push("nothing to export"),
    failed: (error) => void events.push(`failed: ${String(error)}`),
  };
  const deps = {
    port,
    ensureStarted: async () => undefined,
    currentThreadId: (): string | undefined => "t1",
  };
  return { deps, ui, events, dialogStarts, written };
}

describe("export flow (chatgpt.exportThread)", () => {
  it("a file given as the argument is only where the save dialog starts: cancelled, nothing is written", async () => {
    const run = fakeExport({ dialogAnswer: undefined });
    await runExport(run.deps, run.ui, "t1", new FakeUri("/elsewhere/.bashrc"));
    assert.deepEqual(run.dialogStarts, ["/elsewhere/.bashrc"]);
    assert.deepEqual(run.written, []);
    assert.deepEqual(run.events, []);
  });

  it("a file given as the argument: the file written is the one the user picked in the dialog", async () => {
    const run = fakeExport({ dialogAnswer: "/w/picked.md" });
    await runExport(run.deps, run.ui, "t1", new FakeUri("/elsewhere/.bashrc"));
    assert.deepEqual(
      run.written.map((w) => w.path),
      ["/w/picked.md"],
    );
    assert.match(run.written[0]!.text, /Fix the greeting/);
    assert.deepEqual(run.events, ["exported to /w/picked.md"]);
  });

  it("without an argument it asks where, and the dialog starts at a name from the title", async () => {
    const run = fakeExport({ picked: "file", dialogAnswer: "/w/x.md" });
    await runExport(run.deps, run.ui);
    assert.deepEqual(run.events, ["asked where", "exported to /w/x.md"]);
    assert.deepEqual(run.dialogStarts, ["Fix-the-greeting.md"]);
  });

  it("an unnamed thread is titled as in the Threads tree and History: its preview's first line", async () => {
    const preview = "\n  Why is CI red?  \nthe log says";
    const run = fakeExport({
      picked: "file",
      dialogAnswer: "/w/x.md",
      thread: { name: null, preview },
    });
    await runExport(run.deps, run.ui);
    assert.equal(listedThreadTitle({ name: null, preview }), "Why is CI red?");
    assert.deepEqual(run.dialogStarts, ["Why-is-CI-red.md"]);
    assert.ok(run.written[0]!.text.startsWith("# Why is CI red?\n"), run.written[0]!.text);

    const empty = fakeExport({ picked: "clipboard", thread: { name: null, preview: "" } });
    await runExport(empty.deps, empty.ui);
    assert.ok(empty.written[0]!.text.startsWith("# New thread\n"), empty.written[0]!.text);
  });

  it("the clipboard needs no dialog; dismissing the question does nothing", async () => {
    const copy = fakeExport();
    await runExport(copy.deps, copy.ui, "t1", "clipboard");
    assert.deepEqual(
      copy.written.map((w) => w.path),
      ["clipboard"],
    );
    assert.deepEqual(copy.dialogStarts, []);

    const dismissed = fakeExport({ picked: undefined });
    await runExport(dismissed.deps, dismissed.ui, "t1");
    assert.deepEqual(dismissed.events, ["asked where"]);
    assert.deepEqual(dismissed.written, []);
  });

  it("no thread: says so and asks nothing", async () => {
    const run = fakeExport();
    run.deps.currentThreadId = () => undefined;
    await runExport(run.deps, run.ui);
    assert.deepEqual(run.events, ["nothing to export"]);
  });
});
