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
 *   work here too. They name folders, not credentials. `SSH_AUTH_SOCK` stays dropped: it is a
 *   live capability to use the user's keys.
 */

/** Exact names (matched case-insensitively: proxies are often lowercase, Windows ignores case). */
const ALLOWED_NAMES = [
  // POSIX basics
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TEMP",
  "TMP",
  "TERM",
  // codex's own configuration
  "CODEX_HOME",
  "CODEX_SQLITE_HOME",
  "CODEX_CA_CERTIFICATE",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OPENAI_ORGANIZATION",
  "OPENAI_PROJECT",
  "RUST_LOG",
  "RUST_BACKTRACE",
  // network
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS",
  // Windows essentials (process start-up, shells, profile and program folders)
  "SYSTEMROOT",
  "SYSTEMDRIVE",
  "COMSPEC",
  "PATHEXT",
  "USERPROFILE",
  "USERNAME",
  "HOMEDRIVE",
  "HOMEPATH",
  "APPDATA",
  "LOCALAPPDATA",
  "PROGRAMDATA",
  "PROGRAMFILES",
  "PROGRAMFILES(X86)",
  "PROGRAMW6432",
  "WINDIR",
  "PROCESSOR_ARCHITECTURE",
  "NUMBER_OF_PROCESSORS",
  "OS",
  // WSL interop
  "WSLENV",
  // toolchains the agent's commands need (locations, not credentials)
  "EDITOR",
  "VISUAL",
  "PAGER",
  "COLORTERM",
  "DISPLAY",
  "WAYLAND_DISPLAY",
  "DBUS_SESSION_BUS_ADDRESS",
  "JAVA_HOME",
  "GOPATH",
  "GOROOT",
  "GOBIN",
  "GOFLAGS",
  "CARGO_HOME",
  "RUSTUP_HOME",
  "RUSTUP_TOOLCHAIN",
  "NVM_DIR",
  "NVM_BIN",
  "VOLTA_HOME",
  "PNPM_HOME",
  "BUN_INSTALL",
  "DENO_DIR",
  "PYENV_ROOT",
  "PYENV_VERSION",
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "CONDA_DEFAULT_ENV",
  "RBENV_ROOT",
  "GEM_HOME",
  "GEM_PATH",
  "SDKMAN_DIR",
  "ANDROID_HOME",
  "ANDROID_SDK_ROOT",
  "DOTNET_ROOT",
  "GRADLE_USER_HOME",
  "MAVEN_HOME",
  "PKG_CONFIG_PATH",
  "CC",
  "CXX",
] as const;

/** Name prefixes (case-insensitive). */
const ALLOWED_PREFIXES = ["LC_", "XDG_", "WSL_"] as const;

const allowedNames = new Set<string>(ALLOWED_NAMES);

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
