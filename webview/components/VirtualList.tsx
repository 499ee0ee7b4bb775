/**
 * A small windowing list for the transcript. Only rows near the viewport are in the DOM; the rest
 * is represented by top and bottom padding computed from measured heights (or estimates for rows
 * never rendered). Sticks to the bottom while content grows unless the user scrolled up.
 */
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { t } from "../l10n";
import { Button } from "./common";

export interface VirtualListController {
  /** Scrolls `key` into view and focuses the first focusable control in it. */
  reveal(key: string): void;
}

interface Props<T> {
  rows: readonly T[];
  getKey(row: T): string;
  estimateHeight(row: T): number;
  renderRow(row: T): ComponentChildren;
  /** Scroll position to start from; null starts at the bottom. */
  initialScrollTop: number | null;
  onScrollPositionChange?(scrollTop: number | null): void;
  /** The user scrolled to (near) the top: older rows may be loaded and put in front. */
  onNearTop?(): void;
  controllerRef?: { current: VirtualListController | null };
  label: string;
}

const OVERSCAN_PX = 600;
const BOTTOM_SLACK_PX = 40;
/** Scrolled this close to the top counts as at the top (older rows are fetched). */
const NEAR_TOP_PX = 200;
/**
 * A reader scrolling up this close to the top, in viewports, gets the older rows fetched while
 * there is still that much to read, so scrolling up at a reading pace never waits.
 */
const READ_AHEAD_VIEWPORTS = 2;
/** Used before the container has a size (e.g. in tests without layout). */
const FALLBACK_VIEWPORT = 800;

