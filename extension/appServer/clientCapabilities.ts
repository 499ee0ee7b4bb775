/**
 * What this client declares at `initialize`. `experimentalApi` is on because codex's plan mode
 * (`collaborationMode` on `turn/start`, `collaborationMode/list`) is experimental: without the
 * opt-in codex 0.169.0 refuses both ("requires experimentalApi capability").
 */
import type { InitializeCapabilities } from "../../protocol/codex/InitializeCapabilities";

export const CLIENT_CAPABILITIES: InitializeCapabilities = {
  experimentalApi: true,
  requestAttestation: false,
};
