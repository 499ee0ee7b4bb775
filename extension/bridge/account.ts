/**
 * Sign-in state. `account/read` (never refreshing tokens on its own) becomes the AccountView;
 * a custom provider that needs no OpenAI sign-in is `notRequired` and goes straight to the chat.
 * Login flows run through codex (`account/login/start`), which finishes them and tells us with
 * `account/login/completed` / `account/updated`.
 *
 * An API key goes straight to codex: it is never stored, logged or put into the view state.
 */
import type { GetAccountResponse } from "../../protocol/codex/v2/GetAccountResponse";
import type { LoginAccountResponse } from "../../protocol/codex/v2/LoginAccountResponse";
import type { WebviewRequestParams } from "../../protocol/webview/messages";
import type { AccountView, LoginFlowView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import type { Logger } from "../log";
import { l10n } from "../l10n";
import type { ChatState } from "./chatState";
import type { ServerNotificationParams } from "../../protocol/codexRpc";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";

export type LoginRequest = WebviewRequestParams<"account/login">;

/** The sidebar's view of `account/read`. */
export function deriveAccountView(response: GetAccountResponse): AccountView {
  if (response.account) return { status: "signedIn", account: response.account };
  if (!response.requiresOpenaiAuth) return { status: "notRequired" };
  return { status: "signedOut" };
}

/** The flow to show while a login started by `account/login/start` is under way. */
export function loginFlowView(response: LoginAccountResponse): LoginFlowView | null {
  switch (response.type) {
    case "chatgpt":
      return { kind: "browser", loginId: response.loginId, authUrl: response.authUrl };
    case "chatgptDeviceCode":
      return {
        kind: "deviceCode",
        loginId: response.loginId,
        verificationUrl: response.verificationUrl,
        userCode: response.userCode,
      };
    default:
      // apiKey and the others complete synchronously.
      return null;
  }
}

export interface AccountControllerOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
  /** Opens a URL in the user's browser (`vscode.env.openExternal`). */
  openExternal: (url: string) => Promise<boolean>;
}

export class AccountController {
  constructor(private readonly options: AccountControllerOptions) {}

  /** Sign-in results, account changes and rate limits, as codex announces them. */
  readonly notifications: NotificationHandlers = {
    "account/login/completed": (params) => this.onLoginCompleted(params),
    "account/updated": () => void this.refresh(),
    "account/rateLimits/updated": ({ rateLimits }) => this.options.state.setRateLimits(rateLimits),
  };

  /** Re-reads the account; errors end as `signedOut` with the reason rather than a throw. */
  async refresh(): Promise<AccountView> {
    const { port, state, logger } = this.options;
    try {
      const response = await port.request("account/read", { refreshToken: false });
      const view = deriveAccountView(response);
      state.setAccount(this.keepLoginFlow(view));
      return view;
    } catch (error) {
      logger.warn(`account/read failed: ${describeError(error)}`);
      const view: AccountView = { status: "unknown" };
      state.setAccount(view);
      return view;
    }
  }

  async login(request: LoginRequest): Promise<void> {
    const { port, state, logger } = this.options;
    this.cancelPendingFlowLocally();
    try {
      if (request.method === "apiKey") {
        state.setAccount({ status: "signingIn", flow: { kind: "apiKey" } });
        logger.info("signing in with an API key");
        await port.request("account/login/start", { type: "apiKey", apiKey: request.apiKey });
        await this.refresh();
        return;
      }
      const response = await port.request(
        "account/login/start",
        request.method === "chatgpt" ? { type: "chatgpt" } : { type: "chatgptDeviceCode" },
      );
      const flow = loginFlowView(response);
      if (!flow) {
        await this.refresh();
        return;
      }
      logger.info(`sign-in started (${flow.kind})`);
      state.setAccount({ status: "signingIn", flow });
      if (flow.kind === "browser") {
        const opened = await this.options.openExternal(flow.authUrl);
        if (!opened) logger.warn("could not open the sign-in page in the browser");
      }
    } catch (error) {
      // describeError gives codex's message only: the request (and so the key) is never echoed.
      const message = describeError(error);
      logger.warn(`sign-in failed: ${message}`);
      state.setAccount({ status: "signedOut", error: message });
    }
  }

  async cancelLogin(): Promise<void> {
    const account = this.options.state.snapshot.account;
    if (account.status !== "signingIn") return;
    const flow = account.flow;
    if (flow.kind !== "apiKey") {
      try {
        await this.options.port.request("account/login/cancel", { loginId: flow.loginId });
      } catch (error) {
        this.options.logger.warn(`account/login/cancel failed: ${describeError(error)}`);
      }
    }
    this.options.state.setAccount({ status: "signedOut" });
    await this.refresh();
  }

  async logout(): Promise<void> {
    await this.options.port.request("account/logout", undefined);
    this.options.logger.info("signed out");
    await this.refresh();
  }

  private onLoginCompleted({
    success,
    error,
    loginId,
  }: ServerNotificationParams<"account/login/completed">): void {
    const account = this.options.state.snapshot.account;
    const ours =
      account.status === "signingIn" &&
      (loginId === null || account.flow.kind === "apiKey" || account.flow.loginId === loginId);
    if (!ours) return;
    if (success) {
      this.options.logger.info("sign-in completed");
      void this.refresh();
    } else {
      this.options.logger.warn(`sign-in did not complete: ${error ?? "no reason given"}`);
      this.options.state.setAccount({
        status: "signedOut",
        error: error ?? l10n.t("Sign-in did not complete."),
      });
    }
  }

  /** While a browser/device flow runs, a signed-out read must not hide the flow. */
  private keepLoginFlow(view: AccountView): AccountView {
    const current = this.options.state.snapshot.account;
    if (
      current.status === "signingIn" &&
      current.flow.kind !== "apiKey" &&
      view.status === "signedOut"
    ) {
      return current;
    }
    return view;
  }

  private cancelPendingFlowLocally(): void {
    const current = this.options.state.snapshot.account;
    if (current.status === "signingIn" && current.flow.kind !== "apiKey") {
      void this.options.port
        .request("account/login/cancel", { loginId: current.flow.loginId })
        .catch(() => undefined);
    }
  }
}