/** Index of the last offset <= value (offsets ascending, offsets[0] = 0). */
function findIndex(offsets: readonly number[], value: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * How far the first row shown before stands lower now: the height of rows put in front of it.
 * 0 when nothing was put in front (rows appended, changed or removed).
 */
export function heightPrepended(
  before: { keys: readonly string[]; offsets: readonly number[] } | null,
  keys: readonly string[],
  offsets: readonly number[],
): number {
  if (!before || before.keys === keys || before.keys.length === 0 || keys.length === 0) return 0;
  if (before.keys[0] === keys[0]) return 0;
  const now = new Map(keys.map((key, index) => [key, index]));
  const anchor = before.keys.findIndex((key) => now.has(key));
  if (anchor === -1) return 0;
  const index = now.get(before.keys[anchor]!)!;
  return index > anchor ? Math.max(0, offsets[index]! - before.offsets[anchor]!) : 0;
}

/**
 * A row's height as the browser laid it out, from its ResizeObserver entry: the border box, as
 * `offsetHeight` would give it, read after that layout rather than forcing one.
 */
function observedHeight(entry: ResizeObserverEntry): number {
  const box = entry.borderBoxSize?.[0];
  return box ? box.blockSize : (entry.target as HTMLElement).offsetHeight;
}

export function VirtualList<T>(props: Props<T>) {
  const { rows, getKey, estimateHeight, renderRow } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const stick = useRef(props.initialScrollTop === null);
  const [scrollTop, setScrollTop] = useState(props.initialScrollTop ?? 0);
  const [viewport, setViewport] = useState(0);
  const [measureVersion, setMeasureVersion] = useState(0);
  const [atBottom, setAtBottom] = useState(stick.current);
  const pendingReveal = useRef<string | null>(null);
  /**
   * Where the list was at the last scroll event or when it last followed the bottom, and the
   * viewport's height then: to tell the reader scrolling up from the browser moving the position.
   */
  const lastScrollTop = useRef(0);
  const lastClientHeight = useRef(0);
  const frame = useRef<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const elements = useRef(new Map<Element, string>());

  const keys = useMemo(() => rows.map(getKey), [rows, getKey]);
  const offsets = useMemo(() => {
    const result = new Array<number>(rows.length + 1);
    result[0] = 0;
    for (let i = 0; i < rows.length; i++) {
      result[i + 1] = result[i]! + (heights.current.get(keys[i]!) ?? estimateHeight(rows[i]!));
    }
    return result;
    // measureVersion: recompute when a row's measured height changed
  }, [rows, keys, estimateHeight, measureVersion]);
  // Rows put in front of the ones shown (older turns): what the user reads moves down by the
  // height added above it, and so does the scroll position (in this render's window already,
  // then in the container, after the render).
  const previous = useRef<{ keys: readonly string[]; offsets: readonly number[] } | null>(null);
  /** The rows of the last render by key, with their index in it (to place a measured row). */
  const rendered = useRef(new Map<string, number>());
  const prepended = stick.current ? 0 : heightPrepended(previous.current, keys, offsets);
  const total = offsets[rows.length]!;
  const viewHeight = viewport || FALLBACK_VIEWPORT;
  const effectiveTop = stick.current ? Math.max(0, total - viewHeight) : scrollTop + prepended;
  const start = rows.length === 0 ? 0 : findIndex(offsets, Math.max(0, effectiveTop - OVERSCAN_PX));
  const end =
    rows.length === 0
      ? -1
      : Math.min(rows.length - 1, findIndex(offsets, effectiveTop + viewHeight + OVERSCAN_PX));

  /** Shows the bottom, and remembers it as where the list is now (see `onScroll`). */
  const followBottom = useCallback((container: HTMLElement) => {
    container.scrollTop = container.scrollHeight;
    lastScrollTop.current = container.scrollTop;
    lastClientHeight.current = container.clientHeight;
  }, []);

  // A restored reading position: the first window is rendered around it, and the list (a new
  // element, at 0) is scrolled there too, or it would show the top, or the blank space above it.
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container || props.initialScrollTop === null) return;
    container.scrollTop = props.initialScrollTop;
    lastScrollTop.current = container.scrollTop;
    lastClientHeight.current = container.clientHeight;
  }, []);

  /** Renders again, a frame later, with the heights measured since the last render. */
  const scheduleRender = useCallback(() => {
    if (frame.current !== null) return;
    const run = () => {
      frame.current = null;
      setMeasureVersion((v) => v + 1);
    };
    frame.current =
      typeof requestAnimationFrame === "function"
        ? requestAnimationFrame(run)
        : (setTimeout(run, 16) as unknown as number);
  }, []);

  /**
   * Rows that appeared or changed height, with the sizes of the layout the browser just made:
   * taken from the observer's entries rather than from every row's offsetHeight in an animation
   * frame, which forced a layout of the list before the browser's own (about 20 ms a page of
   * older turns). A row above what the user reads moves it by the difference between its height
   * and the one its place was computed with (an estimate for a row never shown, rows put in
   * front included): the position is corrected by as much here, before the frame is painted.
   * The list renders again a frame later, not here: rows rendered now would be new rows to
   * observe in this same frame, past the observer's loop limit.
   */
  const onRowsResized = useCallback(
    (entries: readonly ResizeObserverEntry[]) => {
      const container = containerRef.current;
      const layout = previous.current;
      const scrollTop = container?.scrollTop ?? 0;
      let changed = false;
      let anchorDelta = 0;
      for (const entry of entries) {
        const key = elements.current.get(entry.target);
        if (key === undefined) continue;
        const height = observedHeight(entry);
        if (!height) continue;
        const index = rendered.current.get(key);
        const placed =
          heights.current.get(key) ??
          (layout && index !== undefined
            ? layout.offsets[index + 1]! - layout.offsets[index]!
            : height);
        if (heights.current.get(key) === height) continue;
        heights.current.set(key, height);
        changed = true;
        // Only a row wholly above the top moves what is read. One reaching into the view grows
        // at its end (a streamed answer read while it streams): the text in view stays put.
        if (
          !stick.current &&
          layout &&
          index !== undefined &&
          layout.offsets[index + 1]! <= scrollTop
        )
          anchorDelta += height - placed;
      }
      if (!changed || !container) return;
      if (stick.current) followBottom(container);
      else if (anchorDelta) {
        container.scrollTop += anchorDelta;
        lastScrollTop.current = container.scrollTop;
      }
      scheduleRender();
    },
    [followBottom, scheduleRender],
  );

  useEffect(() => {
    if (typeof ResizeObserver === "undefined") return;
    const container = containerRef.current;
    // A row grew outside a render of this list too (markdown renders its growing end in an
    // animation frame): the bottom is followed before that frame is painted, not a frame later.
    observer.current = new ResizeObserver(onRowsResized);
    const viewportObserver = new ResizeObserver(() => {
      if (!container) return;
      if (stick.current) followBottom(container);
      setViewport(container.clientHeight);
    });
    if (container) viewportObserver.observe(container);
    for (const element of elements.current.keys()) observer.current.observe(element);
    return () => {
      observer.current?.disconnect();
      observer.current = null;
      viewportObserver.disconnect();
      if (frame.current !== null) {
        if (typeof cancelAnimationFrame === "function") cancelAnimationFrame(frame.current);
        frame.current = null;
      }
    };
  }, [onRowsResized, followBottom]);

  const rowRef = (key: string) => (element: HTMLDivElement | null) => {
    if (!element) return;
    if (!elements.current.has(element)) {
      elements.current.set(element, key);
      observer.current?.observe(element);
    } else {
      elements.current.set(element, key);
    }
  };

  // After each render: keep the rows read in place, follow the bottom, reveal a requested row.
  // (New rows are measured by the observer, after the browser's layout.)
  useLayoutEffect(() => {
    previous.current = { keys, offsets };
    rendered.current = new Map(keys.slice(start, end + 1).map((key, i) => [key, start + i]));
    if (prepended && containerRef.current) {
      containerRef.current.scrollTop += prepended;
      setScrollTop(containerRef.current.scrollTop);
    }
    for (const element of Array.from(elements.current.keys())) {
      if (!element.isConnected) {
        observer.current?.unobserve(element);
        elements.current.delete(element);
      }
    }
    const container = containerRef.current;
    if (!container) return;
    if (!viewport && container.clientHeight) setViewport(container.clientHeight);
    if (stick.current) followBottom(container);
    const key = pendingReveal.current;
    if (key) {
      const element = container.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
      if (element) {
        pendingReveal.current = null;
        element.scrollIntoView?.({ block: "nearest" });
        element
          .querySelector<HTMLElement>("button:not([disabled]), input, select, textarea, [tabindex]")
          ?.focus();
      }
    }
  });

  const onScroll = () => {
    const container = containerRef.current;
    if (!container) return;
    const bottomGap = container.scrollHeight - container.scrollTop - container.clientHeight;
    // Only the reader scrolling up stops following the bottom. Content that grew before the list
    // caught up (a streamed answer, a new turn, a row measured taller) also opens a gap here,
    // and taking that for the reader leaving made a long chat stop following its own answers.
    // Nor is it the reader when the viewport grew (the composer shrank as a turn ended): the
    // browser pulled the position up by as much, and the content may have grown in the same task,
    // before this event, so the gap alone cannot tell.
    const viewportGrowth = lastClientHeight.current
      ? Math.max(0, container.clientHeight - lastClientHeight.current)
      : 0;
    const movedUp = container.scrollTop < lastScrollTop.current - 1 - viewportGrowth;
    lastScrollTop.current = container.scrollTop;
    lastClientHeight.current = container.clientHeight;
    const nowAtBottom = bottomGap <= BOTTOM_SLACK_PX || (stick.current && !movedUp);
    stick.current = nowAtBottom;
    setAtBottom(nowAtBottom);
    // A list following the bottom places its window from the content's height, not from the
    // position: its own moves (one per streamed render) need no render of the list, and a
    // position the browser moved off the bottom is put back here.
    if (!nowAtBottom) setScrollTop(container.scrollTop);
    else if (bottomGap > 1) followBottom(container);
    props.onScrollPositionChange?.(nowAtBottom ? null : container.scrollTop);
    const readAhead = READ_AHEAD_VIEWPORTS * (container.clientHeight || FALLBACK_VIEWPORT);
    if (container.scrollTop <= NEAR_TOP_PX || (movedUp && container.scrollTop <= readAhead))
      props.onNearTop?.();
  };

  const jumpToLatest = () => {
    stick.current = true;
    setAtBottom(true);
    const container = containerRef.current;
    if (container) followBottom(container);
    props.onScrollPositionChange?.(null);
    setMeasureVersion((v) => v + 1);
  };

  if (props.controllerRef) {
    props.controllerRef.current = {
      reveal: (key) => {
        const index = keys.indexOf(key);
        if (index === -1) return;
        pendingReveal.current = key;
        stick.current = false;
        setAtBottom(false);
        const top = Math.max(0, offsets[index]! - 40);
        const container = containerRef.current;
        if (container) container.scrollTop = top;
        setScrollTop(top);
        setMeasureVersion((v) => v + 1);
      },
    };
  }

  const visible = [];
  for (let i = start; i <= end; i++) {
    const row = rows[i]!;
    const key = keys[i]!;
    visible.push(
      <div key={key} ref={rowRef(key)} class="vrow" data-row-key={key}>
        {renderRow(row)}
      </div>,
    );
  }

  return (
    <div class="vlist-wrap">
      <div
        ref={containerRef}
        class="vlist"
        onScroll={onScroll}
        role="log"
        aria-label={props.label}
        aria-live="off"
        tabIndex={0}
      >
        <div
          class="vlist-inner"
          style={{
            paddingTop: `${offsets[start] ?? 0}px`,
            paddingBottom: `${Math.max(0, total - (offsets[end + 1] ?? total))}px`,
          }}
        >
          {visible}
        </div>
      </div>
      {!atBottom && rows.length > 0 && (
        <Button variant="secondary" icon="arrow-down" class="jump-latest" onClick={jumpToLatest}>
          {t("transcript.jumpToLatest")}
        </Button>
      )}
    </div>
  );
}
