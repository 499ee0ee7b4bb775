/** Marker candidates: every `TODO`, `FIXME` and `@todo` offset, in document order. */
import assert from "node:assert/strict";

import { findMarkerCandidates } from "../../../../extension/editor/todo/markerCandidates";

describe("markerCandidates", () => {
  it("merges the three literals' offsets in order, `@todo` at its name", () => {
    const text = "FIXME @todo TODOTODO @todo FIXME TODO";
    assert.deepEqual(findMarkerCandidates(text), [0, 7, 12, 16, 22, 27, 33]);
  });

  it("returns no candidate for a text without markers", () => {
    assert.deepEqual(findMarkerCandidates("todo, fixme, Todo, @fixme"), []);
  });
});
