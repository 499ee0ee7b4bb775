/** The sidebar's layout: banner, header, sign-in or transcript, approval bar, composer. */
import { Component, type ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApprovalView } from "../../protocol/webview/viewModel";
import { reportError } from "../host";
import { StringsContext, t } from "../l10n";
import { useSelector, useView } from "../state/store";
import { AccountPanel } from "./AccountPanel";
import { PendingApprovalBar } from "./approvals/PendingApprovalBar";
import { BootError } from "./BootError";
import { Spinner } from "./common";
import { Composer } from "./Composer";
import { ConnectionBanner } from "./ConnectionBanner";
import { Header, type PanelName } from "./Header";
import { HistoryPanel } from "./HistoryPanel";
import { Notices } from "./Notices";
import { RestrictedModeBanner } from "./RestrictedModeBanner";
import { approvalRowKey } from "./rows";
import { SignIn } from "./SignIn";
import { Transcript } from "./Transcript";
import { readViewState, updateViewState } from "../viewState";
import type { VirtualListController } from "./VirtualList";

export class ErrorBoundary extends Component<{ children: ComponentChildren }> {
  override state: { error: string | null } = { error: null };
  static override getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  override componentDidCatch(error: unknown) {
    reportError(
      `render failed: ${error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error)}`,
    );
  }
  override render() {
    return this.state.error ? (
      <BootError message={t("boot.crashed", this.state.error)} />
    ) : (
      this.props.children
    );
  }
}

function useThemeSettings() {
  const settings = useView((view) => view.settings);
  useEffect(() => {
    const root = document.documentElement.style;
    if (settings.fontSize) root.setProperty("--codex-font-size", `${settings.fontSize}px`);
    else root.removeProperty("--codex-font-size");
    if (settings.editorFontSize)
      root.setProperty("--codex-editor-font-size", `${settings.editorFontSize}px`);
    else root.removeProperty("--codex-editor-font-size");
    if (settings.locale) document.documentElement.lang = settings.locale;
  }, [settings]);
}

/** Keeps the thread on screen in the view state (a Codex editor panel reopens it after a reload). */
function usePersistedThreadId() {
  const threadId = useView((view) => view.thread?.id ?? null);
  useEffect(() => {
    if (readViewState().threadId !== threadId) updateViewState({ threadId });
  }, [threadId]);
}

function Chat() {
  useThemeSettings();
  usePersistedThreadId();
  // Re-render the tree when the language changes; memoised rows follow via StringsContext.
  const language = useView((view) => view.language);
  const accountStatus = useView((view) => view.account.status);
  const codexDown = useView(
    (view) => view.connection.kind === "failed" || view.connection.kind === "stopped",
  );
  const [panel, setPanel] = useState<PanelName>(null);
  const controller = useRef<VirtualListController | null>(null);
  const reveal = useCallback((approval: ApprovalView) => {
    setPanel(null);
    // After the panel closes the transcript is mounted again.
    setTimeout(() => controller.current?.reveal(approvalRowKey(approval.id)), 0);
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && panel) {
      event.stopPropagation();
      setPanel(null);
    }
  };

  const needsSignIn = accountStatus === "signedOut" || accountStatus === "signingIn";
  const canChat = accountStatus === "signedIn" || accountStatus === "notRequired";
  let main;
  // With codex stopped or failed nobody is checking: the connection banner says what to do.
  if (accountStatus === "unknown")
    main = codexDown ? null : <Spinner label={t("account.checking")} />;
  else if (needsSignIn) main = <SignIn />;
  else if (panel === "history") main = <HistoryPanel onClose={() => setPanel(null)} />;
  else if (panel === "account") main = <AccountPanel onClose={() => setPanel(null)} />;
  else main = <Transcript controllerRef={controller} />;

  return (
    <StringsContext.Provider value={language}>
      <div class="app" onKeyDown={onKeyDown}>
        <ConnectionBanner />
        <RestrictedModeBanner />
        {/* The sign-in form has the view to itself: no thread header above it. */}
        {canChat && <Header panel={panel} onPanel={setPanel} />}
        <Notices />
        <main class="main">{main}</main>
        {canChat && (
          <>
            <PendingApprovalBar onReveal={reveal} />
            <Composer />
          </>
        )}
      </div>
    </StringsContext.Provider>
  );
}

export function App() {
  const hydrated = useSelector((state) => state.view !== null);
  const bootFailed = useSelector((state) => state.bootFailed);
  if (!hydrated) {
    return bootFailed ? (
      <BootError message={t("boot.noState")} />
    ) : (
      <div class="booting">
        <Spinner label={t("boot.loading")} />
      </div>
    );
  }
  return (
    <ErrorBoundary>
      <Chat />
    </ErrorBoundary>
  );
}
