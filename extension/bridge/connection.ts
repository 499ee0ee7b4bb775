/** The supervisor's state as the sidebar's connection banner shows it. */
import type { ConnectionView } from "../../protocol/webview/viewModel";
import type { PortState } from "../connection/port";

export function connectionView(state: PortState): ConnectionView {
  switch (state.kind) {
    case "stopped":
    case "starting":
    case "ready":
      return { kind: state.kind };
    case "restarting":
      return { kind: "restarting", attempt: state.attempt, reason: state.reason };
    case "failed":
      return { kind: "failed", reason: state.reason, details: [...state.stderrTail] };
  }
}
