/**
 * Test helpers for running the real `codex` (pinned, or the newest with CODEX_UNDER_TEST=next)
 * against the mock model:
 * a throwaway `CODEX_HOME` whose config.toml points at the mock, the binary path, and scratch
 * workspaces for a thread's cwd.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";

/** `approval_policy` values codex 0.169.0 accepts (`untrusted` makes app-server exit 1). */
export type ApprovalPolicy = "never" | "on-request" | "on-failure" | "untrusted";
export type SandboxMode = "read-only" | "workspace-write" | "danger-full-access";

export interface CodexHomeOptions {
  /** The mock model's base URL (`MockModel.url`, ending in `/v1`). */
  modelUrl: string;
  approvalPolicy?: ApprovalPolicy;
  sandboxMode?: SandboxMode;
  /** The model name codex sends. Default `mock-model`. */
  model?: string;
  /**
   * Offer the `apply_patch` tool to the model. codex 0.169.0 takes the tool list from the model's
   * metadata; for an unknown model (the fallback metadata) it offers no `apply_patch`, and an
   * `apply_patch` call is answered "unsupported custom tool call: apply_patch". When true
   * (default), a `model-catalog.json` with a `mock-model` entry (`apply_patch_tool_type:
   * "freeform"`, `shell_type: "unified_exec"`) is written and `model_catalog_json` points at it;
   * this also silences the "Model metadata for `mock-model` not found" warning.
   * (`include_apply_patch_tool` is ignored by 0.169.0 as an unknown key.)
   */
  applyPatchTool?: boolean;
  /**
   * The mock model's `input_modalities` in the catalog (default `["text"]`). With text only,
   * codex replaces an image input by "image content omitted because you do not support image
   * input"; pass `["text", "image"]` to have images reach the mock. Needs `applyPatchTool`.
   */
  inputModalities?: string[];
  /**
   * `[features]` flags, merged over the default `plugins = false` (which stops codex trying to
   * sync curated plugins from github.com at start). Set features here, not in `extraToml` (a
   * second `[features]` table is a TOML error).
   */
  features?: Record<string, boolean>;
  /**
   * TOML inserted after the top-level keys and before codex's `[features]` and
   * `[model_providers.mock]` tables: top-level keys go at its start; it may open other tables
   * (e.g. `[mcp_servers.x]`), but not `[features]` or `[model_providers.mock]`.
   */
  extraToml?: string;
  /**
   * Where to create the home folder. Default: `$CODEX_TEST_HOME_BASE`, else
   * `~/.cache/codex-vscode-tests`. Not the OS temp dir: codex 0.169.0 refuses to create its
   * helper binaries (PATH aliases such as `codex-linux-sandbox`) under a temp dir, and then every
   * sandboxed command fails with "bwrap: execvp codex-linux-sandbox: No such file or directory".
   */
  baseDir?: string;
  /**
   * The mock provider's `request_max_retries` and `stream_max_retries` (default 0 each: one
   * request, no retry). With `stream` > 0 codex retries a failed model request itself and says so
   * with `error {willRetry: true}` notifications ("Reconnecting... 1/2").
   */
  retries?: { request?: number; stream?: number };
  /**
   * User skills written to `CODEX_HOME/skills/<name>/SKILL.md` (front matter with the name and
   * description, then the body), where codex 0.169.0 finds a user's skills.
   */
  skills?: { name: string; description: string; body: string }[];
  /** The mock model's `service_tiers` in the catalog (`/fast`); default none. */
  serviceTiers?: { id: string; name: string; description: string }[];
}

export interface CodexHome {
  /** The directory to pass as `CODEX_HOME`. */
  dir: string;
  configPath: string;
  /** Removes the directory (and everything codex wrote there: sessions, logs...). */
  dispose(): Promise<void>;
}

