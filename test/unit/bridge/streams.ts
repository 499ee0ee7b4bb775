/** Loads the recorded real-codex streams (test/fixtures/streams, written by recordCodexStream.ts). */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import type { ServerNotification } from "../../../protocol/codex/ServerNotification";

export interface RecordedStream {
  scenario: string;
  notifications: ServerNotification[];
  serverRequests: { method: string; params: unknown }[];
}

export function loadStream(
  name: "text" | "reasoning" | "commandApproval" | "patchApproval",
): RecordedStream {
  const file = path.resolve(__dirname, "../../fixtures/streams", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as RecordedStream;
}
