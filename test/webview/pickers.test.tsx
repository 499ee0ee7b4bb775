import "./setup";
import * as assert from "node:assert/strict";
import { act } from "@testing-library/preact";
import { hydrate, lastRequest, mount, respond, unmount, viewState } from "./harness";

/** Sets a select's value and dispatches `change` (testing-library's fireEvent.change does not reach happy-dom selects). */
function change(element: HTMLSelectElement, value: string) {
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function select(root: HTMLElement, label: string) {
  return root.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
}

describe("webview: pickers", () => {
  afterEach(unmount);

  it("model and effort post models/choose; Default is null", async () => {
    const { root } = mount();
    hydrate();
    const model = select(root, "Model");
    assert.equal(model.value, "");
    change(model, "gpt-5-mini");
    assert.deepEqual(lastRequest("models/choose").params, { model: "gpt-5-mini", effort: null });
    await respond("models/choose", { applied: true });
    const effort = select(root, "Reasoning effort");
    const options = Array.from(effort.options).map((o) => o.value);
    assert.deepEqual(options, ["", "low"], "efforts of the chosen model");
    change(model, "");
    assert.deepEqual(lastRequest("models/choose").params, { model: null, effort: null });
  });

  it("reverts the mode when the host answers applied:false", async () => {
    const { root } = mount();
    hydrate({ modelChoice: { ...viewState().modelChoice, mode: "agent" } });
    const mode = select(root, "Mode");
    change(mode, "agentFullAccess");
    assert.deepEqual(lastRequest("models/choose").params, { mode: "agentFullAccess" });
    assert.equal(mode.value, "agentFullAccess");
    await respond("models/choose", { applied: false });
    assert.equal(select(root, "Mode").value, "agent");
  });
});
