/**
 * Approvals that ask for input: the agent's questions (userInput) and MCP elicitations.
 * The buttons inside the `<form>`s are native on purpose: `vscode-button` is form-associated and
 * submits the surrounding form on Enter (so Enter on "Decline" would also send the answers), and
 * it never counts as the form's default button (so Enter in a text field would stop submitting a
 * form with several fields). The URL elicitation has no form and uses the toolkit buttons.
 */
import { useState } from "preact/hooks";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import type { ApprovalRequestView } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { Button, NativeButton } from "../common";

type ParamsOf<K extends ApprovalRequestView["kind"]> = Extract<
  ApprovalRequestView,
  { kind: K }
>["params"];

interface Answering {
  busy: boolean;
  answer(value: ApprovalAnswer): void;
}

const OTHER = "\u0000other";

export function UserInputApproval({
  params,
  busy,
  answer,
}: { params: ParamsOf<"userInput"> } & Answering) {
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const submit = (event: Event) => {
    event.preventDefault();
    const answers: Record<string, string[]> = {};
    for (const question of params.questions) {
      const choice = choices[question.id];
      const hasOptions = (question.options?.length ?? 0) > 0;
      const value =
        hasOptions && choice !== undefined && choice !== OTHER
          ? choice
          : (texts[question.id] ?? "");
      answers[question.id] = value ? [value] : [];
    }
    answer({ kind: "userInput", answers });
  };
  return (
    <form class="approval-body approval-form" onSubmit={submit}>
      {params.questions.map((question) => {
        const options = question.options ?? [];
        const choice = choices[question.id];
        const showText = options.length === 0 || choice === OTHER;
        const textId = `q-${params.itemId}-${question.id}`;
        return (
          <fieldset key={question.id} class="question">
            <legend>{question.header || question.question}</legend>
            {question.header && <div class="question-text">{question.question}</div>}
            {options.map((option) => (
              <label key={option.label} class="radio">
                <input
                  type="radio"
                  name={`q-${params.itemId}-${question.id}`}
                  value={option.label}
                  checked={choice === option.label}
                  onChange={() => setChoices({ ...choices, [question.id]: option.label })}
                />
                <span>
                  {option.label}
                  {option.description && <span class="muted"> — {option.description}</span>}
                </span>
              </label>
            ))}
            {options.length > 0 && question.isOther && (
              <label class="radio">
                <input
                  type="radio"
                  name={`q-${params.itemId}-${question.id}`}
                  checked={choice === OTHER}
                  onChange={() => setChoices({ ...choices, [question.id]: OTHER })}
                />
                <span>{t("approval.userInput.other")}</span>
              </label>
            )}
            {showText && (
              <input
                id={textId}
                class="input"
                type={question.isSecret ? "password" : "text"}
                autocomplete="off"
                aria-label={question.question || question.header}
                value={texts[question.id] ?? ""}
                onInput={(event) =>
                  setTexts({ ...texts, [question.id]: event.currentTarget.value })
                }
              />
            )}
          </fieldset>
        );
      })}
      <div class="approval-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t("approval.userInput.submit")}
        </button>
      </div>
    </form>
  );
}

interface Field {
  name: string;
  label: string;
  description: string | null;
  kind: "string" | "number" | "integer" | "boolean" | "choice";
  choices: { value: string; label: string }[];
  required: boolean;
  initial: string | number | boolean | undefined;
}

/** Only flat schemas of strings, numbers, booleans and single-choice enums are rendered. */
export function elicitationFields(schema: unknown): Field[] | null {
  if (typeof schema !== "object" || schema === null) return null;
  const { properties, required } = schema as { properties?: unknown; required?: unknown };
  if (typeof properties !== "object" || properties === null) return [];
  const requiredSet = new Set(Array.isArray(required) ? required.map(String) : []);
  const fields: Field[] = [];
  for (const [name, raw] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof raw !== "object" || raw === null) return null;
    const prop = raw as Record<string, unknown>;
    const label = typeof prop.title === "string" ? prop.title : name;
    const description = typeof prop.description === "string" ? prop.description : null;
    const base = { name, label, description, required: requiredSet.has(name), choices: [] };
    const initial = prop.default as Field["initial"];
    if (Array.isArray(prop.enum)) {
      const names = Array.isArray(prop.enumNames) ? prop.enumNames : [];
      fields.push({
        ...base,
        kind: "choice",
        initial,
        choices: prop.enum.map((value, i) => ({
          value: String(value),
          label: typeof names[i] === "string" ? (names[i] as string) : String(value),
        })),
      });
    } else if (Array.isArray(prop.oneOf)) {
      fields.push({
        ...base,
        kind: "choice",
        initial,
        choices: (prop.oneOf as { const?: unknown; title?: unknown }[]).map((option) => ({
          value: String(option.const),
          label: typeof option.title === "string" ? option.title : String(option.const),
        })),
      });
    } else if (
      prop.type === "string" ||
      prop.type === "number" ||
      prop.type === "integer" ||
      prop.type === "boolean"
    ) {
      fields.push({ ...base, kind: prop.type, initial });
    } else {
      return null;
    }
  }
  return fields;
}

