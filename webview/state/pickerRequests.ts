/**
 * `/model`, `/reasoning` and `/approvals` open the composer's pickers: the composer publishes,
 * the pickers subscribe (no round trip through the host).
 */
export type PickerName = "model" | "effort" | "mode";

type Listener = (picker: PickerName) => void;

const listeners = new Set<Listener>();

/** Opens `picker`'s menu, as a click on its button would. */
export function openPicker(picker: PickerName): void {
  for (const listener of [...listeners]) listener(picker);
}

export function onOpenPicker(listener: Listener): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}
