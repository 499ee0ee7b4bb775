/**
 * The `/mcp` panel: the configured MCP servers with their tools and auth state, kept live while
 * it is shown.
 *
 * - `mcpServer/startupStatus/updated` (for the view's thread, or none) updates a server's state.
 * - **Reload** sends `config/mcpServer/reload` (codex re-reads config.toml and restarts the
 *   servers of its loaded threads, reporting each through startupStatus) and lists again.
 * - **Sign in** (OAuth servers; codex 0.169.0 only supports streamable HTTP ones) sends
 *   `mcpServer/oauth/login`, opens codex's authorization URL in the browser, and waits for
 *   `mcpServer/oauthLogin/completed`, which says how it ended; the list is then read again.
 * - The config.toml that declares a server comes from `config/read`'s origins
 *   (`mcp_servers.<name>.<key>` → the layer's file).
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ConfigLayerSource } from "../../protocol/codex/v2/ConfigLayerSource";
import type { ListMcpServerStatusParams } from "../../protocol/codex/v2/ListMcpServerStatusParams";
import type { McpServerStatus } from "../../protocol/codex/v2/McpServerStatus";
import { ChannelRequestError } from "../../protocol/webview/channel";
import type { McpCardView, McpServerView } from "../../protocol/webview/viewModel";
import { describeError, RequestTimeoutError } from "../appServer/errors";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import { UserFacingError } from "./userFacingError";

/** Pages read at most, and their size: the card is a summary, not an inventory. */
const MAX_PAGES = 5;
const PAGE_SIZE = 50;
const MAX_TOOLS_PER_SERVER = 100;
const MAX_DESCRIPTION = 300;
/**
 * codex 0.169.0 answers `mcpServerStatus/list` only once every server has started or reached its
 * `startup_timeout_sec` (default 30 s; it then lists that server with "timed out handshaking").
 * The client's default 30 s request timeout fired just before that answer, so one stuck server
 * hid all the others behind a timeout.
 */
export const MCP_LIST_TIMEOUT_MS = 60_000;

export function mcpServerView(status: McpServerStatus): McpServerView {
  const tools = Object.values(status.tools)
    .filter((tool) => tool !== undefined)
    .map((tool) => ({
      name: tool.title || tool.name,
      description: tool.description ? tool.description.slice(0, MAX_DESCRIPTION) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_TOOLS_PER_SERVER);
  return {
    name: status.name,
    status: status.runtimeStatus,
    auth: status.authStatus,
    tools,
    toolsError: status.toolsError,
  };
}

/** The config.toml a layer stands for; null for layers that are not a file the user edits. */
function layerFile(source: ConfigLayerSource): string | null {
  switch (source.type) {
    case "user":
    case "system":
    case "legacyManagedConfigTomlFromFile":
      return source.file;
    case "project":
      return `${source.dotCodexFolder.replace(/[\\/]+$/, "")}/config.toml`;
    default:
      return null;
  }
}

const MCP_TABLE = /^\s*\[\s*mcp_servers\s*\.\s*("(?:[^"\\]|\\.)*"|'[^']*'|[\w-]+)\s*\]\s*(?:#.*)?$/;

/** The key of a TOML table header, bare or quoted, as a plain string. */
function tableKey(raw: string): string | null {
  if (raw.startsWith("'")) return raw.slice(1, -1);
  if (!raw.startsWith('"')) return raw;
  try {
    return JSON.parse(raw) as string;
  } catch {
    return null;
  }
}

/** The 1-based line of the `[mcp_servers.<name>]` table header (bare or quoted key), or null. */
export function mcpTableLine(text: string, name: string): number | null {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => {
    const match = MCP_TABLE.exec(line);
    return !!match && tableKey(match[1]!) === name;
  });
  return index === -1 ? null : index + 1;
}

export interface McpPanelOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
  openExternal: (url: string) => Promise<boolean>;
  /** The thread the view shows: its servers' runtime state is what the panel shows. */
  threadId: () => string | undefined;
}

