/**
 * The last token usage codex reported per thread, so a thread shown again (resumed, or back from
 * another one) has its context meter: codex reports usage per turn, and not always again on
 * resume. Only the most recent threads are kept.
 */
import type { ThreadTokenUsage } from "../../protocol/codex/v2/ThreadTokenUsage";
import type { ThreadView } from "../../protocol/webview/viewModel";

/** How many threads' last token usage is remembered. */
const USAGE_REMEMBERED = 50;

export class LastTokenUsage {
  /** By thread id, the most recently reported last. */
  private readonly byThread = new Map<string, ThreadTokenUsage>();

  record(threadId: string, usage: ThreadTokenUsage): void {
    this.byThread.delete(threadId);
    this.byThread.set(threadId, usage);
    if (this.byThread.size > USAGE_REMEMBERED) {
      this.byThread.delete(this.byThread.keys().next().value!);
    }
  }

  /** `view` with its thread's last reported usage, unless it carries its own. */
  fill(view: ThreadView): ThreadView {
    const usage = view.tokenUsage ? undefined : this.byThread.get(view.id);
    return usage ? { ...view, tokenUsage: usage } : view;
  }
}
