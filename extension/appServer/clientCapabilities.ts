/**
 * What this client declares at `initialize`.
 *
 * `experimentalApi` is on for every session, although only the features in
 * `EXPERIMENTAL_API_USES` need it, because it cannot wait for them: codex negotiates it once per
 * process (a second `initialize` is refused with "Already initialized"), Plan mode can be picked
 * in any view at any moment, and the approval field arrives unasked. Opting in on first use would
 * mean restarting codex under turns that are running in other threads. Without the opt-in codex
 * refuses the experimental request ("… requires experimentalApi capability") and leaves the
 * experimental fields out of what it sends.
 *
 * test/protocol/experimentalApi.test.ts checks, against the codex binary's own stable and
 * experimental schemas, that this list is exactly what the extension uses.
 */
import type { InitializeCapabilities } from "../../protocol/codex/InitializeCapabilities";

/** Every experimental method or field the extension uses (codex's descriptor), and why. */
export const EXPERIMENTAL_API_USES: Readonly<Record<string, string>> = {
  "collaborationMode/list": "Plan mode: whether codex has it, and the Plan preset's effort",
  "turn/start.collaborationMode":
    "Plan mode: a turn in Plan mode, and the first one after it (back to default)",
  "item/commandExecution/requestApproval.availableDecisions":
    "Approval cards: only the always-allow rules codex takes are offered",
};

export const CLIENT_CAPABILITIES: InitializeCapabilities = {
  experimentalApi: true,
  requestAttestation: false,
};
