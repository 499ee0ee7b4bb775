/**
 * A stand-in for the `vscode` module, enough to run the real `activate()` outside VS Code and see
 * what it does: every call on it is recorded. Most of the API is an automatic fake (any property
 * is a callable that returns another fake, so a registration returns something disposable); the
 * parts whose values steer activation are real (events, settings, workspace folders, l10n).
 */
import Module = require("node:module");

export interface RecordedCall {
  /** e.g. `window.createTreeView`, `commands.executeCommand`. */
  path: string;
  args: unknown[];
}

type Listener<T> = (value: T) => unknown;

class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void {
    this.onDispose();
  }
}

/** A fake for anything not modelled: callable, constructible, any property is another fake. */
function automatic(path: string, calls: RecordedCall[]): unknown {
  const target = function fake(): void {};
  return new Proxy(target, {
    get(_target, property) {
      // Not a thenable (an awaited fake is itself), not a collection, prints as its path.
      if (property === "then") return undefined;
      if (property === Symbol.iterator) return [][Symbol.iterator].bind([]);
      if (property === Symbol.toPrimitive) return () => `[fake ${path}]`;
      if (property === "dispose") return () => undefined;
      return automatic(`${path}.${String(property)}`, calls);
    },
    set: () => true,
    apply(_target, _this, args: unknown[]) {
      calls.push({ path, args });
      return automatic(`${path}()`, calls);
    },
    construct(_target, args: unknown[]) {
      calls.push({ path: `new ${path}`, args });
      return automatic(`new ${path}`, calls) as object;
    },
  });
}

/** `given` where it has the property, else an automatic fake under `path`. */
function withFallback<T extends object>(path: string, given: T, calls: RecordedCall[]): T {
  return new Proxy(given, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver) as unknown;
      return automatic(`${path}.${String(property)}`, calls);
    },
  });
}

/** A function that records its calls under `path` and returns `result(args)`. */
function recorded<A extends unknown[], R>(
  path: string,
  calls: RecordedCall[],
  result: (...args: A) => R,
): (...args: A) => R {
  return (...args: A) => {
    calls.push({ path, args });
    return result(...args);
  };
}

export interface FakeVscodeOptions {
  workspaceFolder: string;
  /** Setting values by full key (`chatgpt.x`); the rest read as their defaults. */
  settings?: Record<string, unknown>;
  /** What `commands.getCommands` lists (VS Code's own commands). */
  commands?: string[];
}

export interface FakeVscode {
  module: unknown;
  calls: RecordedCall[];
  /**
   * New settings and commands, and no calls recorded yet. The extension's modules keep the
   * `vscode` they were loaded with, so one fake serves every test.
   */
  reset(options: FakeVscodeOptions): void;
  /** The calls made on `path` (e.g. `commands.executeCommand`). */
  callsTo(path: string): unknown[][];
}

export function fakeVscode(initial: FakeVscodeOptions): FakeVscode {
  const calls: RecordedCall[] = [];
  let options = initial;
  let settings = options.settings ?? {};
  const disposable = () => new Disposable(() => undefined);
  // `settings` holds full keys; a section's view reads them under its prefix, as VS Code's does.
  const configuration = (section?: string) => {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
      get: (key: string, fallback?: unknown) =>
        full(key) in settings ? settings[full(key)] : fallback,
      inspect: (key: string) =>
        full(key) in settings ? { key: full(key), globalValue: settings[full(key)] } : undefined,
      has: (key: string) => full(key) in settings,
      update: async () => undefined,
    };
  };
  const module = withFallback(
    "vscode",
    {
      EventEmitter,
      Disposable,
      l10n: {
        t: (message: string, ...args: unknown[]) =>
          message.replace(/\{(\d+)\}/g, (_all, index: string) => String(args[Number(index)])),
        bundle: undefined,
      },
      env: withFallback(
        "env",
        { language: "en", remoteName: undefined, uiKind: 1, appName: "Fake Code" },
        calls,
      ),
      workspace: withFallback(
        "workspace",
        {
          get workspaceFolders() {
            return [
              { uri: { scheme: "file", fsPath: options.workspaceFolder }, name: "ws", index: 0 },
            ];
          },
          isTrusted: true,
          textDocuments: [],
          getConfiguration: recorded("workspace.getConfiguration", calls, configuration),
        },
        calls,
      ),
      window: withFallback(
        "window",
        {
          activeTextEditor: undefined,
          activeTerminal: undefined,
          visibleTextEditors: [],
          terminals: [],
          state: { focused: true },
          createTreeView: recorded("window.createTreeView", calls, () =>
            withFallback("treeView", { onDidChangeVisibility: disposable }, calls),
          ),
        },
        calls,
      ),
      commands: withFallback(
        "commands",
        {
          getCommands: recorded("commands.getCommands", calls, async () => options.commands ?? []),
          executeCommand: recorded("commands.executeCommand", calls, async () => undefined),
          registerCommand: recorded("commands.registerCommand", calls, disposable),
        },
        calls,
      ),
    },
    calls,
  );
  return {
    module,
    calls,
    reset(next) {
      options = next;
      settings = next.settings ?? {};
      calls.length = 0;
    },
    callsTo: (path) => calls.filter((call) => call.path === path).map((call) => call.args),
  };
}

/** An in-memory `vscode.Memento`. */
export function memento(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
    setKeysForSync: () => undefined,
  };
}

/** Serves `module` for `require("vscode")` until the returned function is called. */
export function provideVscodeModule(module: unknown): () => void {
  const loader = Module as unknown as {
    _load(request: string, parent: unknown, isMain: boolean): unknown;
  };
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === "vscode") return module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    loader._load = original;
  };
}
