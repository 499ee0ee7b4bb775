/**
 * 16. Resume a long thread: a 5,000-turn thread written as the rollout the real codex writes
 * (bench/generate/rollout.ts, from a short thread this codex recorded with the mock model) in
 * the test CODEX_HOME, opened from the sidebar's history list in code-server. Measured in the
 * webview frame: the click on the thread's row → the latest turn's answer on screen; then,
 * page after page, the transcript scrolled to the top → the rows of the next older page in the
 * DOM (a frame later). The host's heap (extension host, through bench/extHost/heapProbe.cjs) and
 * the renderer's JS heap (CDP, after a full GC) before the click and after the pages.
 *
 * Baselines, measured by a protocol client on the same codex and CODEX_HOME before code-server
 * opens the thread: `thread/resume` (excludeTurns) round trip, and `thread/turns/list` pages of
 * the size the host asks for. The thread is first resumed once by a throwaway client: codex
 * indexes a rollout it did not write itself on its first resume (its own threads are indexed as
 * they are written), which is not what a user's click waits for.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { TURN_PAGE_SIZE } from "../../extension/bridge/threadHistory";
import { codexNativeBinaryPath, createCodexHome } from "../../test/support/codexHome";
import { startMockModel } from "../../test/support/mockModel/server";
import { generateRollout, type GeneratedTurn } from "../generate/rollout";
import { codeServerHarness, openSidebar, REPO } from "../lib/codeServer";
import { log, median, report, skipped, spread } from "../lib/report";
import { codexClient, recordRolloutTemplate } from "../lib/rolloutTemplate";

const TURNS = Number(process.env.BENCH_RESUME_TURNS ?? 5_000);
const PAGES = Number(process.env.BENCH_RESUME_PAGES ?? 10);
const NAME = "16 resume: click → latest turn on screen";
const OPEN_TARGET = "≤ 500 ms";
const PAGE_TARGET = "each ≤ 150 ms";
const MB = 1e6;
/** Diagnosis: BENCH_RESUME_PROFILE=/tmp/r writes /tmp/r-host.cpuprofile and /tmp/r-renderer.cpuprofile of the paging. */
const PROFILE = process.env.BENCH_RESUME_PROFILE;

interface ProtocolTimes {
  firstResume: number;
  read: number;
  latestPage: number;
  resume: number;
  pages: number[];
}

/** The thread through a protocol client: codex's own times for what the host asks of it. */
async function protocolTimes(home: string, threadId: string): Promise<ProtocolTimes> {
  const request = { limit: TURN_PAGE_SIZE, sortDirection: "desc", itemsView: "full" } as const;
  // The one-time indexing of a rollout codex did not write (see the header).
  const first = codexClient(home, "codex-vscode-bench-index");
  let firstResume: number;
  try {
    const client = await first.ensureStarted();
    const started = performance.now();
    await client.request("thread/resume", { threadId, excludeTurns: true }, { timeoutMs: "none" });
    firstResume = performance.now() - started;
  } finally {
    await first.stop();
  }
  const supervisor = codexClient(home, "codex-vscode-bench-baseline");
  try {
    const client = await supervisor.ensureStarted();
    const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
      const started = performance.now();
      const result = await run();
      return [result, performance.now() - started];
    };
    const [, read] = await timed(() =>
      client.request("thread/read", { threadId, includeTurns: false }),
    );
    const [, latestPage] = await timed(() =>
      client.request("thread/turns/list", { threadId, cursor: null, ...request }),
    );
    const [, resume] = await timed(() =>
      client.request("thread/resume", { threadId, excludeTurns: true }, { timeoutMs: "none" }),
    );
    const pages: number[] = [];
    let [page] = await timed(() =>
      client.request("thread/turns/list", { threadId, cursor: null, ...request }),
    );
    for (let i = 0; i < PAGES && page.nextCursor; i++) {
      const cursor = page.nextCursor;
      let ms: number;
      [page, ms] = await timed(() =>
        client.request("thread/turns/list", { threadId, cursor, ...request }),
      );
      pages.push(ms);
    }
    return { firstResume, read, latestPage, resume, pages };
  } finally {
    await supervisor.stop();
  }
}

