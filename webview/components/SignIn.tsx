/**
 * Sign-in, shown while the account is signed out or signing in. The API key lives only in this
 * component's state: it is never persisted with setState, never logged, and cleared on submit.
 */
import { useState } from "preact/hooks";
import type { LoginFlowView } from "../../protocol/webview/viewModel";
import { errorMessage, request, send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, CopyButton, ErrorText, Icon, Spinner } from "./common";

function ApiKeyForm({ onError }: { onError(message: string | null): void }) {
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) return;
    setApiKey("");
    setBusy(true);
    onError(null);
    request("account/login", { method: "apiKey", apiKey: key })
      .catch((error: unknown) => onError(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  // Native input and submit button: the key must never sit in a component that mirrors its value
  // into attributes, and a form's submit button stays native (see toolkit.ts).
  return (
    <form class="signin-apikey" onSubmit={submit}>
      <label for="codex-api-key">{t("signIn.apiKeyLabel")}</label>
      <div class="row">
        <input
          id="codex-api-key"
          class="input"
          type="password"
          autocomplete="off"
          spellcheck={false}
          aria-describedby="codex-api-key-hint"
          placeholder="sk-…"
          value={apiKey}
          onInput={(event) => setApiKey(event.currentTarget.value)}
        />
        <button type="submit" class="btn btn-secondary" disabled={busy || !apiKey.trim()}>
          {t("signIn.apiKeySubmit")}
        </button>
      </div>
      {/* codex stores a key without trying it; say when it is tried, so no one reads "saved" as "works". */}
      <p id="codex-api-key-hint" class="muted">
        {t("signIn.apiKeyHint")}
      </p>
    </form>
  );
}

function FlowInProgress({ flow }: { flow: LoginFlowView }) {
  const cancel = (
    <Button variant="secondary" onClick={() => send("account/cancelLogin", {})}>
      {t("common.cancel")}
    </Button>
  );
  switch (flow.kind) {
    case "apiKey":
      return (
        <div class="signin-flow">
          <Spinner label={t("signIn.checkingKey")} />
          {cancel}
        </div>
      );
    case "browser":
      return (
        <div class="signin-flow">
          <Spinner label={t("signIn.browserWaiting")} />
          <Button
            variant="link"
            icon="link-external"
            onClick={() => send("editor/openLink", { href: flow.authUrl })}
          >
            {t("signIn.browserOpenAgain")}
          </Button>
          {cancel}
        </div>
      );
    case "deviceCode":
      return (
        <div class="signin-flow">
          <div>{t("signIn.deviceInstructions")}</div>
          <div class="device-field">
            <span class="muted">{t("signIn.deviceUrl")}</span>
            <Button
              variant="link"
              onClick={() => send("editor/openLink", { href: flow.verificationUrl })}
            >
              {flow.verificationUrl}
            </Button>
            <CopyButton text={flow.verificationUrl} label={t("signIn.copyUrl")} />
          </div>
          <div class="device-field">
            <span class="muted">{t("signIn.deviceCode")}</span>
            <code class="device-code" aria-label={t("signIn.deviceCode")}>
              {flow.userCode}
            </code>
            <CopyButton text={flow.userCode} label={t("signIn.copyCode")} />
          </div>
          <Spinner label={t("signIn.deviceWaiting")} />
          {cancel}
        </div>
      );
  }
}

export function SignIn() {
  const account = useView((view) => view.account);
  const [localError, setLocalError] = useState<string | null>(null);
  if (account.status !== "signedOut" && account.status !== "signingIn") return null;
  const error = localError ?? account.error ?? null;
  return (
    <section class="signin" aria-labelledby="signin-title">
      <Icon name="account" />
      <h2 id="signin-title">{t("signIn.title")}</h2>
      <p class="muted">{t("signIn.subtitle")}</p>
      {error && <ErrorText>{error}</ErrorText>}
      {account.status === "signingIn" ? (
        <FlowInProgress flow={account.flow} />
      ) : (
        <div class="signin-options">
          <Button
            variant="primary"
            icon="globe"
            onClick={() => {
              setLocalError(null);
              send("account/login", { method: "chatgpt" });
            }}
          >
            {t("signIn.chatgpt")}
          </Button>
          <Button
            variant="secondary"
            icon="device-mobile"
            onClick={() => {
              setLocalError(null);
              send("account/login", { method: "deviceCode" });
            }}
          >
            {t("signIn.deviceCodeButton")}
          </Button>
          <div class="divider" role="separator">
            <vscode-divider role="presentation" />
            <span>{t("signIn.or")}</span>
            <vscode-divider role="presentation" />
          </div>
          <ApiKeyForm onError={setLocalError} />
        </div>
      )}
    </section>
  );
}
