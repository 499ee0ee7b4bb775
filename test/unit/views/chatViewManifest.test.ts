/**
 * Where the manifest puts the chat, read the way VS Code 1.100 (code-server 4.100.3, Cursor) reads
 * it: its `viewsContainers` handler knows `activitybar` and `panel` only and skips
 * `secondarySidebar`; views listed for a container it does not know go to the Explorer, with the
 * warning the README names. There the chat must still be in the activity bar, and the view parked
 * in the Explorer must stay hidden; in newer VS Code the context key shows the other one.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

// As in extension/views/sidebarPlacement.ts, which needs `vscode` to load.
const SIDEBAR_VIEW_ID = "chatgpt.sidebarView";
const SECONDARY_SIDEBAR_VIEW_ID = "chatgpt.sidebarSecondaryView";
const SECONDARY_SIDEBAR_CONTEXT = "chatgpt.secondarySidebar";

interface ViewEntry {
  id: string;
  when?: string;
}

const manifest = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8"),
) as {
  contributes: {
    viewsContainers: Record<string, { id: string }[]>;
    views: Record<string, ViewEntry[]>;
  };
};

/** The `when` clauses used here: a context key, or its negation. */
function shown(view: ViewEntry, context: Record<string, boolean | undefined>): boolean {
  if (!view.when) return true;
  const match = /^(!?)([\w.]+)$/.exec(view.when.trim());
  assert.ok(match, `a when clause this test cannot read: ${view.when}`);
  const value = Boolean(context[match[2]!]);
  return match[1] === "!" ? !value : value;
}

/** The views VS Code shows per container, given the locations it knows and the context. */
function layout(locations: string[], context: Record<string, boolean | undefined>) {
  const known = new Set(
    locations.flatMap((location) =>
      (manifest.contributes.viewsContainers[location] ?? []).map((container) => container.id),
    ),
  );
  const shownIn = new Map<string, string[]>();
  for (const [container, views] of Object.entries(manifest.contributes.views)) {
    const where = known.has(container) ? container : "explorer";
    for (const view of views) {
      if (shown(view, context)) shownIn.set(where, [...(shownIn.get(where) ?? []), view.id]);
    }
  }
  return shownIn;
}

describe("the chat view in the manifest", () => {
  it("VS Code 1.100: the chat is in the activity bar container, before and after activation", () => {
    const activityBar = manifest.contributes.viewsContainers.activitybar!.map((c) => c.id);
    for (const context of [{}, { [SECONDARY_SIDEBAR_CONTEXT]: false }]) {
      const shown = layout(["activitybar", "panel"], context);
      const chatIn = [...shown].find(([, views]) => views.includes(SIDEBAR_VIEW_ID))?.[0];
      assert.ok(chatIn && activityBar.includes(chatIn), `chat shown in ${chatIn}`);
      // The secondary side bar's view is parked in the Explorer, and hidden there.
      assert.ok(!(shown.get("explorer") ?? []).includes(SECONDARY_SIDEBAR_VIEW_ID));
    }
  });

  it("newer VS Code: the secondary side bar shows the chat, the activity bar no second copy", () => {
    const shown = layout(["activitybar", "panel", "secondarySidebar"], {
      [SECONDARY_SIDEBAR_CONTEXT]: true,
    });
    const secondary = manifest.contributes.viewsContainers.secondarySidebar!.map((c) => c.id);
    assert.deepEqual(
      secondary.flatMap((id) => shown.get(id) ?? []),
      [SECONDARY_SIDEBAR_VIEW_ID],
    );
    assert.ok(![...shown.values()].flat().includes(SIDEBAR_VIEW_ID));
  });
});
