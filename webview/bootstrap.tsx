/**
 * Wires the store to the host channel, renders the app, says `ready`, and starts the hydrate
 * watchdog. Separate from main.tsx so tests can mount a fresh app.
 */
import { render } from "preact";
import { App } from "./components/App";
import { channel, reportError } from "./host";
import { browserClock, FrameClockContext, type FrameClock } from "./markdown/frameClock";
import { warmUpMarkdown } from "./markdown/warmUp";
import { Store, StoreContext } from "./state/store";
import { registerToolkit } from "./toolkit";

export interface StartOptions {
  /** How long to wait for `state/hydrate` before showing an error with a Reload button. */
  hydrateTimeoutMs?: number;
  /** What paces streamed markdown (tests step it by hand); the browser's by default. */
  frameClock?: FrameClock;
}

export interface Started {
  store: Store;
  dispose(): void;
}

export function start(root: Element, options: StartOptions = {}): Started {
  // Before the first render, so the toolkit elements Preact creates are upgraded at once.
  registerToolkit();
  const store = new Store();
  const host = channel();
  const following = store.follow(host);
  const onError = (event: ErrorEvent) =>
    reportError(`uncaught: ${event.message} at ${event.filename}:${event.lineno}`);
  const onRejection = (event: PromiseRejectionEvent) =>
    reportError(`unhandled rejection: ${String(event.reason)}`);
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onRejection);

  render(
    <StoreContext.Provider value={store}>
      <FrameClockContext.Provider value={options.frameClock ?? browserClock}>
        <App />
      </FrameClockContext.Provider>
    </StoreContext.Provider>,
    root,
  );
  host.notify("ready", {});
  // In idle time, so the first streamed answer renders without a cold start.
  warmUpMarkdown();

  const watchdog = setTimeout(() => {
    if (store.getState().view) return;
    reportError("state/hydrate did not arrive");
    store.failBoot();
  }, options.hydrateTimeoutMs ?? 5_000);

  return {
    store,
    dispose: () => {
      clearTimeout(watchdog);
      following.dispose();
      window.removeEventListener("error", onError);
      window.removeEventListener("unhandledrejection", onRejection);
      render(null, root);
    },
  };
}
