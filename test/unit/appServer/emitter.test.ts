import assert from "node:assert/strict";

import { Emitter } from "../../../extension/appServer/emitter";

describe("Emitter", () => {
  const noErrors = (error: unknown) => assert.fail(`unexpected listener error: ${String(error)}`);

  it("delivers each event to every listener in subscription order", () => {
    const emitter = new Emitter<number>(noErrors);
    const heard: string[] = [];
    emitter.event((n) => heard.push(`a${n}`));
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ["a1", "b1", "a2", "b2"]);
  });

  it("lets the same function subscribe twice and unsubscribe one of them", () => {
    const emitter = new Emitter<number>(noErrors);
    const heard: number[] = [];
    const listener = (n: number) => heard.push(n);
    const first = emitter.event(listener);
    emitter.event(listener);
    emitter.fire(1);
    first.dispose();
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, [1, 1, 2]);
  });

  it("reports a throwing listener and still delivers to the others", () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error("boom");
    });
    emitter.event((n) => heard.push(n));
    emitter.fire(7);
    assert.deepEqual(heard, [7]);
    assert.equal((errors[0] as Error).message, "boom");
  });

  it("does not deliver to a listener removed by an earlier one during the same fire", () => {
    const emitter = new Emitter<number>(noErrors);
    const heard: string[] = [];
    let second: { dispose(): void } | undefined = undefined;
    emitter.event(() => second?.dispose());
    second = emitter.event(() => heard.push("second"));
    emitter.event(() => heard.push("third"));
    emitter.fire(0);
    assert.deepEqual(heard, ["third"]);
  });

  it("delivers nothing after dispose", () => {
    const emitter = new Emitter<number>(noErrors);
    let heard = 0;
    emitter.event(() => heard++);
    emitter.dispose();
    emitter.fire(1);
    assert.equal(heard, 0);
  });
});
