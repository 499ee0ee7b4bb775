import * as assert from "node:assert/strict";

import {
  classifyWslFailure,
  detectWsl,
  parseWslListQuiet,
  parseWslListVerbose,
  parseWslStatus,
} from "../../../extension/wsl/wslDetection";
import {
  decodeWslOutput,
  defaultWslCommand,
  type WslExec,
  type WslExecResult,
} from "../../../extension/wsl/wslExec";
import {
  PROBE_SCRIPT,
  codexHomeOnWindowsDrive,
  parseProbeOutput,
  probeDistro,
} from "../../../extension/wsl/wslProbe";

/** What wsl.exe writes: UTF-16LE with CRLF line ends, optionally with a BOM. */
function utf16(text: string, bom = false): Buffer {
  const body = Buffer.from(text.replace(/\n/g, "\r\n"), "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

const VERBOSE_TWO =
  "  NAME            STATE           VERSION\n" +
  "* Ubuntu-22.04    Running         2\n" +
  "  docker-desktop  Stopped         2\n" +
  "  Legacy          Stopped         1\n";

const NOT_INSTALLED =
  "Windows Subsystem for Linux is not installed. You can install by running 'wsl.exe --install'.\n" +
  "For more information please visit https://aka.ms/wslinstall\n";
const NO_DISTROS =
  "Windows Subsystem for Linux has no installed distributions.\n" +
  "You can resolve this by installing a distribution with the instructions below:\n\n" +
  "Use 'wsl.exe --list --online' to list available distributions\n" +
  "and 'wsl.exe --install <Distro>' to install.\n\nError code: Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND\n";
const OPTIONAL_COMPONENT =
  "This application requires the Windows Subsystem for Linux Optional Component.\n" +
  "Install it by running: wsl.exe --install --no-distribution\n" +
  "The system may need to be restarted so the changes can take effect.\n" +
  "Error code: Wsl/WSL_E_WSL_OPTIONAL_COMPONENT_REQUIRED\n";
const NO_VIRTUALIZATION =
  "WSL2 is unable to start since virtualization is not enabled on this machine.\n" +
  'Please ensure the "Virtual Machine Platform" optional component is enabled and virtualization ' +
  "is turned on in your computer's firmware settings.\n";

type Answer = Partial<WslExecResult>;

/** An exec that answers from a table keyed by the joined arguments, and records the calls. */
function tableExec(
  table: Record<string, Answer | ((args: readonly string[]) => Answer)>,
): WslExec & {
  calls: string[][];
} {
  const calls: string[][] = [];
  const exec = (async (_command: string, args: readonly string[]) => {
    calls.push([...args]);
    const key = args[0] === "-d" ? "probe" : args.join(" ");
    const entry = table[key];
    if (!entry) throw new Error(`unexpected wsl.exe ${args.join(" ")}`);
    const answer = typeof entry === "function" ? entry(args) : entry;
    return { exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), ...answer };
  }) as WslExec & { calls: string[][] };
  exec.calls = calls;
  return exec;
}

const WSL = "C:\\Windows\\System32\\wsl.exe";

describe("wslDetection", () => {
  describe("decodeWslOutput", () => {
    const cases: Array<[string, Buffer | string, string]> = [
      ["UTF-16LE with BOM", utf16("Default Version: 2\n", true), "Default Version: 2\n"],
      ["UTF-16LE without BOM", utf16("Ubuntu\nDebian\n"), "Ubuntu\nDebian\n"],
      ["UTF-8", Buffer.from("x86_64\n", "utf8"), "x86_64\n"],
      ["UTF-8 with BOM", Buffer.from("\uFEFFhello", "utf8"), "hello"],
      [
        "UTF-16LE non-ASCII",
        utf16("Distribución predeterminada: Ubuntu\n"),
        "Distribución predeterminada: Ubuntu\n",
      ],
      ["\\r\\r\\n line ends", utf16("a\r\nb\n"), "a\nb\n"],
      ["stray NULs in a string", "U\u0000b\u0000u\u0000n\u0000t\u0000u\u0000", "Ubuntu"],
      ["empty", Buffer.alloc(0), ""],
      ["UTF-8 Linux output", Buffer.from("/home/jürgen/.codex\n"), "/home/jürgen/.codex\n"],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => assert.equal(decodeWslOutput(input), expected));
    }
  });

  describe("parsers", () => {
    it("parses --list --verbose with the default marker and versions", () => {
      assert.deepEqual(parseWslListVerbose(decodeWslOutput(utf16(VERBOSE_TWO))), [
        { name: "Ubuntu-22.04", state: "Running", version: 2, isDefault: true },
        { name: "docker-desktop", state: "Stopped", version: 2, isDefault: false },
        { name: "Legacy", state: "Stopped", version: 1, isDefault: false },
      ]);
    });

    it("finds no rows in an error message or the plain list", () => {
      assert.deepEqual(parseWslListVerbose(NO_DISTROS), []);
      assert.deepEqual(
        parseWslListVerbose("Windows Subsystem for Linux Distributions:\nUbuntu (Default)\n"),
        [],
      );
    });

    it("parses --list --quiet (default first) and --status", () => {
      assert.deepEqual(parseWslListQuiet("Ubuntu\n\nDebian\n"), ["Ubuntu", "Debian"]);
      assert.deepEqual(parseWslStatus("Default Distribution: Ubuntu\nDefault Version: 2\n"), {
        defaultDistro: "Ubuntu",
        defaultVersion: 2,
      });
      assert.deepEqual(parseWslStatus("Standardversion: 2"), {});
    });

    const failures: Array<[string, string, ReturnType<typeof classifyWslFailure>]> = [
      ["not installed", NOT_INSTALLED, "notInstalled"],
      ["optional component", OPTIONAL_COMPONENT, "notInstalled"],
      ["no distributions", NO_DISTROS, "noDistributions"],
      ["virtualization", NO_VIRTUALIZATION, "virtualizationDisabled"],
      ["localized, with code", "Fehlercode: Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND", "noDistributions"],
      ["unknown", "Catastrophic failure", "error"],
    ];
    for (const [name, text, reason] of failures) {
      it(`classifies "${name}"`, () => assert.equal(classifyWslFailure(text), reason));
    }
  });

  describe("detectWsl", () => {
    it("picks the default WSL 2 distribution from --list --verbose alone", async () => {
      const exec = tableExec({ "--list --verbose": { stdout: utf16(VERBOSE_TWO, true) } });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.equal(result.status, "ready");
      assert.ok(result.status === "ready");
      assert.equal(result.distro.name, "Ubuntu-22.04");
      assert.equal(result.distros.length, 3);
      assert.deepEqual(exec.calls, [["--list", "--verbose"]]);
    });

    it("picks the configured distribution, case-insensitively", async () => {
      const exec = tableExec({ "--list --verbose": { stdout: utf16(VERBOSE_TWO) } });
      const result = await detectWsl({ exec, wslCommand: WSL, distro: " DOCKER-desktop " });
      assert.ok(result.status === "ready");
      assert.equal(result.distro.name, "docker-desktop");
    });

    it("reports WSL 1 as unsupported", async () => {
      const exec = tableExec({ "--list --verbose": { stdout: utf16(VERBOSE_TWO) } });
      const result = await detectWsl({ exec, wslCommand: WSL, distro: "Legacy" });
      assert.equal(result.status, "wsl1");
      assert.ok(result.status === "wsl1");
      assert.match(result.message, /"Legacy" runs WSL 1/);
      assert.match(result.message, /WSL 2/);
      assert.match(result.message, /0\.115/);
      assert.match(result.message, /wsl\.exe --set-version Legacy 2/);
    });

    it("reports a distribution that does not exist, listing the installed ones", async () => {
      const exec = tableExec({ "--list --verbose": { stdout: utf16(VERBOSE_TWO) } });
      const result = await detectWsl({ exec, wslCommand: WSL, distro: "Arch" });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "distroNotFound");
      assert.match(result.message, /"Arch".*Installed: Ubuntu-22\.04, docker-desktop, Legacy/);
    });

    it("says WSL is missing when wsl.exe does not exist", async () => {
      const enoent = Object.assign(new Error("spawn wsl.exe ENOENT"), { code: "ENOENT" });
      const exec = tableExec({ "--list --verbose": { exitCode: null, error: enoent } });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "wslMissing");
      assert.match(result.message, /not installed/);
    });

    it("explains a not-installed WSL with --status", async () => {
      const exec = tableExec({
        "--list --verbose": { exitCode: 1, stdout: utf16(NOT_INSTALLED) },
        "--status": { exitCode: 1, stdout: utf16(NOT_INSTALLED, true) },
      });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "notInstalled");
      assert.match(result.message, /wsl\.exe --install/);
      assert.match(result.details ?? "", /is not installed/);
      assert.deepEqual(exec.calls, [["--list", "--verbose"], ["--status"]]);
    });

    it("reports no installed distributions", async () => {
      const exec = tableExec({
        "--list --verbose": { exitCode: -1, stdout: utf16(NO_DISTROS) },
        "--status": { exitCode: -1, stdout: utf16(NO_DISTROS) },
      });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "noDistributions");
    });

    it("reports disabled virtualization from --status", async () => {
      const exec = tableExec({
        "--list --verbose": { exitCode: 1, stdout: utf16("Catastrophic failure\n") },
        "--status": {
          stdout: utf16(`Default Version: 2\n${NO_VIRTUALIZATION}`, true),
        },
      });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "virtualizationDisabled");
    });

    it("treats a wsl.exe without --verbose (pre-WSL 2) as WSL 1", async () => {
      const exec = tableExec({
        "--list --verbose": {
          stdout: utf16("Windows Subsystem for Linux Distributions:\nUbuntu (Default)\n"),
        },
        "--list --quiet": { stdout: utf16("Ubuntu\n") },
      });
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.equal(result.status, "wsl1");
    });

    it("never throws, also not when exec does", async () => {
      const exec: WslExec = async () => {
        throw new Error("boom");
      };
      const result = await detectWsl({ exec, wslCommand: WSL });
      assert.ok(result.status === "unavailable");
      assert.equal(result.reason, "error");
    });
  });

  describe("probe", () => {
    const output = [
      "some profile noise",
      "__codex_probe_arch=x86_64",
      "__codex_probe_home=/home/me",
      "__codex_probe_path=/home/me/.local/bin:/usr/bin:/mnt/c/Windows",
      "__codex_probe_codex=/home/me/.local/bin/codex",
      "__codex_probe_mount=/mnt/c/",
      "__codex_probe_codexhome=/home/me/.codex",
      "__codex_probe_setting=ok",
      "__codex_probe_done=1",
    ].join("\n");

    it("parses every key and ignores profile noise", () => {
      assert.deepEqual(parseProbeOutput(output), {
        machine: "x86_64",
        arch: "x64",
        home: "/home/me",
        loginPath: "/home/me/.local/bin:/usr/bin:/mnt/c/Windows",
        codexOnPath: "/home/me/.local/bin/codex",
        mountRoot: "/mnt/",
        codexHomeTarget: "/home/me/.codex",
        settingExecutable: true,
      });
    });

    it("handles a custom mount root, arm64, missing codex, and a truncated probe", () => {
      const probe = parseProbeOutput(
        "__codex_probe_arch=aarch64\n__codex_probe_home=/root\n__codex_probe_mount=/c/\n__codex_probe_done=1\n",
      );
      assert.equal(probe?.arch, "arm64");
      assert.equal(probe?.mountRoot, "/");
      assert.equal(probe?.codexOnPath, undefined);
      assert.equal(probe?.settingExecutable, undefined);
      assert.equal(parseProbeOutput("__codex_probe_arch=x86_64\n"), undefined);
      assert.equal(
        parseProbeOutput("__codex_probe_arch=riscv64\n__codex_probe_done=1")?.arch,
        undefined,
      );
    });

    it("flags a ~/.codex that resolves onto a Windows drive (openai/codex#24348)", () => {
      const base = parseProbeOutput(output)!;
      assert.equal(codexHomeOnWindowsDrive(base), false);
      assert.equal(
        codexHomeOnWindowsDrive({ ...base, codexHomeTarget: "/mnt/c/Users/me/.codex" }),
        true,
      );
      assert.equal(codexHomeOnWindowsDrive({ ...base, codexHomeTarget: "/mnt/wsl/x" }), false);
    });

    it("runs the script in a login sh with the setting as $1, without a shell in between", async () => {
      const exec = tableExec({ probe: { stdout: Buffer.from(output) } });
      const result = await probeDistro({
        exec,
        wslCommand: WSL,
        distro: "Ubuntu",
        settingPath: "/opt/my codex",
      });
      assert.ok(result.ok);
      assert.deepEqual(exec.calls[0], [
        "-d",
        "Ubuntu",
        "--cd",
        "~",
        "--exec",
        "/bin/sh",
        "-lc",
        PROBE_SCRIPT,
        "sh",
        "/opt/my codex",
      ]);
    });

    it("explains a distribution that does not start", async () => {
      const exec = tableExec({ probe: { exitCode: -1, stdout: utf16(NO_VIRTUALIZATION) } });
      const result = await probeDistro({ exec, wslCommand: WSL, distro: "Ubuntu" });
      assert.ok(!result.ok);
      assert.match(result.message, /"Ubuntu".*virtualization is not enabled/s);
    });
  });

  it("runs wsl.exe from System32, like taskkill", () => {
    assert.equal(defaultWslCommand({ SystemRoot: "C:\\Windows" }), WSL);
    assert.equal(defaultWslCommand({ windir: "D:\\WIN" }), "D:\\WIN\\System32\\wsl.exe");
    assert.equal(defaultWslCommand({}), "wsl.exe");
  });
});
