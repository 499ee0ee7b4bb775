/**
 * The environment the app-server child gets: an allow-list of what codex (and the tools it runs
 * for the user) needs, plus explicit overrides. The extension host's environment holds secrets
 * that are not codex's business (cloud credentials, tokens, VS Code internals), so everything
 * not listed is dropped.
 *
 * Decisions on credentials:
 * - `OPENAI_API_KEY` is kept: codex uses it for API-key auth (and the built-in OpenAI provider
 *   reads it), so a user who set it expects it to work in the IDE as in the terminal.
 * - `OPENAI_BASE_URL`, `OPENAI_ORGANIZATION` and `OPENAI_PROJECT` are kept: the built-in
 *   provider reads them for the endpoint and its request headers.
 * - `CODEX_*` is NOT passed wholesale. Kept: `CODEX_HOME`, `CODEX_SQLITE_HOME` (state dirs),
 *   `CODEX_CA_CERTIFICATE` (corporate CA for login/HTTPS). Dropped: `CODEX_SANDBOX*` (codex sets
 *   these on the commands it sandboxes; inheriting them would mislead it), `CODEX_API_KEY`
 *   (read by `codex exec` only), `CODEX_*TOKEN*` and anything else, which a CODEX_ prefix does
 *   not make safe.
 * - A custom provider's `env_key` (e.g. `AZURE_OPENAI_API_KEY` in config.toml) is not known
 *   here; the host passes such names through `extraAllowed`.
 * - Toolchain locations (JAVA_HOME, GOPATH, VIRTUAL_ENV, ...) are kept: the commands codex runs
 *   for the user inherit this environment, and a build that works in the user's terminal must
 *   work here too. They name folders, not credentials.
 * - Sockets to the user's agents, keyring, session bus or display are dropped (see `ALLOWED`).
 */

/**
 * How a variable reaches codex inside WSL 2 (see extension/wsl/wslLaunch.ts): WSL passes only
 * what `WSLENV` names. `plain` is copied (`/u`), `path` is a Windows file path WSL translates
 * (`/pu`). Anything without a `wsl` entry stays on the Windows side.
 */
export type WslForwarding = "plain" | "path";

interface AllowedVariable {
  /** Upper-case name (matched case-insensitively: proxies are often lowercase, Windows ignores case). */
  name: string;
  wsl?: WslForwarding;
}

const plain = (...names: string[]): AllowedVariable[] => names.map((name) => ({ name }));
const forwarded = (wsl: WslForwarding, ...names: string[]): AllowedVariable[] =>
  names.map((name) => ({ name, wsl }));

/**
 * The one allow-list, used by the native launch and the WSL launch alike. Deliberately absent:
 * `SSH_AUTH_SOCK`, `GPG_AGENT_INFO`, `DBUS_SESSION_BUS_ADDRESS`, `XDG_RUNTIME_DIR`, `DISPLAY`,
 * `WAYLAND_DISPLAY` and `WSL_INTEROP`: each is a live socket to the user's keys, keyring, session
 * bus, screen or Windows host. No command codex runs for the user has been shown to need one,
 * and a prompt-injected command must not get them.
 */
const ALLOWED: readonly AllowedVariable[] = [
  // POSIX basics
  ...plain("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ"),
  ...plain("TMPDIR", "TEMP", "TMP", "TERM", "COLORTERM", "EDITOR", "VISUAL", "PAGER"),
  // XDG base folders (locations; the runtime dir is a socket folder and stays out)
  ...plain("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"),
  ...plain("XDG_CONFIG_DIRS", "XDG_DATA_DIRS"),
  // codex's own configuration. The Windows CODEX_HOME never reaches WSL (wslLaunch.ts).
  ...plain("CODEX_HOME", "CODEX_SQLITE_HOME"),
  ...forwarded("path", "CODEX_CA_CERTIFICATE"),
  // OPENAI_API_KEY on purpose: codex's API-key auth reads it, as in the user's terminal.
  ...forwarded("plain", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORGANIZATION"),
  ...forwarded("plain", "OPENAI_PROJECT", "RUST_LOG", "RUST_BACKTRACE"),
  // network
  ...forwarded("plain", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"),
  ...forwarded("path", "SSL_CERT_FILE", "SSL_CERT_DIR"),
  ...plain("NODE_EXTRA_CA_CERTS"),
  // Windows essentials (process start-up, shells, profile and program folders)
  ...plain("SYSTEMROOT", "SYSTEMDRIVE", "COMSPEC", "PATHEXT", "USERPROFILE", "USERNAME"),
  ...plain("HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "PROGRAMFILES"),
  ...plain("PROGRAMFILES(X86)", "PROGRAMW6432", "WINDIR", "PROCESSOR_ARCHITECTURE"),
  ...plain("NUMBER_OF_PROCESSORS", "OS"),
  // WSL: the distribution's name; WSLENV itself is rebuilt from scratch by the WSL launch
  ...plain("WSLENV", "WSL_DISTRO_NAME"),
  // toolchains the agent's commands need (locations, not credentials)
  ...plain("JAVA_HOME", "GOPATH", "GOROOT", "GOBIN", "GOFLAGS", "CARGO_HOME", "RUSTUP_HOME"),
  ...plain("RUSTUP_TOOLCHAIN", "NVM_DIR", "NVM_BIN", "VOLTA_HOME", "PNPM_HOME", "BUN_INSTALL"),
  ...plain("DENO_DIR", "PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV", "CONDA_PREFIX"),
  ...plain("CONDA_DEFAULT_ENV", "RBENV_ROOT", "GEM_HOME", "GEM_PATH", "SDKMAN_DIR"),
  ...plain("ANDROID_HOME", "ANDROID_SDK_ROOT", "DOTNET_ROOT", "GRADLE_USER_HOME", "MAVEN_HOME"),
  ...plain("PKG_CONFIG_PATH", "CC", "CXX"),
];

/** Name prefixes (case-insensitive): locale categories only. */
const ALLOWED_PREFIXES = ["LC_"] as const;

const allowedNames = new Set<string>(ALLOWED.map((variable) => variable.name));

/** The allow-listed names WSL must forward into Linux, with how (for the WSL launch's WSLENV). */
export function wslForwardedNames(): readonly { name: string; wsl: WslForwarding }[] {
  return ALLOWED.flatMap(({ name, wsl }) => (wsl ? [{ name, wsl }] : []));
}

export interface ChildEnvironmentOptions {
  /** Set (or, with `undefined`, remove) these after filtering; they win over the source. */
  overrides?: Readonly<Record<string, string | undefined>>;
  /** More names to keep, e.g. a custom model provider's `env_key`. */
  extraAllowed?: readonly string[];
}

/** True when `name` passes the allow-list. */
export function isAllowedEnvName(name: string, extraAllowed: readonly string[] = []): boolean {
  const upper = name.toUpperCase();
  if (allowedNames.has(upper)) return true;
  if (ALLOWED_PREFIXES.some((prefix) => upper.startsWith(prefix))) return true;
  return extraAllowed.some((extra) => extra.toUpperCase() === upper);
}

/** Builds the child's environment from `source` (usually `process.env`). Pure. */
export function childEnvironment(
  source: NodeJS.ProcessEnv,
  options: ChildEnvironmentOptions = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && isAllowedEnvName(name, options.extraAllowed)) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.overrides ?? {})) {
    // Drop any differently-cased twin (Windows `Path` vs `PATH`) so the override is the only one.
    for (const existing of Object.keys(env)) {
      if (existing.toUpperCase() === name.toUpperCase()) delete env[existing];
    }
    if (value !== undefined) env[name] = value;
  }
  return env;
}
