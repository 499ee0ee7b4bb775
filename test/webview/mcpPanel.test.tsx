/**
 * The `/mcp` panel in the transcript: each server's live state, Sign in where codex says the
 * server needs it, config.toml per server, Reload; every action is a request to the host.
 */
import "./setup";
import * as assert from "node:assert/strict";
import type { McpCardView, McpServerView } from "../../protocol/webview/viewModel";
import { allButtons, click, flush, hydrate, mount, requests, respond, unmount } from "./harness";

function panel(servers: McpServerView[], extra: Partial<McpCardView> = {}): McpCardView {
  return { id: "mcp-1", kind: "mcp", truncated: false, servers, ...extra };
}

const echo: McpServerView = {
  name: "echo",
  status: "connected",
  auth: "unsupported",
  tools: [{ name: "echo", description: "Returns the text it is given." }],
  toolsError: null,
};

const docs: McpServerView = {
  name: "docs",
  status: null,
  auth: "notLoggedIn",
  tools: [],
  toolsError: null,
};

function serverRow(root: HTMLElement, name: string): HTMLElement {
  const row = [...root.querySelectorAll<HTMLElement>(".mcp-server")].find(
    (each) => each.querySelector(".mcp-server-name")?.textContent === name,
  );
  assert.ok(row, `a row for ${name}`);
  return row;
}

describe("webview: MCP panel", () => {
  afterEach(unmount);

  it("shows each server's state (the live startup report first), tools and startup errors", async () => {
    const { root } = mount();
    hydrate({
      cards: [
        panel([
          { ...echo, startup: { state: "starting", error: null } },
          { ...docs, startup: { state: "failed", error: "spawn ENOENT" } },
        ]),
      ],
    });
    await flush();
    assert.ok(root.querySelector(".transcript .card .mcp-servers"), "a transcript row");
    assert.match(serverRow(root, "echo").textContent ?? "", /starting/);
    assert.match(
      serverRow(root, "echo").textContent ?? "",
      /echo — Returns the text it is given\./,
    );
    assert.match(serverRow(root, "docs").textContent ?? "", /failed.*spawn ENOENT/);
    hydrate({ cards: [panel([{ ...echo, startup: { state: "ready", error: null } }, docs])] });
    await flush();
    assert.match(
      serverRow(root, "echo").querySelector(".mcp-state")?.textContent ?? "",
      /connected/,
    );
  });

  it("Sign in only where codex says the server needs it; waiting and failure are shown", async () => {
    const { root } = mount();
    hydrate({ cards: [panel([echo, docs])] });
    await flush();
    assert.ok(!allButtons(serverRow(root, "echo")).some((b) => b.name.startsWith("Sign in")));
    click(serverRow(root, "docs"), "Sign in to docs");
    await flush();
    assert.deepEqual(requests("mcp/login").at(-1)?.params, { server: "docs" });
    await respond("mcp/login", {});
    hydrate({ cards: [panel([echo, { ...docs, login: { state: "waiting", error: null } }])] });
    await flush();
    assert.match(serverRow(root, "docs").textContent ?? "", /Finish signing in in your browser/);
    assert.ok(!allButtons(serverRow(root, "docs")).some((b) => b.name === "Sign in to docs"));
    hydrate({
      cards: [
        panel([
          echo,
          { ...docs, login: { state: "failed", error: "Could not sign in to docs: denied" } },
        ]),
      ],
    });
    await flush();
    assert.match(serverRow(root, "docs").textContent ?? "", /denied/);
    assert.ok(
      allButtons(serverRow(root, "docs")).some((b) => b.name === "Sign in to docs"),
      "again",
    );
  });

  it("config.toml per server, and Reload for all", async () => {
    const { root } = mount();
    hydrate({ cards: [panel([echo, docs])] });
    await flush();
    click(serverRow(root, "echo"), "Open the config.toml table of echo");
    await flush();
    assert.deepEqual(requests("mcp/openConfig").at(-1)?.params, { server: "echo" });
    click(root, "Reload");
    await flush();
    assert.equal(requests("mcp/reload").length, 1);
    hydrate({ cards: [panel([echo, docs], { busy: "reloading" })] });
    await flush();
    assert.ok(allButtons(root).some((b) => b.name === "Reloading…" && b.disabled));
    hydrate({
      cards: [
        panel([echo, docs], { busy: null, error: "Could not reload the MCP servers: bad toml" }),
      ],
    });
    await flush();
    assert.match(root.querySelector(".card")?.textContent ?? "", /bad toml/);
  });
});
