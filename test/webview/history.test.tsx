import "./setup";
import * as assert from "node:assert/strict";
import { act, fireEvent } from "@testing-library/preact";
import { click, hydrate, lastRequest, mount, requests, respond, unmount } from "./harness";
import { flushUntil } from "./flushUntil";

const summary = (id: string, name: string | null, preview = "preview") => ({
  id,
  name,
  title: name ?? preview,
  preview,
  cwd: "/work/project",
  updatedAt: Math.floor(Date.now() / 1000) - 120,
  modelProvider: "openai",
});

function open(root: HTMLElement) {
  click(root, "History");
}

describe("webview: history", () => {
  afterEach(unmount);

  it("lists threads page by page with the cursor", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    assert.match(root.textContent ?? "", /Loading threads/);
    assert.deepEqual(lastRequest("history/list").params, {
      cursor: null,
      searchTerm: null,
      allProjects: false,
    });
    await respond("history/list", { threads: [summary("a", "First")], nextCursor: "c2" });
    assert.match(root.textContent ?? "", /First/);
    click(root, "Load more");
    assert.deepEqual(lastRequest("history/list").params, {
      cursor: "c2",
      searchTerm: null,
      allProjects: false,
    });
    await respond("history/list", {
      threads: [summary("b", null, "second one")],
      nextCursor: null,
    });
    const titles = Array.from(root.querySelectorAll(".history-title")).map((e) => e.textContent);
    assert.deepEqual(titles, ["First", "second one"]);
    assert.ok(!/Load more/.test(root.textContent ?? ""));
  });

  it("shows empty and error states", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    await respond("history/list", "boom", false);
    assert.match(root.textContent ?? "", /boom/);
    click(root, "Retry");
    await respond("history/list", { threads: [], nextCursor: null });
    assert.match(root.textContent ?? "", /No past threads/);
  });

  it("searches (debounced) and resumes", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    await respond("history/list", { threads: [summary("a", "First")], nextCursor: null });
    const search = root.querySelector<HTMLInputElement>(".history-search")!;
    fireEvent.input(search, { target: { value: "f" } });
    fireEvent.input(search, { target: { value: "fix" } });
    assert.equal(requests("history/list").length, 1, "not sent on every keystroke");
    await flushUntil(() => requests("history/list").length > 1, "the debounced search");
    assert.equal(requests("history/list").length, 2, "one request for the typing");
    assert.deepEqual(lastRequest("history/list").params, {
      cursor: null,
      searchTerm: "fix",
      allProjects: false,
    });
    await respond("history/list", { threads: [summary("z", "Fix bug")], nextCursor: null });
    click(root, "Resume Fix bug");
    assert.deepEqual(lastRequest("history/resume").params, { threadId: "z" });
    await respond("history/resume", {});
    assert.equal(root.querySelector(".history-panel"), null, "the panel closes after resume");
  });

  it("names a thread as the host titled it (as the Threads tree does), not by its raw preview", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    const unnamed = {
      ...summary("a", null, "\n  Why is CI red?\nthe log says"),
      title: "Why is CI red?",
    };
    await respond("history/list", { threads: [unnamed], nextCursor: null });
    const title = root.querySelector(".history-title");
    assert.equal(title?.textContent, "Why is CI red?");
    assert.ok(root.querySelector('[aria-label="Rename Why is CI red?"]'));
  });

  it("renames inline, exports and archives", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    await respond("history/list", { threads: [summary("a", "Old")], nextCursor: null });
    click(root, "Rename Old");
    const input = root.querySelector<HTMLInputElement>(".history-rename input")!;
    fireEvent.input(input, { target: { value: "New name" } });
    fireEvent.submit(input.closest("form")!);
    assert.deepEqual(lastRequest("history/rename").params, { threadId: "a", name: "New name" });
    await respond("history/rename", {});
    assert.match(root.textContent ?? "", /New name/);
    click(root, "Export New name as Markdown");
    assert.deepEqual(lastRequest("history/export").params, { threadId: "a" });
    await respond("history/export", {});
    click(root, "Archive New name");
    await respond("history/archive", {});
    assert.match(root.textContent ?? "", /No past threads/);
  });

  it("lists this workspace's threads first, every project's on request", async () => {
    const { root } = mount();
    hydrate();
    open(root);
    assert.equal(
      (lastRequest("history/list").params as { allProjects: boolean }).allProjects,
      false,
    );
    await respond("history/list", { threads: [], nextCursor: null });
    assert.match(root.textContent ?? "", /No past threads in this workspace/);
    const toggle = root.querySelector<HTMLInputElement>(".history-scope input")!;
    assert.equal(toggle.checked, false);
    act(() => toggle.click());
    await flushUntil(() => requests("history/list").length === 2, "the all-projects list");
    assert.deepEqual(lastRequest("history/list").params, {
      cursor: null,
      searchTerm: null,
      allProjects: true,
    });
    await respond("history/list", {
      threads: [{ ...summary("o", "Elsewhere"), cwd: "/work/other" }],
      nextCursor: null,
    });
    assert.match(root.querySelector(".history-meta")?.textContent ?? "", /other/);
  });

  it("Escape closes the panel", () => {
    const { root } = mount();
    hydrate();
    open(root);
    fireEvent.keyDown(root.querySelector(".history-search")!, { key: "Escape" });
    assert.equal(root.querySelector(".history-panel"), null);
  });
});
