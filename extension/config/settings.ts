/**
 * Every `chatgpt.*` setting the host reads, typed, in one table, and the one rule for where a
 * value may come from. Nothing else reads these keys as strings.
 *
 * A setting that chooses a program, its environment or where it runs (`origin: "user"`) is taken
 * from User settings (Remote settings in a remote window) or its default, never from a
 * workspace or folder: a cloned repository's `.vscode/settings.json` must not pick the program
 * the extension spawns. The manifest also gives these `machine` scope and lists them in
 * `restrictedConfigurations`; reading through `inspect()` keeps the rule even if VS Code's scope
 * handling changes. A test checks the table against package.json.
 */

/** The slice of `vscode.WorkspaceConfiguration` this module needs (a fake in unit tests). */
export interface ConfigurationReader {
  get(key: string): unknown;
  inspect(key: string):
    | {
        defaultValue?: unknown;
        globalValue?: unknown;
        workspaceValue?: unknown;
        workspaceFolderValue?: unknown;
      }
    | undefined;
}

/** `user`: User or Remote settings only. `any`: VS Code's usual precedence. */
export type SettingOrigin = "user" | "any";

interface SettingSpec<T> {
  key: `chatgpt.${string}`;
  fallback: T;
  origin: SettingOrigin;
  /** The value if it is valid, else undefined (the fallback is used). */
  parse(value: unknown): T | undefined;
}

const bool = (value: unknown) => (typeof value === "boolean" ? value : undefined);
const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const oneOf =
  <const T extends string>(...allowed: T[]) =>
  (value: unknown) =>
    allowed.find((candidate) => candidate === value);

/** The value type comes from `parse`; the fallback must be one of its values. */
function setting<T>(
  spec: Omit<SettingSpec<T>, "fallback"> & { fallback: NoInfer<T> },
): SettingSpec<T> {
  return spec;
}

export const SETTINGS = {
  notifications: setting({
    key: "chatgpt.notifications",
    fallback: "whenHidden",
    origin: "any",
    parse: oneOf("always", "whenHidden", "never"),
  }),
  openOnStartup: setting({
    key: "chatgpt.openOnStartup",
    fallback: false,
    origin: "any",
    parse: bool,
  }),
  /** The chat in the secondary side bar where VS Code supports it (else the activity bar). */
  openInSecondarySidebar: setting({
    key: "chatgpt.openInSecondarySidebar",
    fallback: true,
    origin: "any",
    parse: bool,
  }),
  commentCodeLensEnabled: setting({
    key: "chatgpt.commentCodeLensEnabled",
    fallback: true,
    origin: "any",
    parse: bool,
  }),
  localeOverride: setting({
    key: "chatgpt.localeOverride",
    fallback: "",
    origin: "any",
    parse: text,
  }),
  /**
   * Who answers codex's approval requests (`approvalsReviewer` on thread/turn start): `default`
   * sends nothing (config.toml decides). User settings only: a repository must not hand its
   * approvals to a reviewer on its own.
   */
  approvalsReviewer: setting({
    key: "chatgpt.approvalsReviewer",
    fallback: "default",
    origin: "user",
    parse: oneOf("default", "user", "auto_review"),
  }),
  cliExecutable: setting({
    key: "chatgpt.cliExecutable",
    fallback: "",
    origin: "user",
    parse: text,
  }),
  followUpQueueMode: setting({
    key: "chatgpt.followUpQueueMode",
    fallback: "queue",
    origin: "any",
    parse: oneOf("queue", "steer"),
  }),
  composerEnterBehavior: setting({
    key: "chatgpt.composerEnterBehavior",
    fallback: "enter",
    origin: "any",
    parse: oneOf("enter", "cmdIfMultiline", "cmdAlways"),
  }),
  reviewDelivery: setting({
    key: "chatgpt.reviewDelivery",
    fallback: "inline",
    origin: "any",
    parse: oneOf("inline", "detached"),
  }),
  runCodexInWsl: setting({
    key: "chatgpt.runCodexInWindowsSubsystemForLinux",
    fallback: false,
    origin: "user",
    parse: bool,
  }),
  checkpointsMaxDiskMB: setting({
    key: "chatgpt.checkpoints.maxDiskMB",
    fallback: 2048,
    origin: "any",
    parse: (value: unknown) =>
      typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined,
  }),
  wslDistribution: setting({
    key: "chatgpt.wslDistribution",
    fallback: "",
    origin: "user",
    parse: text,
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = Exclude<
  ReturnType<(typeof SETTINGS)[N]["parse"]>,
  undefined
>;

/** The value VS Code would use, restricted to User/Remote settings for `origin: "user"`. */
export function readSetting<N extends SettingName>(
  reader: ConfigurationReader,
  name: N,
): SettingValue<N> {
  const spec = SETTINGS[name] as SettingSpec<SettingValue<N>>;
  const raw = spec.origin === "user" ? userValue(reader, spec.key) : reader.get(spec.key);
  return spec.parse(raw) ?? spec.fallback;
}

function userValue(reader: ConfigurationReader, key: string): unknown {
  const inspected = reader.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * True when a workspace or folder tried to set a `user`-only setting: the value is ignored, and
 * the caller may say so in the log.
 */
export function ignoredWorkspaceValue(reader: ConfigurationReader, name: SettingName): unknown {
  if (SETTINGS[name].origin !== "user") return undefined;
  const inspected = reader.inspect(SETTINGS[name].key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
}

/** The keys whose change matters to `names` (for `affectsConfiguration`). */
export function settingKeys(...names: SettingName[]): string[] {
  return names.map((name) => SETTINGS[name].key);
}