/** Creates a temp `CODEX_HOME` with a config.toml that sends model calls to the mock. */
export async function createCodexHome(options: CodexHomeOptions): Promise<CodexHome> {
  const base = options.baseDir ?? defaultCodexHomeBase();
  await mkdir(base, { recursive: true });
  const dir = await realpath(await mkdtemp(path.join(base, "codex-home-")));
  const configPath = path.join(dir, "config.toml");
  let modelCatalogPath: string | undefined;
  if (options.applyPatchTool ?? true) {
    modelCatalogPath = path.join(dir, "model-catalog.json");
    const catalog = {
      models: [
        {
          ...mockModelCatalogEntry(options.model ?? "mock-model", options.inputModalities),
          ...(options.serviceTiers ? { service_tiers: options.serviceTiers } : {}),
        },
      ],
    };
    await writeFile(modelCatalogPath, JSON.stringify(catalog, null, 2), "utf8");
  }
  await writeFile(configPath, codexConfigToml({ ...options, modelCatalogPath }), "utf8");
  for (const skill of options.skills ?? []) {
    const folder = path.join(dir, "skills", skill.name);
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, "SKILL.md"),
      `---\nname: ${skill.name}\ndescription: ${skill.description}\n---\n\n${skill.body}\n`,
      "utf8",
    );
  }
  return {
    dir,
    configPath,
    dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }),
  };
}

/** See {@link CodexHomeOptions.baseDir}. */
export function defaultCodexHomeBase(): string {
  return process.env.CODEX_TEST_HOME_BASE ?? path.join(homedir(), ".cache", "codex-vscode-tests");
}

/**
 * Model metadata for the mock model in codex's `model_catalog_json` format (the fields 0.169.0
 * requires, plus the two that matter: the freeform `apply_patch` tool and `exec_command` as the
 * shell tool, like the fallback metadata).
 */
export function mockModelCatalogEntry(
  slug: string,
  inputModalities: readonly string[] = ["text"],
): Record<string, unknown> {
  return {
    slug,
    display_name: "Mock model",
    description: "Scripted mock of the Responses API for tests",
    base_instructions: "You are a scripted mock model used in tests.",
    apply_patch_tool_type: "freeform",
    shell_type: "unified_exec",
    supported_reasoning_levels: [{ effort: "medium", description: "Medium" }],
    default_reasoning_level: "medium",
    visibility: "list",
    supported_in_api: true,
    priority: 1,
    support_verbosity: false,
    truncation_policy: { mode: "tokens", limit: 10000 },
    experimental_supported_tools: [],
    context_window: 272000,
    supports_parallel_tool_calls: false,
    prefer_websockets: false,
    supports_reasoning_summaries: true,
    input_modalities: [...inputModalities],
  };
}

/** The config.toml text {@link createCodexHome} writes. */
export function codexConfigToml(options: CodexHomeOptions & { modelCatalogPath?: string }): string {
  const lines = [
    `model = ${tomlString(options.model ?? "mock-model")}`,
    `model_provider = "mock"`,
    `approval_policy = ${tomlString(options.approvalPolicy ?? "never")}`,
    `sandbox_mode = ${tomlString(options.sandboxMode ?? "read-only")}`,
    ...(options.modelCatalogPath
      ? [`model_catalog_json = ${tomlString(options.modelCatalogPath)}`]
      : []),
    "",
  ];
  if (options.extraToml) lines.push(options.extraToml.trim(), "");
  const features: Record<string, boolean> = { plugins: false, ...options.features };
  lines.push(
    "[features]",
    ...Object.entries(features).map(([key, value]) => `${key} = ${value}`),
    "",
    "[model_providers.mock]",
    `name = "mock"`,
    `base_url = ${tomlString(options.modelUrl)}`,
    `wire_api = "responses"`,
    `request_max_retries = ${options.retries?.request ?? 0}`,
    `stream_max_retries = ${options.retries?.stream ?? 0}`,
    "",
  );
  return lines.join("\n");
}

