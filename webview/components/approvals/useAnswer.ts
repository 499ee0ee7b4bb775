import { useState } from "preact/hooks";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import { errorMessage, request } from "../../host";

/** Sends one answer for an approval; keeps the card disabled while it is in flight. */
export function useAnswer(approvalId: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answer = (value: ApprovalAnswer) => {
    setBusy(true);
    setError(null);
    request("approval/answer", { approvalId, answer: value })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return { busy, error, answer };
}
