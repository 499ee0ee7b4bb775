#!/usr/bin/env node
// A tiny MCP server for tests: JSON-RPC 2.0 over stdio, one message per line (MCP's stdio
// transport). It answers `initialize` (echoing the client's protocolVersion), `ping`,
// `tools/list` (one tool, `echo`) and `tools/call` (`echo` returns its `text` argument).
// Notifications (`notifications/initialized`, `notifications/cancelled`...) are ignored; other
// requests get "method not found".
//   node echoMcpServer.mjs [serverName]     (serverInfo.name, default "echo-mcp")
import { createInterface } from "node:readline";

const serverName = process.argv[2] ?? "echo-mcp";

const ECHO_TOOL = {
  name: "echo",
  description: "Returns the text it is given.",
  inputSchema: {
    type: "object",
    properties: { text: { type: "string", description: "The text to echo." } },
    required: ["text"],
  },
};

function send(message) {
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
}

function handle(request) {
  const { id, method, params } = request;
  switch (method) {
    case "initialize":
      return send({
        id,
        result: {
          protocolVersion: params?.protocolVersion ?? "2025-06-18",
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: serverName, version: "1.0.0" },
        },
      });
    case "ping":
      return send({ id, result: {} });
    case "tools/list":
      return send({ id, result: { tools: [ECHO_TOOL] } });
    case "tools/call": {
      if (params?.name !== "echo") {
        return send({ id, error: { code: -32602, message: `unknown tool: ${params?.name}` } });
      }
      const echoed = String(params?.arguments?.text ?? "");
      return send({ id, result: { content: [{ type: "text", text: echoed }], isError: false } });
    }
    default:
      return send({ id, error: { code: -32601, message: `method not found: ${method}` } });
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return send({ id: null, error: { code: -32700, message: "parse error" } });
  }
  // A notification (no id) or a response to a request of ours: nothing to answer.
  if (message.id === undefined || message.id === null || !message.method) return;
  handle(message);
});
lines.on("close", () => process.exit(0));
