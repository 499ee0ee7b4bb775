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
import { CollabAgentToolCall, HookPrompt, SubAgentActivity } from "./AgentItems";
import {
  CommandExecution,
  DynamicToolCall,
  FileChange,
  FunctionCallOutput,
  GenericItem,
  McpToolCall,
  Sleep,
  WebSearch,
} from "./ToolItems";

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
    case "collabAgentToolCall":
      return <CollabAgentToolCall item={item} />;
    case "subAgentActivity":
      return <SubAgentActivity item={item} />;
    case "hookPrompt":
      return <HookPrompt item={item} />;
    case "dynamicToolCall":
      return <DynamicToolCall item={item} />;
    case "functionCallOutput":
      return <FunctionCallOutput item={item} />;
    case "sleep":
      return <Sleep item={item} />;
    default:
      return <GenericItem item={unhandledItem(item)} />;
  }
}

/**
 * Every item type of the generated union has a case above: a codex that adds one fails this
 * build (`item` is no longer `never`) until it gets a renderer. At runtime, a type from a newer
 * codex than the bindings still shows as a neutral row.
 */
function unhandledItem(item: never): { type?: unknown } {
  return item as { type?: unknown };
}

export const ItemView = localizedMemo(function ItemView(props: Props) {
  try {
    return render(props);
  } catch {
    // A malformed payload must not take the transcript down.
    return <GenericItem item={props.item as { type?: unknown }} />;
  }
});
