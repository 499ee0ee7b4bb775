import * as assert from "node:assert/strict";

import {
  CodexNotFoundError,
  type BinaryResolverHost,
} from "../../../extension/appServer/binaryResolver";
import { windowsTreeKillCommand } from "../../../extension/appServer/processTree";
import type { Logger } from "../../../extension/log";
import type { WslExec } from "../../../extension/wsl/wslExec";
import { PROBE_SCRIPT } from "../../../extension/wsl/wslProbe";
import {
  createLaunchSpecFactory,
  type CodexLaunchSettings,
  type CreateLaunchSpecFactoryOptions,
  type LaunchNotice,
} from "../../../extension/wsl/wslLaunch";
import { buildWslEnv, cdExpressible, wslLaunchSpec } from "../../../extension/wsl/wslLaunchSpec";

// -------------------------------------------------------------------------------------------------
// A model of what happens to the argv between Node and the Linux process on Windows:
// Node/libuv quotes each argument into one command line (quote_cmd_arg), wsl.exe reads its own
// options with its simple parser (split at whitespace; `--cd` may be `"..."` without escapes),
// and everything after `--exec` is split with CommandLineToArgvW. If these tests pass, Node's own
// quoting is enough for the contract and no quoteWindowsArgument is needed.

/** libuv's quote_cmd_arg. */
function libuvQuote(arg: string): string {
  if (arg === "") return '""';
  if (!/[ \t"]/.test(arg)) return arg;
  if (!/["\\]/.test(arg)) return `"${arg}"`;
  let out = "";
  let quoteHit = true;
  for (let i = arg.length - 1; i >= 0; i--) {
    const c = arg[i]!;
    out = c + out;
    if (quoteHit && c === "\\") out = "\\" + out;
    else if (c === '"') {
      quoteHit = true;
      out = "\\" + out;
    } else quoteHit = false;
  }
  return `"${out}"`;
}

/** CommandLineToArgvW: the first token is taken verbatim (quotes, no escapes); the rest per MSVCRT. */
function commandLineToArgv(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const skipWs = (): void => {
    while (i < line.length && /[ \t]/.test(line[i]!)) i++;
  };
  skipWs();
  if (i >= line.length) return args;
  let first = "";
  if (line[i] === '"') {
    i++;
    while (i < line.length && line[i] !== '"') first += line[i++];
    i++;
  } else {
    while (i < line.length && !/[ \t]/.test(line[i]!)) first += line[i++];
  }
  args.push(first);
  for (;;) {
    skipWs();
    if (i >= line.length) return args;
    let arg = "";
    let inQuotes = false;
    while (i < line.length && (inQuotes || !/[ \t]/.test(line[i]!))) {
      let slashes = 0;
      while (line[i] === "\\") {
        slashes++;
        i++;
      }
      if (line[i] === '"') {
        arg += "\\".repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) {
          arg += '"';
          i++;
        } else if (inQuotes && line[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          inQuotes = !inQuotes;
          i++;
        }
      } else {
        arg += "\\".repeat(slashes);
        if (i < line.length && (inQuotes || !/[ \t]/.test(line[i]!))) arg += line[i++];
      }
    }
    args.push(arg);
  }
}

/** wsl.exe's option loop (WslMain) for the options we use, then CommandLineToArgvW after --exec. */
function wslExeParse(commandLine: string): { distro?: string; cd?: string; argv: string[] } {
  let rest = commandLine;
  const token = (handleQuotes = false): string => {
    if (handleQuotes && rest.startsWith('"')) {
      const end = rest.indexOf('"', 1);
      if (end >= 0) return rest.slice(0, end + 1);
    }
    const ws = rest.search(/[ \t]/);
    return ws < 0 ? rest : rest.slice(0, ws);
  };
  const consume = (arg: string): void => {
    rest = rest.slice(arg.length).replace(/^[ \t]+/, "");
  };
  const result: { distro?: string; cd?: string; argv: string[] } = { argv: [] };
  for (;;) {
    const arg = token();
    if (arg === "-d") {
      consume(arg);
      result.distro = token();
      consume(result.distro);
    } else if (arg === "--cd") {
      consume(arg);
      const dir = token(true);
      consume(dir);
      result.cd = dir.replace(/^"(.*)"$/s, "$1");
    } else if (arg === "--exec") {
      consume(arg);
      result.argv = commandLineToArgv(rest);
      return result;
    } else {
      throw new Error(`unexpected ${arg}`);
    }
  }
}

/** What the Linux process receives for a LaunchSpec spawned by Node on Windows. */
function throughWindows(args: readonly string[]): ReturnType<typeof wslExeParse> {
  return wslExeParse(args.map(libuvQuote).join(" "));
}

// -------------------------------------------------------------------------------------------------

const silent: Logger & { lines: string[] } = Object.assign(
  {
    trace: () => undefined,
    debug: () => undefined,
    info: (m: string) => silent.lines.push(`info ${m}`),
    warn: (m: string) => silent.lines.push(`warn ${m}`),
    error: (m: string | Error) => silent.lines.push(`error ${String(m)}`),
  },
  { lines: [] as string[] },
);

const WSL = "C:\\Windows\\System32\\wsl.exe";
const EXT = "C:\\Users\\me\\.vscode\\extensions\\codex-oss.codex-vscode-0.1.0";
const BUNDLED_X64 = `${EXT}\\bin\\linux-x64\\codex`;
const BUNDLED_LINUX =
  "/mnt/c/Users/me/.vscode/extensions/codex-oss.codex-vscode-0.1.0/bin/linux-x64/codex";

const WIN_ENV: NodeJS.ProcessEnv = {
  Path: "C:\\Windows\\System32;C:\\tools",
  PATHEXT: ".COM;.EXE;.BAT;.CMD",
  SystemRoot: "C:\\Windows",
  USERPROFILE: "C:\\Users\\me",
  OPENAI_API_KEY: "sk-test",
  https_proxy: "http://proxy:8080",
  CODEX_HOME: "C:\\Users\\me\\.codex",
  CODEX_SQLITE_HOME: "C:\\Users\\me\\.codex",
  CODEX_CA_CERTIFICATE: "C:\\certs\\corp.pem",
  WSLENV: "CODEX_HOME/p:GOPATH/l",
  AWS_SECRET_ACCESS_KEY: "nope",
};

const VERBOSE = Buffer.from(
  "  NAME      STATE           VERSION\r\n* Ubuntu    Running         2\r\n  Old       Stopped         1\r\n",
  "utf16le",
);

interface ProbeAnswer {
  arch?: string;
  codex?: string;
  setting?: "ok" | "missing";
  codexHome?: string;
  fail?: string;
}

function probeText(p: ProbeAnswer): string {
  return [
    `__codex_probe_arch=${p.arch ?? "x86_64"}`,
    "__codex_probe_home=/home/me",
    "__codex_probe_path=/home/me/.local/bin:/usr/bin",
    ...(p.codex ? [`__codex_probe_codex=${p.codex}`] : []),
    "__codex_probe_mount=/mnt/c/",
    `__codex_probe_codexhome=${p.codexHome ?? "/home/me/.codex"}`,
    ...(p.setting ? [`__codex_probe_setting=${p.setting}`] : []),
    "__codex_probe_done=1",
    "",
  ].join("\n");
}

function fakeExec(
  options: { list?: Buffer | "missing" | "notInstalled"; probe?: ProbeAnswer } = {},
): WslExec & {
  calls: string[][];
} {
  const calls: string[][] = [];
  const exec = (async (command: string, args: readonly string[]) => {
    assert.equal(command, WSL);
    calls.push([...args]);
    const list = options.list ?? VERBOSE;
    if (list === "missing") {
      return {
        exitCode: null,
        stdout: "",
        stderr: "",
        error: Object.assign(new Error("ENOENT"), { code: "ENOENT" }),
      };
    }
    const notInstalled = Buffer.from(
      "Windows Subsystem for Linux is not installed. You can install by running 'wsl.exe --install'.\r\n",
      "utf16le",
    );
    if (args[0] === "--list" || args[0] === "--status") {
      if (list === "notInstalled") return { exitCode: 1, stdout: notInstalled, stderr: "" };
      return { exitCode: 0, stdout: list, stderr: "" };
    }
    const probe = options.probe ?? {};
    if (probe.fail) return { exitCode: -1, stdout: Buffer.from(probe.fail, "utf16le"), stderr: "" };
    return { exitCode: 0, stdout: Buffer.from(probeText(probe)), stderr: "" };
  }) as WslExec & { calls: string[][] };
  exec.calls = calls;
  return exec;
}

/** A Windows resolver host whose file system holds exactly `files`. */
function windowsResolver(files: string[]): BinaryResolverHost {
  const set = new Set(files.map((f) => f.toLowerCase()));
  return {
    platform: "win32",
    arch: "x64",
    env: WIN_ENV,
    isExecutable: (f) => set.has(f.toLowerCase()),
  };
}

function settings(overrides: Partial<CodexLaunchSettings> = {}): () => CodexLaunchSettings {
  return () => ({ runCodexInWsl: true, wslDistribution: "", cliExecutable: "", ...overrides });
}

function factory(
  overrides: Partial<CreateLaunchSpecFactoryOptions> & { notices?: LaunchNotice[] } = {},
) {
  const notices = overrides.notices ?? [];
  return createLaunchSpecFactory({
    settings: settings(),
    extensionPath: EXT,
    logger: silent,
    platform: "win32",
    env: WIN_ENV,
    exec: fakeExec({ probe: { codex: "/home/me/.local/bin/codex" } }),
    wslCommand: WSL,
    fileExists: (p) => p === BUNDLED_X64,
    resolverHost: windowsResolver(["C:\\tools\\codex.exe"]),
    notify: (n) => notices.push(n),
    ...overrides,
  });
}

describe("wslLaunch", () => {
  beforeEach(() => {
    silent.lines.length = 0;
  });

  describe("wslLaunchSpec", () => {
    it("runs codex with --exec (no Linux shell), in the distro, at the cwd", () => {
      const spec = wslLaunchSpec({
        wslCommand: WSL,
        distro: "Ubuntu",
        linuxCwd: "/mnt/c/proj",
        codexPath: "/usr/local/bin/codex",
        source: "path",
        env: WIN_ENV,
        linuxPath: "/usr/bin:/bin",
      });
      assert.equal(spec.command, WSL);
      assert.deepEqual(spec.args, [
        "-d",
        "Ubuntu",
        "--cd",
        "/mnt/c/proj",
        "--exec",
        "/usr/bin/env",
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "/usr/local/bin/codex",
        "app-server",
      ]);
      assert.equal(
        spec.cwd,
        undefined,
        "the Windows-side cwd is left alone; --cd sets the Linux one",
      );
      assert.equal(
        spec.describe,
        "codex app-server in WSL (Ubuntu: /usr/local/bin/codex, from PATH)",
      );
    });

    it("forwards only allow-listed variables through a fresh WSLENV, never CODEX_HOME", () => {
      const spec = wslLaunchSpec({
        wslCommand: WSL,
        distro: "Ubuntu",
        codexPath: "/opt/codex",
        source: "setting",
        env: WIN_ENV,
      });
      assert.equal(spec.env.WSLENV, "OPENAI_API_KEY/u:https_proxy/u:CODEX_CA_CERTIFICATE/pu");
      assert.equal(spec.env.CODEX_HOME, undefined, "the Windows CODEX_HOME is removed");
      assert.equal(spec.env.CODEX_SQLITE_HOME, undefined);
      assert.equal(spec.env.AWS_SECRET_ACCESS_KEY, undefined);
      assert.equal(spec.env.OPENAI_API_KEY, "sk-test");
      assert.equal(
        spec.env.SystemRoot,
        "C:\\Windows",
        "wsl.exe itself still gets its Windows basics",
      );
      assert.deepEqual(
        spec.args.slice(-2),
        ["/opt/codex", "app-server"],
        "no env wrapper without a PATH",
      );
      assert.deepEqual(spec.args.slice(2, 4), ["--cd", "~"]);
    });

    it("passes an explicit Linux CODEX_HOME and refuses one on a Windows drive", () => {
      const base = {
        wslCommand: WSL,
        distro: "Ubuntu",
        codexPath: "/opt/codex",
        source: "setting" as const,
        env: WIN_ENV,
      };
      const spec = wslLaunchSpec({ ...base, linuxCodexHome: "/home/me/.codex-test" });
      assert.equal(spec.env.CODEX_HOME, "/home/me/.codex-test");
      assert.match(spec.env.WSLENV ?? "", /(^|:)CODEX_HOME\/u$/);
      assert.throws(
        () => wslLaunchSpec({ ...base, linuxCodexHome: "/mnt/c/Users/me/.codex" }),
        /24348/,
      );
      assert.throws(
        () => wslLaunchSpec({ ...base, linuxCodexHome: "C:\\Users\\me\\.codex" }),
        /Linux path/,
      );
    });

    it("builds WSLENV case-insensitively, with extra names and path flags", () => {
      assert.deepEqual(
        buildWslEnv(
          { openai_api_key: "k", SSL_CERT_FILE: "C:\\ca.pem", AZURE_KEY: "a", CODEX_HOME: "x" },
          ["AZURE_KEY", "CODEX_HOME"],
        ),
        {
          value: "openai_api_key/u:AZURE_KEY/u:SSL_CERT_FILE/pu",
          names: ["openai_api_key", "AZURE_KEY", "SSL_CERT_FILE"],
        },
      );
    });

    it("rejects a distribution name wsl.exe could not take, and a codex path that is not Linux", () => {
      const base = { wslCommand: WSL, codexPath: "/opt/codex", source: "path" as const, env: {} };
      assert.throws(
        () => wslLaunchSpec({ ...base, distro: "Ubuntu 22" }),
        /not a valid WSL distribution/,
      );
      assert.throws(
        () => wslLaunchSpec({ ...base, distro: "U", codexPath: "C:\\codex.exe" }),
        /not an absolute Linux path/,
      );
      assert.throws(
        () => wslLaunchSpec({ ...base, distro: "U", codexPath: '/opt/"q"/codex' }),
        /Linux path/,
      );
    });

    describe("survives Windows command-line quoting (libuv → wsl.exe → CommandLineToArgvW)", () => {
      const awkward: Array<[string, string]> = [
        ["/mnt/c/Program Files/Codex", "/mnt/c/Program Files/Codex/bin/codex"],
        ["/home/me/it's $HOME; `x` & (y)", "/home/me/bin/co dex"],
        ["/home/me/Документы/日本 語", "/home/me/ü/codex"],
        ["/home/me/tab\there", "/home/me/back\\slash\\codex"],
        ["/home/me/trailing\\ \\", "/opt/codex"],
        ["/home/me/ends-with-backslash\\", "/opt/codex"],
      ];
      for (const [cwd, codex] of awkward) {
        it(`cwd ${JSON.stringify(cwd)}, codex ${JSON.stringify(codex)}`, () => {
          const spec = wslLaunchSpec({
            wslCommand: WSL,
            distro: "Ubuntu-22.04",
            linuxCwd: cwd,
            codexPath: codex,
            source: "bundled",
            env: {},
            linuxPath: "/usr/bin:/mnt/c/Program Files/Git/cmd",
          });
          const seen = throughWindows(spec.args);
          assert.equal(seen.distro, "Ubuntu-22.04");
          assert.equal(seen.cd, cdExpressible(cwd) ? cwd : "~");
          assert.deepEqual(seen.argv, spec.args.slice(5));
          assert.equal(seen.argv.at(-2), codex);
        });
      }

      it("a cwd with a double quote falls back to ~", () => {
        const spec = wslLaunchSpec({
          wslCommand: WSL,
          distro: "Ubuntu",
          linuxCwd: '/home/me/"quoted"',
          codexPath: "/opt/codex",
          source: "path",
          env: {},
        });
        assert.equal(throughWindows(spec.args).cd, "~");
      });

      it("the probe script and an empty $1 arrive intact", () => {
        const args = [
          "-d",
          "Ubuntu",
          "--cd",
          "~",
          "--exec",
          "/bin/sh",
          "-lc",
          PROBE_SCRIPT,
          "sh",
          "",
        ];
        assert.deepEqual(throughWindows(args).argv, args.slice(5));
        const withSetting = [...args.slice(0, -1), '/home/me/my "codex"\\'];
        assert.deepEqual(throughWindows(withSetting).argv, withSetting.slice(5));
      });

      it("the model itself matches documented CommandLineToArgvW results", () => {
        assert.deepEqual(commandLineToArgv('prog "a b" c\\\\"d e" f\\g "h\\"i"'), [
          "prog",
          "a b",
          "c\\d e",
          "f\\g",
          'h"i',
        ]);
        assert.equal(libuvQuote('hello\\"world'), '"hello\\\\\\"world"');
        assert.equal(libuvQuote("hello world\\"), '"hello world\\\\"');
        assert.equal(libuvQuote("plain"), "plain");
      });
    });
  });

  describe("createLaunchSpecFactory", () => {
    it("setting off: native codex.exe resolved through PATHEXT, spawned without a shell", async () => {
      const exec = fakeExec();
      const launcher = factory({ settings: settings({ runCodexInWsl: false }), exec });
      const spec = await launcher.launch();
      assert.equal(spec.command, "C:\\tools\\codex.exe");
      assert.deepEqual(spec.args, ["app-server"]);
      assert.equal(
        spec.env.CODEX_HOME,
        "C:\\Users\\me\\.codex",
        "natively the Windows CODEX_HOME is right",
      );
      assert.equal(exec.calls.length, 0, "wsl.exe is not even asked");
      assert.equal(launcher.paths.kind, "native");
      assert.equal(launcher.target?.kind, "native");
    });

    it("on Windows the app-server tree (wsl.exe or codex.exe) is ended with taskkill /T /F", () => {
      assert.deepEqual(windowsTreeKillCommand(4242, WIN_ENV), {
        command: "C:\\Windows\\System32\\taskkill.exe",
        args: ["/PID", "4242", "/T", "/F"],
      });
    });

    it("setting on, off Windows: native, with a log line", async () => {
      const exec = fakeExec();
      const launcher = factory({
        platform: "linux",
        exec,
        resolverHost: {
          platform: "linux",
          arch: "x64",
          env: { PATH: "/usr/bin" },
          isExecutable: (f) => f === "/usr/bin/codex",
        },
      });
      const spec = await launcher.launch();
      assert.equal(spec.command, "/usr/bin/codex");
      assert.equal(exec.calls.length, 0);
      assert.ok(silent.lines.some((l) => /only applies on Windows/.test(l)));
    });

    it("WSL 2 with the bundled Linux binary, reached through /mnt/c", async () => {
      const exec = fakeExec({ probe: { codex: "/home/me/.local/bin/codex" } });
      const launcher = factory({ exec, workspaceFolder: () => "C:\\Users\\me\\My Project" });
      const spec = await launcher.launch();
      assert.equal(spec.command, WSL);
      assert.deepEqual(spec.args.slice(0, 5), [
        "-d",
        "Ubuntu",
        "--cd",
        "/mnt/c/Users/me/My Project",
        "--exec",
      ]);
      assert.deepEqual(spec.args.slice(-2), [BUNDLED_LINUX, "app-server"]);
      assert.equal(
        spec.args[6],
        "PATH=/mnt/c/Users/me/.vscode/extensions/codex-oss.codex-vscode-0.1.0/bin/linux-x64:/home/me/.local/bin:/usr/bin",
      );
      assert.equal(launcher.target?.kind, "wsl");
      assert.equal(launcher.paths.kind, "wsl");
      assert.equal(launcher.paths.toHost("/home/me/x"), "\\\\wsl.localhost\\Ubuntu\\home\\me\\x");
      assert.equal(
        launcher.paths.toServer("C:\\Users\\me\\My Project"),
        "/mnt/c/Users/me/My Project",
      );
      assert.deepEqual(
        exec.calls.map((c) => c.slice(0, 2)),
        [
          ["--list", "--verbose"],
          ["-d", "Ubuntu"],
        ],
      );
    });

    it("picks linux-arm64 for an aarch64 distribution", async () => {
      const armBundled = `${EXT}\\bin\\linux-arm64\\codex`;
      const launcher = factory({
        exec: fakeExec({ probe: { arch: "aarch64" } }),
        fileExists: (p) => p === armBundled,
      });
      const spec = await launcher.launch();
      assert.match(spec.args.at(-2)!, /\/bin\/linux-arm64\/codex$/);
    });

    it("a Linux chatgpt.cliExecutable comes first (with ~ expanded), and must exist", async () => {
      const launcher = factory({
        settings: settings({ cliExecutable: "~/bin/codex" }),
        exec: fakeExec({ probe: { setting: "ok", codex: "/usr/bin/codex" } }),
      });
      const spec = await launcher.launch();
      assert.deepEqual(spec.args.slice(-2), ["/home/me/bin/codex", "app-server"]);
      assert.equal(launcher.target?.kind === "wsl" && launcher.target.source, "setting");

      const broken = factory({
        settings: settings({ cliExecutable: "/opt/missing/codex" }),
        exec: fakeExec({ probe: { setting: "missing" } }),
      });
      await assert.rejects(
        broken.launch(),
        (e: unknown) => e instanceof CodexNotFoundError && e.reason === "settingInvalid",
      );
    });

    it("a Windows chatgpt.cliExecutable is not used inside WSL", async () => {
      const exec = fakeExec({ probe: {} });
      const launcher = factory({
        settings: settings({ cliExecutable: "C:\\tools\\codex.exe" }),
        exec,
      });
      const spec = await launcher.launch();
      assert.deepEqual(spec.args.slice(-2), [BUNDLED_LINUX, "app-server"]);
      assert.equal(exec.calls[1]!.at(-1), "", "no setting path is checked inside WSL");
    });

    it("falls back to codex on the distribution's login PATH", async () => {
      const launcher = factory({ fileExists: () => false });
      const spec = await launcher.launch();
      assert.deepEqual(spec.args.slice(-2), ["/home/me/.local/bin/codex", "app-server"]);
      assert.equal(launcher.target?.kind === "wsl" && launcher.target.source, "path");
    });

    it("no codex anywhere in WSL: a CodexNotFoundError that says how to install it there", async () => {
      const launcher = factory({ fileExists: () => false, exec: fakeExec({ probe: {} }) });
      await assert.rejects(launcher.launch(), (e: unknown) => {
        assert.ok(e instanceof CodexNotFoundError);
        assert.equal(e.reason, "notFound");
        assert.match(e.message, /inside WSL \(Ubuntu\).*npm i -g @openai\/codex/);
        return true;
      });
    });

    it("WSL missing: runs natively and says why, once", async () => {
      const notices: LaunchNotice[] = [];
      const launcher = factory({ exec: fakeExec({ list: "missing" }), notices });
      const spec = await launcher.launch();
      assert.equal(spec.command, "C:\\tools\\codex.exe");
      await launcher.launch();
      assert.equal(notices.length, 1);
      assert.equal(notices[0]!.severity, "warning");
      assert.match(
        notices[0]!.message,
        /natively on Windows instead of in WSL: wsl\.exe was not found/,
      );
      assert.equal(
        launcher.target?.kind === "native" && Boolean(launcher.target.fallbackReason),
        true,
      );
    });

    it("WSL not installed: falls back with wsl.exe's explanation", async () => {
      const notices: LaunchNotice[] = [];
      const launcher = factory({ exec: fakeExec({ list: "notInstalled" }), notices });
      await launcher.launch();
      assert.match(notices[0]!.message, /not installed.*wsl\.exe --install/);
    });

    it("WSL 1: falls back and says WSL 1 is unsupported", async () => {
      const notices: LaunchNotice[] = [];
      const launcher = factory({ settings: settings({ wslDistribution: "Old" }), notices });
      const spec = await launcher.launch();
      assert.equal(spec.command, "C:\\tools\\codex.exe");
      assert.match(notices[0]!.message, /"Old" runs WSL 1.*WSL 2/);
    });

    it("a distribution that does not start: falls back with the reason", async () => {
      const notices: LaunchNotice[] = [];
      const launcher = factory({
        exec: fakeExec({
          probe: {
            fail: "WSL2 is unable to start since virtualization is not enabled on this machine.",
          },
        }),
        notices,
      });
      await launcher.launch();
      assert.match(notices[0]!.message, /virtualization is not enabled/);
    });

    it("a Linux cliExecutable is ignored by the native fallback instead of failing it", async () => {
      const launcher = factory({
        settings: settings({ cliExecutable: "/usr/bin/codex" }),
        exec: fakeExec({ list: "missing" }),
      });
      const spec = await launcher.launch();
      assert.equal(spec.command, "C:\\tools\\codex.exe");
    });

    it("with WSL off, a Linux cliExecutable on Windows is reported, not ignored", async () => {
      const launcher = factory({
        settings: settings({ runCodexInWsl: false, cliExecutable: "/usr/bin/codex" }),
      });
      await assert.rejects(
        launcher.launch(),
        (e: unknown) => e instanceof CodexNotFoundError && e.reason === "settingInvalid",
      );
    });

    it("uses chatgpt.wslDistribution for detection and -d", async () => {
      const exec = fakeExec();
      const notices: LaunchNotice[] = [];
      const launcher = factory({ settings: settings({ wslDistribution: "Nope" }), exec, notices });
      await launcher.launch();
      assert.match(notices[0]!.message, /no WSL distribution named "Nope".*Installed: Ubuntu, Old/);
    });

    it("an unreachable workspace folder starts in ~", async () => {
      const launcher = factory({ workspaceFolder: () => "\\\\fileserver\\share\\proj" });
      const spec = await launcher.launch();
      assert.deepEqual(spec.args.slice(2, 4), ["--cd", "~"]);
      const unc = factory({ workspaceFolder: () => "\\\\wsl$\\Ubuntu\\home\\me\\proj\\" });
      assert.deepEqual((await unc.launch()).args.slice(2, 4), ["--cd", "/home/me/proj"]);
    });

    it("warns when the Linux ~/.codex is a symlink onto the Windows drive", async () => {
      const notices: LaunchNotice[] = [];
      const launcher = factory({
        exec: fakeExec({ probe: { codexHome: "/mnt/c/Users/me/.codex" } }),
        notices,
      });
      await launcher.launch();
      assert.match(notices[0]!.message, /points to \/mnt\/c\/Users\/me\/\.codex.*corrupts/);
    });
  });
});
