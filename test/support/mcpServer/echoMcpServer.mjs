#!/usr/bin/env node
// A tiny MCP server for tests: JSON-RPC 2.0 over stdio, one message per line (MCP's stdio
// transport). It answers `initialize` (echoing the client's protocolVersion), `ping`,
// `tools/list` and `tools/call`. Notifications (`notifications/initialized`,
// `notifications/cancelled`...) are ignored; other requests get "method not found".
//   node echoMcpServer.mjs [serverName] [--elicit <log file>]
// - `echo` returns its `text` argument.
// - With `--elicit`, a second tool, `confirm_action`, asks the client (codex) for a form with
//   `elicitation/create` before it answers; codex's reply to that request is appended to the log
//   file as one JSON line, and the tool's result text is `elicitation <action> <content JSON>`.
// serverInfo.name is `serverName` (default "echo-mcp").
import { appendFileSync } from "node:fs";
import { createInterface } from "node:readline";

const argv = process.argv.slice(2);
const elicitFlag = argv.indexOf("--elicit");
const elicitationLog = elicitFlag >= 0 ? argv[elicitFlag + 1] : undefined;
const positional =
  elicitFlag >= 0 ? argv.filter((_, i) => i !== elicitFlag && i !== elicitFlag + 1) : argv;
const serverName = positional[0] ?? "echo-mcp";

const ECHO_TOOL = {
  name: "echo",
  description: "Returns the text it is given.",
  inputSchema: {
    type: "object",
    properties: { text: { type: "string", description: "The text to echo." } },
    required: ["text"],
  },
};

const CONFIRM_TOOL = {
  name: "confirm_action",
  description: "Asks the user to confirm an action through an MCP elicitation.",
  // Read-only: codex runs it without asking for approval first, so the only question the user
  // sees is the server's own elicitation.
  annotations: { readOnlyHint: true },
  inputSchema: {
    type: "object",
    properties: { action: { type: "string", description: "What to confirm." } },
    required: ["action"],
  },
};

/** Asked of the user for `confirm_action` (MCP's restricted form schema). */
const CONFIRM_SCHEMA = {
  type: "object",
  properties: {
    confirmed: { type: "boolean", title: "Confirmed", description: "Go ahead?" },
    note: { type: "string", title: "Note" },
  },
  required: ["confirmed"],
};

function send(message) {
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
}

/** Requests this server sent to the client, by id, waiting for the response. */
const outgoing = new Map();
let nextOutgoingId = 1;

function requestClient(method, params) {
  const id = `server-${nextOutgoingId++}`;
  send({ id, method, params });
  return new Promise((resolve) => outgoing.set(id, resolve));
}

async function confirmAction(id, args) {
  const response = await requestClient("elicitation/create", {
    message: `Confirm: ${String(args?.action ?? "")}`,
    requestedSchema: CONFIRM_SCHEMA,
  });
  appendFileSync(elicitationLog, `${JSON.stringify(response)}\n`);
  const text = response.error
    ? `elicitation error ${response.error.message}`
    : `elicitation ${response.result?.action} ${JSON.stringify(response.result?.content ?? null)}`;
  send({ id, result: { content: [{ type: "text", text }], isError: false } });
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
      return send({
        id,
        result: { tools: elicitationLog ? [ECHO_TOOL, CONFIRM_TOOL] : [ECHO_TOOL] },
      });
    case "tools/call": {
      if (params?.name === "echo") {
        const echoed = String(params?.arguments?.text ?? "");
        return send({ id, result: { content: [{ type: "text", text: echoed }], isError: false } });
      }
      if (params?.name === "confirm_action" && elicitationLog) {
        return void confirmAction(id, params?.arguments);
      }
      return send({ id, error: { code: -32602, message: `unknown tool: ${params?.name}` } });
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
  // A response to a request of ours.
  if (!message.method && outgoing.has(message.id)) {
    const resolve = outgoing.get(message.id);
    outgoing.delete(message.id);
    return resolve(message);
  }
  // A notification (no id): nothing to answer.
  if (message.id === undefined || message.id === null || !message.method) return;
  handle(message);
});
lines.on("close", () => process.exit(0));
