/**
 * Model, reasoning effort and mode. A choice shows at once and is sent as `models/choose`; if the
 * host answers `applied: false` (the user declined full access) or fails, the picker reverts.
 */
import { useEffect, useState } from "preact/hooks";
import type { ChatMode, ModelChoiceView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { ErrorText } from "./common";

type Choice = Pick<ModelChoiceView, "model" | "effort" | "mode">;
const DEFAULT_MODEL = "";

export function Pickers() {
  const choice = useView((view) => view.modelChoice);
  const [override, setOverride] = useState<Partial<Choice> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A new choice from the host supersedes whatever was shown optimistically.
  useEffect(() => setOverride(null), [choice]);

  const model = override && "model" in override ? override.model! : choice.model;
  const effort = override && "effort" in override ? override.effort! : choice.effort;
  const mode = override?.mode ?? choice.mode;

  const models = choice.models;
  const selectedModel =
    models.find((option) => option.model === model) ?? models.find((option) => option.isDefault);
  const efforts = selectedModel?.efforts ?? [];

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

  return (
    <div class="pickers" role="toolbar" aria-label={t("pickers.label")}>
      <select
        class="select picker"
        aria-label={t("pickers.model")}
        title={t("pickers.model")}
        value={model ?? DEFAULT_MODEL}
        onChange={(event) => {
          const value = event.currentTarget.value;
          choose({ model: value === DEFAULT_MODEL ? null : value, effort: null });
        }}
      >
        <option value={DEFAULT_MODEL}>{t("pickers.defaultModel")}</option>
        {models.map((option) => (
          <option key={option.model} value={option.model} title={option.description}>
            {option.displayName}
          </option>
        ))}
      </select>
      {efforts.length > 0 && (
        <select
          class="select picker"
          aria-label={t("pickers.effort")}
          title={t("pickers.effort")}
          value={effort ?? ""}
          onChange={(event) => {
            const value = event.currentTarget.value;
            choose({ effort: value === "" ? null : value });
          }}
        >
          <option value="">{t("pickers.defaultEffort", selectedModel?.defaultEffort ?? "")}</option>
          {efforts.map((option) => (
            <option key={option.effort} value={option.effort} title={option.description}>
              {option.effort}
            </option>
          ))}
        </select>
      )}
      <select
        class="select picker"
        aria-label={t("pickers.mode")}
        title={t("pickers.mode")}
        value={mode}
        onChange={(event) => choose({ mode: event.currentTarget.value as ChatMode })}
      >
        <option value="chat">{t("mode.chat")}</option>
        <option value="agent">{t("mode.agent")}</option>
        <option value="agentFullAccess">{t("mode.agentFullAccess")}</option>
      </select>
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
