/**
 * A streamable-HTTP MCP server behind OAuth, on 127.0.0.1, for codex's `mcpServer/oauth/login`:
 * protected-resource and authorization-server metadata, dynamic client registration, a token
 * endpoint, and `/mcp`, which answers 401 (with `WWW-Authenticate`) until a request carries the
 * token it issued; then `initialize` and `tools/list` (one tool, `whoami`) as plain JSON.
 * `/authorize` is never called: the test plays the browser by calling codex's redirect URI.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface OauthMcpServer {
  /** `http://127.0.0.1:<port>`; the MCP endpoint is `${origin}/mcp`. */
  origin: string;
  /** Requests seen, `METHOD path`. */
  hits: string[];
  close(): Promise<void>;
}

const TOKEN = "fixture-access-token";

export async function startOauthMcpServer(): Promise<OauthMcpServer> {
  const hits: string[] = [];
  let origin = "";
  const json = (res: ServerResponse, code: number, value: unknown, headers = {}) => {
    res.writeHead(code, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(value));
  };
  const mcp = (req: IncomingMessage, res: ServerResponse, body: string) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return json(
        res,
        401,
        { error: "unauthorized" },
        {
          "www-authenticate": `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
        },
      );
    }
    if (req.method !== "POST") return json(res, 405, { error: "POST only" });
    const message = JSON.parse(body) as { id?: number; method: string };
    if (message.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const result =
      message.method === "initialize"
        ? {
            protocolVersion: "2025-06-18",
            capabilities: { tools: {} },
            serverInfo: { name: "oauth-fixture", version: "1.0.0" },
          }
        : message.method === "tools/list"
          ? {
              tools: [
                {
                  name: "whoami",
                  description: "Says who you are signed in as.",
                  inputSchema: { type: "object", properties: {} },
                },
              ],
            }
          : {};
    json(res, 200, { jsonrpc: "2.0", id: message.id, result });
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", origin);
      hits.push(`${req.method} ${url.pathname}`);
      if (url.pathname.startsWith("/.well-known/oauth-protected-resource")) {
        return json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin] });
      }
      if (url.pathname.startsWith("/.well-known/oauth-authorization-server")) {
        return json(res, 200, {
          issuer: origin,
          authorization_endpoint: `${origin}/authorize`,
          token_endpoint: `${origin}/token`,
          registration_endpoint: `${origin}/register`,
          response_types_supported: ["code"],
          grant_types_supported: ["authorization_code", "refresh_token"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["none"],
        });
      }
      if (url.pathname === "/register") {
        const asked = JSON.parse(body || "{}") as { redirect_uris?: string[] };
        return json(res, 201, {
          client_id: "fixture-client",
          redirect_uris: asked.redirect_uris ?? [],
          token_endpoint_auth_method: "none",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
        });
      }
      if (url.pathname === "/token") {
        return json(res, 200, {
          access_token: TOKEN,
          token_type: "Bearer",
          expires_in: 3600,
          refresh_token: "fixture-refresh-token",
        });
      }
      if (url.pathname === "/mcp") return mcp(req, res, body);
      json(res, 404, { error: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
