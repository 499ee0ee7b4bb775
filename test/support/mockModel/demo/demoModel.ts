/**
 * The demo of `npm start -- --mock`: the mock model server answering with the demo scripts
 * (./prompts.ts), and the CODEX_HOME settings that give it the tools those scripts call.
 */
import type { CodexHomeOptions } from "../../codexHome";
import type { ResponsesRequest } from "../script";
import { startMockModel, type MockModel } from "../server";
import { demoReply } from "./prompts";
import { readTurn } from "./turn";

/**
 * What the demo's CODEX_HOME adds to the mock's config: `update_plan` (codex 0.169.0 offers it
 * only with `[tools.update_plan] enabled = true`) and `request_user_input` outside Plan mode.
 * Agent mode by default, like the extension; the mode picker overrides it per turn anyway.
 */
export function demoCodexHomeOptions(modelUrl: string): CodexHomeOptions {
  return {
    modelUrl,
    approvalPolicy: "on-request",
    sandboxMode: "workspace-write",
    features: { default_mode_request_user_input: true },
    // The feature above is "under development": without this, codex warns about it at start.
    extraToml: "suppress_unstable_features_warning = true\n\n[tools.update_plan]\nenabled = true",
  };
}

/** The demo model's answer to one request. */
export function demoModelReply(request: ResponsesRequest) {
  return demoReply(readTurn(request));
}

/** The mock model server answering every request with the demo scripts (no request log). */
export function startDemoModel(options: { log?: (line: string) => void } = {}): Promise<MockModel> {
  return startMockModel({ defaultReply: demoModelReply, keepRequests: false, log: options.log });
}
