import assert from "node:assert/strict";

import {
  computeBackoffDelay,
  defaultSleep,
  retryWithBackoff,
} from "../../../extension/appServer/backoff";

const base = { initialMs: 100, maxMs: 2_000 };

describe("computeBackoffDelay", () => {
  it("grows exponentially without jitter and caps at maxMs", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((a) =>
      computeBackoffDelay(a, { ...base, jitter: "none" }),
    );
    assert.deepEqual(delays, [100, 200, 400, 800, 1600, 2000, 2000]);
    assert.equal(computeBackoffDelay(10_000, { ...base, jitter: "none" }), 2000);
    assert.equal(computeBackoffDelay(2, { ...base, factor: 3, jitter: "none" }), 900);
  });

  it("full jitter stays within [0, ceiling] and scales with random()", () => {
    for (const attempt of [0, 3, 8]) {
      const ceiling = Math.min(2000, 100 * 2 ** attempt);
      assert.equal(
        computeBackoffDelay(attempt, base, () => 0),
        0,
      );
      assert.equal(
        computeBackoffDelay(attempt, base, () => 1),
        ceiling,
      );
      assert.equal(
        computeBackoffDelay(attempt, base, () => 0.5),
        ceiling / 2,
      );
      for (let i = 0; i < 100; i++) {
        const d = computeBackoffDelay(attempt, base);
        assert.ok(d >= 0 && d <= ceiling, `${d} out of [0, ${ceiling}]`);
      }
    }
  });

  it("decorrelated jitter stays within [initial, min(max, 3 * previous)]", () => {
    const opts = { ...base, jitter: "decorrelated" as const };
    assert.equal(
      computeBackoffDelay(0, opts, () => 0),
      100,
    );
    assert.equal(
      computeBackoffDelay(0, opts, () => 1),
      300,
    );
    assert.equal(
      computeBackoffDelay(5, opts, () => 1, 500),
      1500,
    );
    assert.equal(
      computeBackoffDelay(5, opts, () => 1, 1500),
      2000,
    );
    let previous: number | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      const d = computeBackoffDelay(attempt, opts, Math.random, previous);
      assert.ok(d >= 100 && d <= Math.min(2000, (previous ?? 100) * 3));
      previous = d;
    }
  });

  it("clamps out-of-range random values", () => {
    assert.equal(
      computeBackoffDelay(1, base, () => 7),
      200,
    );
    assert.equal(
      computeBackoffDelay(1, base, () => -1),
      0,
    );
  });
});

describe("retryWithBackoff", () => {
  const instant = { random: () => 1, jitter: "none" as const, ...base };

  it("retries until success, sleeping the computed delays", async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return "ok";
      },
      { ...instant, maxAttempts: 5, sleep: async (ms) => void slept.push(ms) },
    );
    assert.equal(result, "ok");
    assert.equal(calls, 4);
    assert.deepEqual(slept, [100, 200, 400]);
  });

  it("gives up after maxAttempts with the last error", async () => {
    let calls = 0;
    await assert.rejects(
      retryWithBackoff(
        async (attempt) => {
          calls++;
          throw new Error(`fail ${attempt}`);
        },
        { ...instant, maxAttempts: 3, sleep: async () => undefined },
      ),
      /fail 2/,
    );
    assert.equal(calls, 3);
  });

  it("does not retry errors shouldRetry rejects", async () => {
    let calls = 0;
    await assert.rejects(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Error("fatal");
        },
        {
          ...instant,
          maxAttempts: 5,
          shouldRetry: (e) => (e as Error).message !== "fatal",
          sleep: async () => undefined,
        },
      ),
      /fatal/,
    );
    assert.equal(calls, 1);
  });

  it("reports each retry through onRetry", async () => {
    const seen: Array<[number, number]> = [];
    await retryWithBackoff(
      async (attempt) => {
        if (attempt < 2) throw new Error("again");
        return attempt;
      },
      {
        ...instant,
        maxAttempts: 3,
        sleep: async () => undefined,
        onRetry: (_e, attempt, delay) => seen.push([attempt, delay]),
      },
    );
    assert.deepEqual(seen, [
      [0, 100],
      [1, 200],
    ]);
  });

  it("stops when the signal aborts during a sleep", async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = retryWithBackoff(
      async () => {
        calls++;
        throw new Error("busy");
      },
      {
        // Longer than the test's timeout: only the abort can end this sleep in time.
        initialMs: 60_000,
        maxMs: 60_000,
        jitter: "none",
        maxAttempts: 5,
        signal: controller.signal,
        // The sleep starts right after onRetry; abort once it is under way.
        onRetry: () => setImmediate(() => controller.abort()),
      },
    );
    await assert.rejects(run, /busy/);
    assert.equal(calls, 1);
  });

  it("defaultSleep waits for its timer, and an abort ends it at once", async () => {
    // Ordered against other events, not measured: a 30 ms sleep ends after a 5 ms timer set
    // later (Node fires timers in order of expiry), and an aborted sleep before the next turn
    // of the event loop.
    const order: string[] = [];
    const sleeping = defaultSleep(30).then(() => order.push("sleep"));
    setTimeout(() => order.push("5 ms timer"), 5);
    await sleeping;
    assert.deepEqual(order, ["5 ms timer", "sleep"]);

    const nextTurn = () => new Promise((resolve) => setImmediate(() => resolve("next turn")));
    const controller = new AbortController();
    const aborted = defaultSleep(60_000, controller.signal).then(() => "sleep");
    controller.abort();
    assert.equal(await Promise.race([aborted, nextTurn()]), "sleep");
    const preAborted = defaultSleep(60_000, controller.signal).then(() => "sleep");
    assert.equal(await Promise.race([preAborted, nextTurn()]), "sleep");
  });
});