export class McpPanel {
  private counter = 0;
  /** The latest startup state per server for the view's thread, kept across re-lists. */
  private readonly startup = new Map<string, NonNullable<McpServerView["startup"]>>();
  /** The thread `startup` is about; another thread starts an empty map. */
  private startupThread: string | undefined;
  private readonly logins = new Map<string, NonNullable<McpServerView["login"]>>();
  /** A listing behind the card is under way; `relistQueued`: another is asked for after it. */
  private relisting = false;
  private relistQueued = false;

  constructor(private readonly options: McpPanelOptions) {}

  readonly notifications: NotificationHandlers = {
    "mcpServer/startupStatus/updated": (params) => this.onStartup(params),
    "mcpServer/oauthLogin/completed": (params) => this.onLoginCompleted(params),
  };

  private get card(): McpCardView | undefined {
    const card = this.options.state.snapshot.cards.find((each) => each.kind === "mcp");
    return card?.kind === "mcp" ? card : undefined;
  }

  /** `/mcp`: lists the servers and shows the panel (throws ChannelRequestError on failure). */
  async show(): Promise<void> {
    const listed = await this.list();
    this.options.state.showCard({ id: `card-mcp-${++this.counter}`, kind: "mcp", ...listed });
  }

  /** **Reload**: codex re-reads config.toml and restarts the servers; the panel lists again. */
  async reload(): Promise<void> {
    const card = this.requireCard();
    this.update({ ...card, busy: "reloading", error: null });
    try {
      await this.options.port.request("config/mcpServer/reload", undefined);
      const listed = await this.list();
      this.update({ ...this.requireCard(), ...listed, busy: null, error: null });
    } catch (error) {
      const message =
        error instanceof ChannelRequestError
          ? error.message
          : l10n.t("Could not reload the MCP servers: {0}", describeError(error));
      if (this.card) this.update({ ...this.card, busy: null, error: message });
      throw new UserFacingError(message);
    }
  }

  /** **Sign in**: codex's OAuth flow for `name`, in the browser. */
  async login(name: string): Promise<void> {
    this.requireServer(name);
    const threadId = this.options.threadId() ?? null;
    let url: string;
    try {
      const response = await this.options.port.request("mcpServer/oauth/login", {
        name,
        threadId,
      });
      url = response.authorizationUrl;
    } catch (error) {
      const message = l10n.t("Could not sign in to {0}: {1}", name, describeError(error));
      this.setLogin(name, { state: "failed", error: message });
      throw new UserFacingError(message);
    }
    this.setLogin(name, { state: "waiting", error: null });
    this.options.logger.info(`mcp ${name}: sign-in opened in the browser`);
    if (!/^https?:\/\//i.test(url) || !(await this.options.openExternal(url))) {
      const message = l10n.t("Could not open the sign-in page for {0}.", name);
      this.setLogin(name, { state: "failed", error: message });
      throw new UserFacingError(message);
    }
  }

  /** The config.toml that declares `name`; null when codex does not say (e.g. a plugin's). */
  async configFile(name: string): Promise<string | null> {
    this.requireServer(name);
    const response = await this.options.port.request("config/read", {
      includeLayers: false,
      cwd: null,
    });
    const prefix = `mcp_servers.${name}.`;
    for (const [key, origin] of Object.entries(response.origins)) {
      if (!origin || !key.startsWith(prefix)) continue;
      const file = layerFile(origin.name);
      if (file) return file;
    }
    return null;
  }

