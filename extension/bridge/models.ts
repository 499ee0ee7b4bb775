/**
 * Models and modes. `model/list` becomes the picker's options; a chat mode becomes the approval
 * policy and sandbox codex gets. A model of `null` means "send no model", so a custom
 * `model_provider`/`model` from the user's config.toml keeps working and is never overridden
 * silently.
 */
import type { ReasoningEffort } from "../../protocol/codex/ReasoningEffort";
import type { AskForApproval } from "../../protocol/codex/v2/AskForApproval";
import type { Model } from "../../protocol/codex/v2/Model";
import type { ModelListResponse } from "../../protocol/codex/v2/ModelListResponse";
import type { SandboxMode } from "../../protocol/codex/v2/SandboxMode";
import type { SandboxPolicy } from "../../protocol/codex/v2/SandboxPolicy";
import type {
  ChatMode,
  ChatViewState,
  ModelChoiceView,
  ModelOption,
} from "../../protocol/webview/viewModel";
import { modeAfterPlan } from "../../protocol/webview/planMode";
import type { Logger } from "../log";
import { CODEX_UPGRADE_COMMAND } from "../appServer/codexVersion";
import { l10n } from "../l10n";
import type { ChatState } from "./chatState";
import { UserFacingError } from "./userFacingError";
import { fastTierOf } from "./fastTier";
import type { AppServerPort } from "../connection/port";

export interface ModeParams {
  approvalPolicy: AskForApproval;
  sandbox: SandboxMode;
}

/**
 * chat: read-only and asks; agent: writes the workspace, asks outside it; full access: never
 * asks. plan: read-only like chat (codex's plan mode changes nothing; its instructions say so
 * too, and the sandbox makes sure).
 */
export function modeParams(mode: ChatMode): ModeParams {
  switch (mode) {
    case "chat":
    case "plan":
      return { approvalPolicy: "on-request", sandbox: "read-only" };
    case "agent":
      return { approvalPolicy: "on-request", sandbox: "workspace-write" };
    case "agentFullAccess":
      return { approvalPolicy: "never", sandbox: "danger-full-access" };
  }
}

/**
 * The mode codex actually gets: the picker's, except in Restricted Mode (an untrusted
 * workspace), where it is always Chat — read-only, asking before anything else. The host decides
 * this from VS Code's trust state; nothing the webview sends can lift it.
 */
export function effectiveMode(
  state: Pick<ChatViewState, "modelChoice" | "workspaceTrusted">,
): ChatMode {
  const mode = state.modelChoice.mode;
  // Plan is read-only too, so Restricted Mode keeps it.
  return state.workspaceTrusted || mode === "plan" ? mode : "chat";
}

/** The `turn/start` form of a mode's sandbox (a policy object rather than a mode name). */
export function sandboxPolicyFor(sandbox: SandboxMode): SandboxPolicy {
  switch (sandbox) {
    case "read-only":
      return { type: "readOnly", networkAccess: false };
    case "workspace-write":
      return {
        type: "workspaceWrite",
        writableRoots: [],
        networkAccess: false,
        excludeTmpdirEnvVar: false,
        excludeSlashTmp: false,
      };
    case "danger-full-access":
      return { type: "dangerFullAccess" };
  }
}

export function toModelOption(model: Model): ModelOption {
  return {
    model: model.model,
    displayName: model.displayName || model.model,
    description: model.description,
    efforts: model.supportedReasoningEfforts.map((option) => ({
      effort: option.reasoningEffort,
      description: option.description,
    })),
    defaultEffort: model.defaultReasoningEffort,
    isDefault: model.isDefault,
    ...fastTierField(model),
  };
}

function fastTierField(model: Model): { fastTier?: string } {
  const fastTier = fastTierOf(model);
  return fastTier ? { fastTier } : {};
}

export function toModelOptions(models: readonly Model[]): ModelOption[] {
  return models.filter((model) => !model.hidden).map(toModelOption);
}

