import * as assert from "node:assert/strict";

import { childEnvironment, isAllowedEnvName } from "../../../extension/appServer/childEnvironment";

describe("childEnvironment", () => {
  const kept: string[] = [
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "SHELL",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "TMPDIR",
    "TEMP",
    "TMP",
    "TERM",
    "CODEX_HOME",
    "CODEX_SQLITE_HOME",
    "CODEX_CA_CERTIFICATE",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NODE_EXTRA_CA_CERTS",
    "XDG_CONFIG_HOME",
    "SystemRoot",
    "ComSpec",
    "PATHEXT",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
    "ProgramData",
    "windir",
    "Path",
    "WSL_DISTRO_NAME",
    "WSLENV",
  ];
  kept.push("JAVA_HOME", "GOPATH", "VIRTUAL_ENV", "CARGO_HOME", "NVM_DIR", "EDITOR");
  const dropped: string[] = [
    "AWS_SECRET_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "GITHUB_TOKEN",
    "NPM_TOKEN",
    "CODEX_TEST_SENTINEL_SECRET",
    "CODEX_SANDBOX",
    "CODEX_SANDBOX_NETWORK_DISABLED",
    "CODEX_API_KEY",
    "CODEX_GITHUB_PERSONAL_ACCESS_TOKEN",
    "ELECTRON_RUN_AS_NODE",
    "VSCODE_IPC_HOOK",
    "NODE_OPTIONS",
    "LD_PRELOAD",
    "SSH_AUTH_SOCK",
    "GPG_AGENT_INFO",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "WSL_INTEROP",
    "PATHS",
    "MY_PATH",
  ];

  for (const name of kept) {
    it(`keeps ${name}`, () => {
      assert.deepEqual(childEnvironment({ [name]: "v" }), { [name]: "v" });
    });
  }
  for (const name of dropped) {
    it(`drops ${name}`, () => {
      assert.deepEqual(childEnvironment({ [name]: "v" }), {});
    });
  }

  it("filters a mixed environment and skips undefined values", () => {
    const env = childEnvironment({
      PATH: "/bin",
      GITHUB_TOKEN: "ghp_x",
      HOME: undefined,
      LC_MESSAGES: "C",
    });
    assert.deepEqual(env, { PATH: "/bin", LC_MESSAGES: "C" });
  });

  it("applies overrides after filtering, even for names the allow-list drops", () => {
    const env = childEnvironment(
      { PATH: "/bin", CODEX_HOME: "/old", RUST_LOG: "trace" },
      {
        overrides: {
          CODEX_HOME: "/new",
          CODEX_INTERNAL_ORIGINATOR_OVERRIDE: "vscode",
          RUST_LOG: undefined,
        },
      },
    );
    assert.deepEqual(env, {
      PATH: "/bin",
      CODEX_HOME: "/new",
      CODEX_INTERNAL_ORIGINATOR_OVERRIDE: "vscode",
    });
  });

  it("replaces a differently-cased twin on override (Windows Path vs PATH)", () => {
    const env = childEnvironment({ Path: "C:\\old" }, { overrides: { PATH: "C:\\new" } });
    assert.deepEqual(env, { PATH: "C:\\new" });
  });

  it("keeps names from extraAllowed (a custom provider's env_key)", () => {
    const source = { AZURE_OPENAI_API_KEY: "k", OTHER: "x" };
    assert.deepEqual(childEnvironment(source, { extraAllowed: ["azure_openai_api_key"] }), {
      AZURE_OPENAI_API_KEY: "k",
    });
    assert.equal(isAllowedEnvName("AZURE_OPENAI_API_KEY"), false);
  });

  it("does not mutate its input", () => {
    const source = { PATH: "/bin", SECRET: "s" };
    childEnvironment(source, { overrides: { PATH: "/x" } });
    assert.deepEqual(source, { PATH: "/bin", SECRET: "s" });
  });
});
