/**
 * Test environment for the webview: happy-dom's window as the global DOM, and a stub
 * `acquireVsCodeApi` that records every posted message and keeps the view state.
 * Require it first from each webview test file.
 */
import { GlobalWindow } from "happy-dom";

/**
 * Globals Node already has are kept (other test files in the same mocha process use Node's
 * fetch, URL, streams, timers...), except these DOM ones, which must be happy-dom's so events
 * dispatched on happy-dom nodes behave.
 */
const DOM_OVERRIDES = new Set([
  "window",
  "document",
  "navigator",
  "location",
  "Event",
  "EventTarget",
  "CustomEvent",
  "MessageEvent",
  "KeyboardEvent",
  "MouseEvent",
  "InputEvent",
  "FocusEvent",
  "UIEvent",
  "ErrorEvent",
  "PromiseRejectionEvent",
]);

const KEEP_NODE = new Set([
  "undefined",
  "NaN",
  "Infinity",
  "globalThis",
  "global",
  "constructor",
  "console",
  "process",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "queueMicrotask",
]);

export interface PostedMessage {
  kind: "request" | "notification";
  id?: number;
  method: string;
  params: unknown;
}

export interface VsCodeStub {
  posted: PostedMessage[];
  state: unknown;
  getStateCalls: number;
}

function install(): VsCodeStub {
  const existing = (globalThis as { __vscodeStub?: VsCodeStub }).__vscodeStub;
  if (existing) return existing;
  const window = new GlobalWindow({ url: "https://webview.test/", width: 400, height: 800 });
  const target = globalThis as Record<string | symbol, unknown>;
  let proto: object | null = window;
  const seen = new Set<string | symbol>();
  while (proto && proto !== Object.prototype) {
    for (const key of Reflect.ownKeys(proto)) {
      if (seen.has(key) || (typeof key === "string" && KEEP_NODE.has(key))) continue;
      seen.add(key);
      if (typeof key === "string" && key in target && !DOM_OVERRIDES.has(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      if (proto !== window) {
        // prototype getters/methods: bind them to the window instance
        if (descriptor.get) {
          const get = descriptor.get;
          Object.defineProperty(target, key, {
            configurable: true,
            get: () => get.call(window),
            set: descriptor.set ? (value) => descriptor.set!.call(window, value) : undefined,
          });
          continue;
        }
        if (typeof descriptor.value === "function" && key !== "constructor") {
          if (key in target) continue;
          Object.defineProperty(target, key, {
            configurable: true,
            writable: true,
            value: (descriptor.value as (...args: unknown[]) => unknown).bind(window),
          });
          continue;
        }
        continue;
      }
      Object.defineProperty(target, key, { ...descriptor, configurable: true });
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  target.window = window;
  fixDocumentInstanceof(target, window.document);

  const stub: VsCodeStub = { posted: [], state: undefined, getStateCalls: 0 };
  target.acquireVsCodeApi = () => ({
    postMessage: (message: PostedMessage) => stub.posted.push(structuredClone(message)),
    getState: () => {
      stub.getStateCalls++;
      return stub.state;
    },
    setState: (state: unknown) => {
      stub.state = structuredClone(state);
    },
  });
  (globalThis as { __vscodeStub?: VsCodeStub }).__vscodeStub = stub;
  return stub;
}

/**
 * happy-dom's `window.document` is not an instance of `window.Document` (the window's classes are
 * per-window subclasses; the document is built from another one). FAST (the toolkit's base) asks
 * `target instanceof Document` to find where design tokens go, and would otherwise treat the
 * document as an element. Instances of happy-dom's own document classes count as Documents.
 */
function fixDocumentInstanceof(target: Record<string | symbol, unknown>, document: object): void {
  const DocumentClass = target.Document as { prototype: object } & ((...args: never[]) => unknown);
  let documentProto = Object.getPrototypeOf(document) as { constructor: { name: string } } | null;
  while (documentProto && documentProto.constructor.name !== "Document")
    documentProto = Object.getPrototypeOf(documentProto) as typeof documentProto;
  if (!documentProto) throw new Error("happy-dom's document has no Document prototype");
  const plain = Function.prototype[Symbol.hasInstance];
  Object.defineProperty(DocumentClass, Symbol.hasInstance, {
    configurable: true,
    value: (value: unknown) =>
      plain.call(DocumentClass, value) ||
      (typeof value === "object" &&
        value !== null &&
        Object.prototype.isPrototypeOf.call(documentProto, value)),
  });
}

export const vscode = install();