/** What `turn/start` gets from the picker: nothing unless the user chose. */
export function turnModelParams(choice: ModelChoiceView): {
  model?: string;
  effort?: ReasoningEffort;
} {
  const params: { model?: string; effort?: ReasoningEffort } = {};
  if (choice.model !== null) params.model = choice.model;
  if (choice.effort !== null) params.effort = choice.effort as ReasoningEffort;
  return params;
}

const MAX_MODEL_PAGES = 5;

export interface ModelControllerOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
  /** Asks before switching to full access (a modal in VS Code). */
  confirmFullAccess: () => Promise<boolean>;
  /** Persists the chosen mode (e.g. workspaceState); optional. */
  saveChoice?: (choice: Pick<ModelChoiceView, "model" | "effort" | "mode">) => void;
}

export class ModelController {
  constructor(private readonly options: ModelControllerOptions) {}

  /** Reads `model/list` (all pages, up to a bound) into the model picker. */
  async refresh(): Promise<ModelOption[]> {
    const { port, state } = this.options;
    const models: Model[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const response: ModelListResponse = await port.request("model/list", {
        cursor,
        includeHidden: false,
      });
      models.push(...response.data);
      cursor = response.nextCursor;
      if (!cursor) break;
    }
    const options = toModelOptions(models);
    const choice = state.snapshot.modelChoice;
    // A chosen model that codex no longer offers falls back to codex's default.
    const stillThere = choice.model === null || options.some((o) => o.model === choice.model);
    state.setModelChoice({
      ...choice,
      models: options,
      model: stillThere ? choice.model : null,
      effort: stillThere ? choice.effort : null,
    });
    return options;
  }

  /** Applies the picker's choice; `false` when the user declined full access. */
  async choose(input: {
    model?: string | null;
    effort?: string | null;
    mode?: ChatMode;
  }): Promise<boolean> {
    const { state } = this.options;
    const current = state.snapshot.modelChoice;
    if (
      input.model !== undefined &&
      input.model !== null &&
      current.models.length > 0 &&
      !current.models.some((option) => option.model === input.model)
    ) {
      throw new UserFacingError(l10n.t('Codex does not offer the model "{0}".', input.model));
    }
    if (input.mode === "plan" && current.planModeSupported === false) {
      throw new UserFacingError(
        l10n.t(
          "This codex has no plan mode; upgrade codex (`{0}`) to use it.",
          CODEX_UPGRADE_COMMAND,
        ),
      );
    }
    if (
      input.mode !== undefined &&
      input.mode !== "chat" &&
      input.mode !== "plan" &&
      !state.snapshot.workspaceTrusted
    ) {
      throw new UserFacingError(
        l10n.t("This folder is in Restricted Mode: Codex stays in Chat mode until you trust it."),
      );
    }
    // Back from Plan to the full access the user had already confirmed: no second question.
    const backFromPlan = current.mode === "plan" && current.modeBeforePlan === input.mode;
    if (input.mode === "agentFullAccess" && current.mode !== "agentFullAccess" && !backFromPlan) {
      if (!(await this.options.confirmFullAccess())) return false;
    }
    const next: ModelChoiceView = {
      ...state.snapshot.modelChoice,
      ...(input.model !== undefined ? { model: input.model } : {}),
      ...(input.effort !== undefined ? { effort: input.effort } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
    };
    // A new model resets an effort it may not support, unless one was chosen with it.
    if (input.model !== undefined && input.effort === undefined) next.effort = null;
    // Entering Plan remembers where to go back to; leaving it forgets.
    if (next.mode === "plan" && current.mode !== "plan") next.modeBeforePlan = current.mode;
    if (next.mode !== "plan") delete next.modeBeforePlan;
    state.setModelChoice(next);
    // Plan is not kept across reloads: the mode to come back to is what is remembered (the one
    // before Plan, also in Restricted Mode, so trusting the folder later gives it back).
    const kept = next.mode === "plan" ? modeAfterPlan(next, true) : next.mode;
    this.options.saveChoice?.({ model: next.model, effort: next.effort, mode: kept });
    this.options.logger.info(
      `model choice: model=${next.model ?? "(codex default)"} effort=${next.effort ?? "(default)"} mode=${next.mode}`,
    );
    return true;
  }
}