/**
 * The codex package under test: the pinned `@openai/codex`, or with `CODEX_UNDER_TEST=next` the
 * newest release installed as the `codex-next` alias (the `protocol-next` and `e2e-next` stages).
 * Generated protocol types always come from the pinned one.
 */
export function codexPackageName(): string {
  const which = process.env.CODEX_UNDER_TEST || "pinned";
  if (which === "pinned") return "@openai/codex";
  if (which === "next") return "codex-next";
  throw new Error(`CODEX_UNDER_TEST=${which} is neither "pinned" nor "next"`);
}

/**
 * The `codex` launcher of the package under test (its `bin`, a Node script with a shebang that
 * starts the native binary). On Node 20 it spawns the native binary as a child and forwards
 * SIGINT/SIGTERM/SIGHUP; SIGKILL on it would orphan the child, so prefer
 * {@link codexNativeBinaryPath} when a test needs to kill hard.
 */
export function codexBinaryPath(): string {
  const pkgJsonPath = require.resolve(`${codexPackageName()}/package.json`);
  const pkg = JSON.parse(readFileSync(pkgJsonPath, "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.codex;
  if (!rel) throw new Error(`${codexPackageName()} has no "codex" bin in ${pkgJsonPath}`);
  const bin = path.join(path.dirname(pkgJsonPath), rel);
  if (!existsSync(bin)) throw new Error(`codex launcher missing: ${bin}`);
  return bin;
}

/** The version of the codex package under test (e.g. `0.169.0`). */
export function codexPackageVersion(): string {
  const pkgJsonPath = require.resolve(`${codexPackageName()}/package.json`);
  return (JSON.parse(readFileSync(pkgJsonPath, "utf8")) as { version: string }).version;
}

/**
 * The native codex executable the launcher runs (from the platform package, e.g.
 * `@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex`). Spawning it directly
 * means one process and signals go straight to it.
 */
export function codexNativeBinaryPath(): string {
  const triple = targetTriple();
  const platformPkg = `@openai/codex-${process.platform === "win32" ? "win32" : process.platform}-${process.arch}`;
  const exe = process.platform === "win32" ? "codex.exe" : "codex";
  const candidates: string[] = [];
  try {
    const launcherPkg = require.resolve(`${codexPackageName()}/package.json`);
    const fromLauncher = require.resolve(`${platformPkg}/package.json`, {
      paths: [path.dirname(launcherPkg)],
    });
    candidates.push(path.join(path.dirname(fromLauncher), "vendor", triple, "bin", exe));
    candidates.push(path.join(path.dirname(launcherPkg), "vendor", triple, "bin", exe));
  } catch {
    // platform package not resolvable: fall through to the error below
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `native codex binary for ${triple} not found (looked in ${candidates.join(", ")})`,
    );
  }
  return found;
}

function targetTriple(): string {
  const { platform, arch } = process;
  if ((platform === "linux" || platform === "android") && arch === "x64") {
    return "x86_64-unknown-linux-musl";
  }
  if ((platform === "linux" || platform === "android") && arch === "arm64") {
    return "aarch64-unknown-linux-musl";
  }
  if (platform === "darwin" && arch === "x64") return "x86_64-apple-darwin";
  if (platform === "darwin" && arch === "arm64") return "aarch64-apple-darwin";
  if (platform === "win32" && arch === "x64") return "x86_64-pc-windows-msvc";
  if (platform === "win32" && arch === "arm64") return "aarch64-pc-windows-msvc";
  throw new Error(`codex has no binary for ${platform}/${arch}`);
}

export interface ScratchWorkspace {
  /** Real (symlink-resolved) path of an empty temp folder, not a git repo. */
  dir: string;
  dispose(): Promise<void>;
}

/** Creates an empty temp folder (no `.git`) to use as a thread's `cwd`. */
export async function scratchWorkspace(prefix = "codex-ws-"): Promise<ScratchWorkspace> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

function tomlString(value: string): string {
  return JSON.stringify(value);
}
