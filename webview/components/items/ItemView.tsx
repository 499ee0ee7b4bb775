/** Picks the renderer for one thread item. Memoised: a delta re-renders only its own item. */
import type { ThreadItem } from "../../../protocol/webview/viewModel";
import { Icon } from "../common";
import { localizedMemo, t } from "../../l10n";
import {
  AgentMessage,
  ContextCompaction,
  ImageGeneration,
  ImageView,
  PlanItem,
  Reasoning,
  UserMessage,
} from "./MessageItems";
import { CommandExecution, FileChange, GenericItem, McpToolCall, WebSearch } from "./ToolItems";

interface Props {
  item: ThreadItem;
  turnId: string;
  active: boolean;
}

function render({ item, turnId, active }: Props) {
  switch (item.type) {
    case "userMessage":
      return <UserMessage item={item} turnId={turnId} />;
    case "agentMessage":
      return <AgentMessage item={item} active={active} />;
    case "reasoning":
      return <Reasoning item={item} active={active} />;
    case "plan":
      return <PlanItem item={item} active={active} />;
    case "commandExecution":
      return <CommandExecution item={item} />;
    case "fileChange":
      return <FileChange item={item} turnId={turnId} />;
    case "webSearch":
      return <WebSearch item={item} />;
    case "mcpToolCall":
      return <McpToolCall item={item} />;
    case "imageView":
      return <ImageView item={item} />;
    case "imageGeneration":
      return <ImageGeneration item={item} />;
    case "contextCompaction":
      return <ContextCompaction />;
    case "enteredReviewMode":
    case "exitedReviewMode":
      return (
        <div class="item row-compact">
          <Icon name="eye" />
          <span class="muted">
            {item.type === "enteredReviewMode" ? t("item.reviewStarted") : t("item.reviewEnded")}
          </span>
        </div>
      );
    default:
      return <GenericItem item={item as { type?: unknown }} />;
  }
}

export const ItemView = localizedMemo(function ItemView(props: Props) {
  try {
    return render(props);
  } catch {
    // A malformed payload must not take the transcript down.
    return <GenericItem item={props.item as { type?: unknown }} />;
  }
});