/** The ids of the turns of older page `n` (1: the page before the latest one). */
function pageTurnIds(turns: readonly GeneratedTurn[], n: number): string[] {
  const end = turns.length - n * TURN_PAGE_SIZE;
  return turns.slice(Math.max(0, end - TURN_PAGE_SIZE), end).map((t) => t.id);
}

/**
 * Where a page's time went, in ms after scrollTop = 0 (-1: not seen): the list's scroll event,
 * the "loading" row (the page was not held ahead: the request is on its way to the host, and the
 * reader waits for it), the page's rows in the DOM. The frame after them ends the page's time.
 * (The host's post is not among them: a "message" listener added from here saw none of the
 * host's posts.)
 */
interface PageSteps {
  scroll: number;
  asked: number;
  rows: number;
}

function stepMedians(steps: readonly PageSteps[], pages: readonly number[]): string {
  const seen = (pick: (s: PageSteps) => number) => steps.map(pick).filter((ms) => ms >= 0);
  const of = (pick: (s: PageSteps) => number) => median(seen(pick)).toFixed(0);
  const waited = seen((s) => s.asked).length;
  const loading = waited > 0 ? `loading row ${of((s) => s.asked)} (` : "no loading row (";
  return `scroll event ${of((s) => s.scroll)}, ${loading}${waited} of ${steps.length} pages waited for the host), the page's rows in the DOM ${of((s) => s.rows)}, a frame later ${median(pages).toFixed(0)}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
async function main(): Promise<void> {
  const tools = await codeServerHarness("16", NAME, OPEN_TARGET);
  if (!tools) return;
  const { codeServer, browser: browserLib } = tools;
  const started = Date.now();
  const template = await recordRolloutTemplate();
  const model = await startMockModel({ keepRequests: false });
  const home = await createCodexHome({ modelUrl: model.url, approvalPolicy: "never" });
  const workspace = mkdtempSync(path.join(tmpdir(), "codex-bench-ws-"));
  const rollout = generateRollout(template, {
    turns: TURNS,
    seed: 16,
    workspace,
    home: home.dir,
    startMs: Date.parse("2026-11-02T09:00:00Z"),
  });
  const file = path.join(home.dir, rollout.relativePath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, rollout.text);
  log(
    `resume: ${TURNS} turns, ${(rollout.text.length / MB).toFixed(1)} MB rollout (template and generation ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  let server: any;
  let browser: any;
  const heapPort: number = await codeServer.freePort();
  try {
    const protocol = await protocolTimes(home.dir, rollout.threadId);
    log(
      `  protocol: first resume ${protocol.firstResume.toFixed(0)} ms (indexing), then resume ${protocol.resume.toFixed(0)} ms, latest page ${protocol.latestPage.toFixed(0)} ms, older pages [${spread(protocol.pages, 0)}] ms`,
    );
    server = await codeServer.startCodeServer({
      workspace,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, "bench/extHost/heapProbe.cjs"),
      env: {
        CODEX_HOME: home.dir,
        BENCH_HEAP_PORT: String(heapPort),
        ...(PROFILE ? { BENCH_HOST_PROFILE: `${PROFILE}-host.cpuprofile` } : {}),
      },
      settings: { "chatgpt.cliExecutable": codexNativeBinaryPath() },
      timeoutMs: 60_000,
    });
    browser = await browserLib.launchChromium();
    const page = await browserLib.openWorkbench(browser, server.workbenchUrl());
    const hostHeap = async (): Promise<number> => {
      const response = await fetch(`http://127.0.0.1:${heapPort}/heap`);
      return ((await response.json()) as { heapUsed: number }).heapUsed / MB;
    };
    const frame = await openSidebar(page);
    // The webview's frame shares the workbench's renderer unless it runs out of process.
    let cdp: any;
    let heapScope = "the webview's own renderer";
    try {
      cdp = await page.context().newCDPSession(frame);
    } catch {
      cdp = await page.context().newCDPSession(page);
      heapScope = "the workbench's renderer (the webview frame shares it)";
    }
    const webviewHeap = async (): Promise<number> => {
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize / MB;
    };

    await frame.click('[aria-label="History"]');
    const row = frame.locator(".history-main", { hasText: "Question 1:" });
    await row.waitFor({ timeout: 30_000 });
    await frame.waitForTimeout(500); // the panel's work is done before the heaps are taken
    const before = { host: await hostHeap(), webview: await webviewHeap() };

    // The click → the latest answer's text in the transcript, then a frame later.
    // The watcher is installed first (its promise kept on the page), then the row is clicked.
    await frame.evaluate((expected: string) => {
      (globalThis as any).__opened = new Promise<number>((resolve, reject) => {
        (globalThis as any).__name = (f: unknown) => f;
        let clickedAt = -1;
        const onClick = (event: Event) => {
          if ((event.target as Element).closest(".history-main")) clickedAt = performance.now();
        };
        document.addEventListener("click", onClick, true);
        const check = () => {
          if (clickedAt < 0) return;
          for (const el of Array.from(document.querySelectorAll(".agent-message"))) {
            if (!(el.textContent ?? "").includes(expected)) continue;
            observer.disconnect();
            document.removeEventListener("click", onClick, true);
            requestAnimationFrame(() => resolve(performance.now() - clickedAt));
            return;
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`"${expected}" did not show within 60 s`)), 60_000);
      });
    }, `Answer ${TURNS}.`);
    await row.click();
    const open = await frame.evaluate(() => (globalThis as any).__opened as Promise<number>);
    log(`  open: ${open.toFixed(0)} ms`);

    // Scroll to the top, page after page: → the page's rows in the DOM, then a frame later.
    // Codex goes on loading the thread after its turns are shown (thread/resume); paging starts
    // once that is over (the transcript is no longer busy), not competing with it.
    await frame.locator('.transcript[aria-busy="false"]').waitFor({ timeout: 60_000 });
    const rendererCdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (rendererCdp) {
      await fetch(`http://127.0.0.1:${heapPort}/profile/start`);
      await rendererCdp.send("Profiler.enable");
      await rendererCdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await rendererCdp.send("Profiler.start");
    }
    // Where the renderer's main thread went during the pages (it runs the workbench too).
    const rendererMetrics = async (): Promise<Record<string, number>> => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      return Object.fromEntries(
        (metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]),
      );
    };
    await cdp.send("Performance.enable");
    const busyBefore = await rendererMetrics();
    const pages: number[] = [];
    const steps: PageSteps[] = [];
    for (let n = 1; n <= PAGES; n++) {
      const ids = pageTurnIds(rollout.turns, n);
      if (ids.length === 0) break;
      // A reader pauses between pages; the list also lets the previous load settle.
      await frame.waitForTimeout(300);
      const timed = await frame.evaluate(
        (ids: string[]) =>
          new Promise<{ ms: number; steps: PageSteps }>((resolve, reject) => {
            (globalThis as any).__name = (f: unknown) => f;
            const list = document.querySelector<HTMLElement>(".vlist");
            if (!list) return reject(new Error("no transcript list"));
            const shown = () =>
              Array.from(document.querySelectorAll(".vrow")).some((row) => {
                const key = row.getAttribute("data-row-key") ?? "";
                return !key.startsWith("older:") && ids.some((id) => key.includes(id));
              });
            const started = performance.now();
            const at = () => performance.now() - started;
            const steps: PageSteps = { scroll: -1, asked: -1, rows: -1 };
            list.addEventListener("scroll", () => (steps.scroll = at()), { once: true });
            const observer = new MutationObserver(() => {
              if (steps.asked < 0 && list.querySelector(".older-turns .spinner"))
                steps.asked = at();
              if (!shown()) return;
              steps.rows = at();
              observer.disconnect();
              requestAnimationFrame(() => resolve({ ms: at(), steps }));
            });
            observer.observe(list, { childList: true, subtree: true });
            list.scrollTop = 0;
            setTimeout(() => reject(new Error("the older page did not show within 20 s")), 20_000);
          }),
        ids,
      );
      pages.push(timed.ms);
      steps.push(timed.steps);
    }
    const busyAfter = await rendererMetrics();
    /** A counter's growth per page (durations in ms). */
    const perPage = (name: string, scale = 1000) =>
      (((busyAfter[name] ?? 0) - (busyBefore[name] ?? 0)) * scale) / Math.max(1, pages.length);
    const busy = `per page the renderer spent ${perPage("ScriptDuration").toFixed(0)} ms in script, ${perPage("LayoutDuration").toFixed(0)} ms in layout (${perPage("LayoutCount", 1).toFixed(1)} layouts), ${perPage("RecalcStyleDuration").toFixed(0)} ms in style, ${perPage("TaskDuration").toFixed(0)} ms in tasks in all (CDP Performance.getMetrics, pauses included)`;
    log(`  pages: ${pages.map((p) => p.toFixed(0)).join(", ")} ms; ${busy}`);
    log(`  per page, median ms after scrollTop = 0: ${stepMedians(steps, pages)}`);
    if (rendererCdp) {
      await fetch(`http://127.0.0.1:${heapPort}/profile/stop`);
      const { profile } = await rendererCdp.send("Profiler.stop");
      writeFileSync(`${PROFILE}-renderer.cpuprofile`, JSON.stringify(profile));
      log(`  profiles: ${PROFILE}-host.cpuprofile, ${PROFILE}-renderer.cpuprofile`);
    }
    await frame.waitForTimeout(500);
    const after = { host: await hostHeap(), webview: await webviewHeap() };
    await fetch(`http://127.0.0.1:${heapPort}/quit`).catch(() => undefined);

    const worst = Math.max(...pages);
    const basePage = median(protocol.pages);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    report("16", [
      {
        name: NAME,
        value: open,
        unit: "ms",
        baseline: protocol.resume,
        baselineUnit: "ms resume",
        ratio: open / protocol.resume,
        target: OPEN_TARGET,
        pass: open <= 500,
        detail: `${TURNS.toLocaleString("en")} turns (${(rollout.text.length / MB).toFixed(0)} MB rollout), click on the history row → "Answer ${TURNS}." in the transcript + a frame; codex at the protocol: thread/resume ${protocol.resume.toFixed(0)} ms, thread/read ${protocol.read.toFixed(0)} ms, latest page of ${TURN_PAGE_SIZE} turns (thread/turns/list) ${protocol.latestPage.toFixed(0)} ms; the first resume ever of the written rollout ${(protocol.firstResume / 1000).toFixed(1)} s (codex indexes it once, not timed); one open per run, ${seconds} s in all`,
      },
      {
        name: "16 resume: scroll to top → older page",
        value: worst,
        unit: "ms",
        baseline: basePage,
        baselineUnit: "ms turns/list",
        ratio: worst / basePage,
        target: PAGE_TARGET,
        pass: worst <= 150,
        detail: `slowest of ${pages.length} pages of ${TURN_PAGE_SIZE} turns (median ${median(pages).toFixed(0)} ms, [${spread(pages, 0)}]); scrollTop = 0 → a row of the page's turns in the DOM + a frame, 300 ms apart, once codex has loaded the thread; median ms after scrollTop = 0: ${stepMedians(steps, pages)}; ${busy}; baseline: codex's thread/turns/list per page, median of [${spread(protocol.pages, 0)}] ms`,
      },
      {
        name: "16 resume: extension host heap",
        value: after.host,
        unit: "MB",
        baseline: before.host,
        baselineUnit: "MB before",
        ratio: after.host / before.host,
        target: "info",
        pass: null,
        detail: `heapUsed after gc() in code-server's extension host (all its extensions), with the thread open and ${pages.length} older pages loaded, vs before the click: +${(after.host - before.host).toFixed(1)} MB`,
      },
      {
        name: "16 resume: webview JS heap",
        value: after.webview,
        unit: "MB",
        baseline: before.webview,
        baselineUnit: "MB before",
        ratio: after.webview / before.webview,
        target: "info",
        pass: null,
        detail: `CDP Runtime.getHeapUsage after a full GC, ${heapScope}, same moments: +${(after.webview - before.webview).toFixed(1)} MB`,
      },
    ]);
  } catch (error) {
    report("16", [
      skipped(
        NAME,
        OPEN_TARGET,
        `the resume flow did not work: ${String(error).split("\n")[0]!.slice(0, 300)}`,
      ),
    ]);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await model.close();
    await home.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