  private async list(): Promise<Pick<McpCardView, "servers" | "truncated">> {
    const servers: McpServerView[] = [];
    let cursor: string | null = null;
    let truncated = false;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const params: ListMcpServerStatusParams = {
          cursor,
          limit: PAGE_SIZE,
          detail: "toolsAndAuthOnly",
          threadId: this.options.threadId() ?? null,
        };
        const response = await this.options.port.request("mcpServerStatus/list", params, {
          timeoutMs: MCP_LIST_TIMEOUT_MS,
        });
        servers.push(...response.data.map((status) => this.withLiveState(mcpServerView(status))));
        cursor = response.nextCursor;
        if (!cursor) break;
        if (page === MAX_PAGES - 1) truncated = true;
      }
    } catch (error) {
      throw new ChannelRequestError(
        error instanceof RequestTimeoutError
          ? l10n.t(
              "Could not list the MCP servers: {0} An MCP server may be slow to start (see its startup_timeout_sec in config.toml).",
              describeError(error),
            )
          : l10n.t("Could not list the MCP servers: {0}", describeError(error)),
      );
    }
    return { servers, truncated };
  }

  private withLiveState(server: McpServerView): McpServerView {
    this.forgetOtherThreads();
    const startup = this.startup.get(server.name);
    const login = this.logins.get(server.name);
    return { ...server, ...(startup ? { startup } : {}), ...(login ? { login } : {}) };
  }

  private onStartup(
    params: Extract<ServerNotification, { method: "mcpServer/startupStatus/updated" }>["params"],
  ): void {
    const threadId = this.options.threadId();
    if (params.threadId !== null && params.threadId !== threadId) return;
    this.forgetOtherThreads();
    this.startup.set(params.name, { state: params.status, error: params.error });
    const card = this.card;
    if (!card) return;
    const listed = card.servers.find((server) => server.name === params.name);
    const known = listed !== undefined;
    // A server the list does not have yet (added to config.toml, then Reload): shown at once.
    const servers = known
      ? card.servers.map((server) =>
          server.name === params.name ? this.withLiveState(server) : server,
        )
      : [
          ...card.servers,
          this.withLiveState({
            name: params.name,
            status: null,
            auth: "unknown",
            tools: [],
            toolsError: null,
          }),
        ];
    this.update({ ...card, servers });
    // A server listed before it was up (or not listed at all) has no tools and a stale state in
    // the card: list again now that it is ready. codex 0.171.0 answers the list right after
    // Reload with the new server still "starting".
    if (params.status === "ready" && (!listed || listed.status === "starting")) this.relist();
  }

  /**
   * Lists again behind the card on screen. Asked for while a listing is under way (N servers
   * reporting ready one after another), it lists once more after that one, not once per ask.
   */
  private relist(): void {
    if (this.relisting) {
      this.relistQueued = true;
      return;
    }
    this.relisting = true;
    void (async () => {
      do {
        this.relistQueued = false;
        await this.listBehindCard();
      } while (this.relistQueued);
      this.relisting = false;
    })();
  }

  /** A failure leaves the card as it is. */
  private async listBehindCard(): Promise<void> {
    try {
      const listed = await this.list();
      if (this.card) this.update({ ...this.card, ...listed });
    } catch (error) {
      this.options.logger.warn(
        `mcp: listing again behind the panel failed: ${describeError(error)}`,
      );
    }
  }

  private onLoginCompleted(
    params: Extract<ServerNotification, { method: "mcpServer/oauthLogin/completed" }>["params"],
  ): void {
    if (!this.logins.has(params.name)) return;
    this.setLogin(
      params.name,
      params.success
        ? { state: "succeeded", error: null }
        : {
            state: "failed",
            error: l10n.t("Could not sign in to {0}: {1}", params.name, params.error ?? "?"),
          },
    );
    this.options.logger.info(`mcp ${params.name}: sign-in ${params.success ? "done" : "failed"}`);
    if (this.card) this.relist();
  }

  private forgetOtherThreads(): void {
    const threadId = this.options.threadId();
    if (threadId === this.startupThread) return;
    this.startupThread = threadId;
    this.startup.clear();
  }

  private setLogin(name: string, login: NonNullable<McpServerView["login"]>): void {
    this.logins.set(name, login);
    const card = this.card;
    if (!card) return;
    this.update({
      ...card,
      servers: card.servers.map((server) => (server.name === name ? { ...server, login } : server)),
    });
  }

  private update(card: McpCardView): void {
    this.options.state.showCard(card);
  }

  private requireCard(): McpCardView {
    const card = this.card;
    if (!card) throw new UserFacingError(l10n.t("The MCP panel is closed; run /mcp again."));
    return card;
  }

  /** The webview may only name a server the panel lists. */
  private requireServer(name: string): void {
    if (!this.requireCard().servers.some((server) => server.name === name)) {
      throw new UserFacingError(l10n.t("There is no MCP server named {0}.", name));
    }
  }
}
