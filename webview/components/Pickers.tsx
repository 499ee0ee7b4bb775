/**
 * Model, reasoning effort and mode, as compact menu buttons under the message. A choice shows at
 * once and is sent as `models/choose`; if the host answers `applied: false` (the user declined
 * full access, which the host confirms) or fails, the picker reverts.
 *
 * The model button names the model that will answer: for "default" (codex's configured model)
 * that is the model list's default entry.
 */
import { useEffect, useState } from "preact/hooks";
import type { ChatMode, ModelChoiceView, ModelOption } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t, type MessageKey } from "../l10n";
import { onOpenPicker, type PickerName } from "../state/pickerRequests";
import { useView } from "../state/store";
import { ErrorText } from "./common";
import { MenuButton, type MenuChoice } from "./MenuButton";

type Choice = Pick<ModelChoiceView, "model" | "effort" | "mode">;
/** The menu's value for `model: null` / `effort: null` (codex's default). */
const DEFAULT = "";

const MODES: readonly {
  mode: ChatMode;
  icon: string;
  short: MessageKey;
  full: MessageKey;
  description: MessageKey;
}[] = [
  {
    mode: "chat",
    icon: "comment-discussion",
    short: "mode.chat",
    full: "mode.chat",
    description: "mode.chat.description",
  },
  {
    mode: "agent",
    icon: "agent",
    short: "mode.agent",
    full: "mode.agent",
    description: "mode.agent.description",
  },
  {
    mode: "agentFullAccess",
    icon: "warning",
    short: "mode.fullAccessShort",
    full: "mode.agentFullAccess",
    description: "mode.agentFullAccess.description",
  },
  {
    mode: "plan",
    icon: "checklist",
    short: "mode.plan",
    full: "mode.plan",
    description: "mode.plan.description",
  },
];

const EFFORT_KEYS: Record<string, MessageKey> = {
  none: "effort.none",
  minimal: "effort.minimal",
  low: "effort.low",
  medium: "effort.medium",
  high: "effort.high",
  xhigh: "effort.xhigh",
};

/** An effort as the user reads it; an effort this version does not know keeps codex's word. */
export function effortLabel(effort: string): string {
  const key = EFFORT_KEYS[effort];
  return key ? t(key) : effort;
}

/** The model codex uses for "default": the list's default entry. */
function defaultModel(models: readonly ModelOption[]): ModelOption | undefined {
  return models.find((option) => option.isDefault);
}

export function Pickers() {
  const choice = useView((view) => view.modelChoice);
  const [override, setOverride] = useState<Partial<Choice> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A new choice from the host supersedes whatever was shown optimistically.
  useEffect(() => setOverride(null), [choice]);

  const model = override && "model" in override ? override.model! : choice.model;
  const effort = override && "effort" in override ? override.effort! : choice.effort;
  const chosenMode = override?.mode ?? choice.mode;
  // Restricted Mode: the host runs codex read-only whatever was chosen; show what is in effect,
  // and Agent and Full access as off with the reason.
  const trusted = useView((view) => view.workspaceTrusted);
  // Plan is read-only too: Restricted Mode keeps it.
  const mode: ChatMode = trusted || chosenMode === "plan" ? chosenMode : "chat";
  const planUnsupported = choice.planModeSupported === false;

  const models = choice.models;
  const fallback = defaultModel(models);
  const selectedModel = models.find((option) => option.model === model) ?? fallback;
  const efforts = selectedModel?.efforts ?? [];

  // `/model`, `/reasoning`, `/approvals`: open that picker's menu.
  const [requests, setRequests] = useState<Record<PickerName, number>>({
    model: 0,
    effort: 0,
    mode: 0,
  });
  useEffect(() => {
    const subscription = onOpenPicker((picker) => {
      setError(null);
      setRequests((current) => ({ ...current, [picker]: current[picker] + 1 }));
    });
    return () => subscription.dispose();
  }, []);
  useEffect(() => {
    if (requests.effort > 0 && efforts.length === 0) setError(t("pickers.noEfforts"));
  }, [requests.effort]);

  const choose = (patch: Partial<Choice>) => {
    setOverride((current) => ({ ...current, ...patch }));
    setError(null);
    request("models/choose", patch)
      .then((result) => {
        if (!result.applied) setOverride(null);
      })
      .catch((err: unknown) => {
        setOverride(null);
        setError(errorMessage(err));
      });
  };

  const modelChoices: MenuChoice<string>[] = [
    {
      value: DEFAULT,
      label: t("pickers.defaultModel"),
      description: fallback ? fallback.displayName : t("pickers.defaultModelHint"),
    },
    ...models.map((option) => ({
      value: option.model,
      label: option.displayName,
      description: option.description || undefined,
    })),
  ];
  const modelText =
    model === null
      ? (fallback?.displayName ?? t("pickers.defaultModel"))
      : selectedModel?.model === model
        ? selectedModel.displayName
        : model;

  const defaultEffort = selectedModel?.defaultEffort ?? "";
  const effortChoices: MenuChoice<string>[] = [
    { value: DEFAULT, label: t("pickers.defaultEffort", effortLabel(defaultEffort)) },
    ...efforts.map((option) => ({
      value: option.effort,
      label: effortLabel(option.effort),
      description: option.description || undefined,
    })),
  ];

  const current = MODES.find((entry) => entry.mode === mode) ?? MODES[1]!;
  const modeChoices: MenuChoice<ChatMode>[] = MODES.map((entry) => ({
    value: entry.mode,
    label: t(entry.full),
    icon: entry.icon,
    description: t(entry.description),
    disabledReason:
      entry.mode === "plan"
        ? planUnsupported
          ? t("mode.plan.unsupported")
          : undefined
        : !trusted && entry.mode !== "chat"
          ? t("restricted.modeDisabled")
          : undefined,
  }));

  return (
    <>
      <div class="pickers" role="group" aria-label={t("pickers.label")}>
        <MenuButton
          class={`picker-mode picker-mode-${mode}`}
          name={t("pickers.mode")}
          text={t(current.short)}
          icon={current.icon}
          title={`${t("pickers.mode")}: ${t(current.full)} — ${t(current.description)}`}
          choices={modeChoices}
          value={mode}
          openRequest={requests.mode}
          onChoose={(next) => choose({ mode: next })}
        />
        <MenuButton
          class="picker-model"
          name={t("pickers.model")}
          text={choice.fast ? `${modelText} · ${t("pickers.fast")}` : modelText}
          icon={choice.fast ? "zap" : undefined}
          openRequest={requests.model}
          choices={modelChoices}
          value={model ?? DEFAULT}
          onChoose={(next) => choose({ model: next === DEFAULT ? null : next, effort: null })}
        />
        {efforts.length > 0 && (
          <MenuButton
            class="picker-effort"
            name={t("pickers.effort")}
            text={effortLabel(effort ?? defaultEffort)}
            choices={effortChoices}
            value={effort ?? DEFAULT}
            openRequest={requests.effort}
            onChoose={(next) => choose({ effort: next === DEFAULT ? null : next })}
          />
        )}
      </div>
      {error && (
        <div class="pickers-error">
          <ErrorText>{error}</ErrorText>
        </div>
      )}
    </>
  );
}