export function ElicitationApproval({
  params,
  busy,
  answer,
}: { params: ParamsOf<"elicitation"> } & Answering) {
  const fields = params.mode === "url" ? [] : elicitationFields(params.requestedSchema);
  const [values, setValues] = useState<Record<string, string | number | boolean>>(() => {
    const initial: Record<string, string | number | boolean> = {};
    for (const field of fields ?? []) {
      if (field.initial !== undefined) initial[field.name] = field.initial;
      else if (field.kind === "boolean") initial[field.name] = false;
      else if (field.kind === "choice" && field.required && field.choices[0])
        initial[field.name] = field.choices[0].value;
    }
    return initial;
  });
  const set = (name: string, value: string | number | boolean) =>
    setValues({ ...values, [name]: value });
  const decline = () => answer({ kind: "elicitation", action: "decline", content: null });
  const cancel = () => answer({ kind: "elicitation", action: "cancel", content: null });

  if (params.mode === "url") {
    return (
      <div class="approval-body">
        <div class="approval-reason">{params.message}</div>
        <div class="muted">{t("approval.elicitation.server", params.serverName)}</div>
        <Button
          variant="link"
          icon="link-external"
          onClick={() => send("editor/openLink", { href: params.url })}
        >
          {params.url}
        </Button>
        <div class="approval-actions">
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => answer({ kind: "elicitation", action: "accept", content: null })}
          >
            {t("approval.accept")}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={decline}>
            {t("approval.decline")}
          </Button>
        </div>
      </div>
    );
  }

  const submit = (event: Event) => {
    event.preventDefault();
    const content: Record<string, string | number | boolean> = {};
    for (const field of fields ?? []) {
      const value = values[field.name];
      if (value === undefined || value === "") continue;
      if (field.kind === "number" || field.kind === "integer") {
        const number = Number(value);
        if (Number.isFinite(number)) content[field.name] = number;
      } else {
        content[field.name] = value;
      }
    }
    answer({ kind: "elicitation", action: "accept", content });
  };

  return (
    <form class="approval-body approval-form" onSubmit={submit}>
      <div class="approval-reason">{params.message}</div>
      <div class="muted">{t("approval.elicitation.server", params.serverName)}</div>
      {fields === null && <div class="muted">{t("approval.elicitation.unsupported")}</div>}
      {fields?.map((field) => {
        const id = `el-${params.serverName}-${field.name}`;
        const value = values[field.name];
        return (
          <div key={field.name} class="form-field">
            {field.kind === "boolean" ? (
              <label class="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => set(field.name, event.currentTarget.checked)}
                />
                <span>{field.label}</span>
              </label>
            ) : (
              <>
                <label for={id}>
                  {field.label}
                  {field.required && " *"}
                </label>
                {field.kind === "choice" ? (
                  <select
                    id={id}
                    class="select"
                    value={value === undefined ? "" : String(value)}
                    onChange={(event) => set(field.name, event.currentTarget.value)}
                  >
                    {!field.required && <option value="">—</option>}
                    {field.choices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    class="input"
                    type={field.kind === "string" ? "text" : "number"}
                    step={field.kind === "integer" ? 1 : undefined}
                    required={field.required}
                    value={value === undefined ? "" : String(value)}
                    onInput={(event) => set(field.name, event.currentTarget.value)}
                  />
                )}
              </>
            )}
            {field.description && <div class="muted">{field.description}</div>}
          </div>
        );
      })}
      <div class="approval-actions">
        {fields !== null && (
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t("approval.elicitation.submit")}
          </button>
        )}
        <NativeButton variant="secondary" disabled={busy} onClick={decline}>
          {t("approval.decline")}
        </NativeButton>
        <NativeButton variant="secondary" disabled={busy} onClick={cancel}>
          {t("common.cancel")}
        </NativeButton>
      </div>
    </form>
  );
}
