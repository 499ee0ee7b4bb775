import * as assert from "node:assert/strict";

import type { ThreadItem } from "../../../protocol/codex/v2/ThreadItem";
import type { UserInput } from "../../../protocol/codex/v2/UserInput";
import {
  isLinuxAbsolutePath,
  isWindowsAbsolutePath,
  mapThreadItemPaths,
  nativePathMapper,
  normalizeMountRoot,
  splitLocationSuffix,
  windowsPathToFileUri,
  windowsToWslPath,
  wslLinkToWindows,
  wslPathMapper,
  wslToWindowsPath,
} from "../../../extension/wsl/wslPaths";

const ubuntu = { distro: "Ubuntu" };

describe("wslPaths", () => {
  describe("windowsToWslPath", () => {
    const cases: Array<[string, string | undefined, string?]> = [
      // drives
      ["C:\\Users\\me\\proj", "/mnt/c/Users/me/proj"],
      ["c:\\Users\\me\\proj", "/mnt/c/Users/me/proj", "lower-case drive"],
      ["D:/work/app", "/mnt/d/work/app", "forward slashes"],
      ["C:\\", "/mnt/c", "drive root"],
      ["C:", "/mnt/c", "bare drive"],
      ["C:/", "/mnt/c"],
      ["C:\\Users\\me\\", "/mnt/c/Users/me", "trailing backslash"],
      ["C:\\Users\\me\\\\\\", "/mnt/c/Users/me", "several trailing backslashes"],
      ["C:\\Program Files\\My App\\x.txt", "/mnt/c/Program Files/My App/x.txt", "spaces"],
      ["C:\\Users\\Jürgen\\Документы\\日本.md", "/mnt/c/Users/Jürgen/Документы/日本.md", "unicode"],
      ["C:\\a\\b\\..\\c\\.\\d", "/mnt/c/a/c/d", "dot segments"],
      ["C:\\..\\..\\x", "/mnt/c/x", "`..` stops at the drive root"],
      ["C:\\a\\\\b", "/mnt/c/a/b", "doubled separators"],
      ["\\\\?\\C:\\very\\long", "/mnt/c/very/long", "long-path prefix"],
      ["C:\\it's $HOME & (x);`y`", "/mnt/c/it's $HOME & (x);`y`", "shell metacharacters kept"],
      // WSL UNC, both hosts
      ["\\\\wsl.localhost\\Ubuntu\\home\\me\\proj", "/home/me/proj"],
      ["\\\\wsl$\\Ubuntu\\home\\me\\proj", "/home/me/proj", "legacy wsl$ host"],
      ["\\\\WSL.LOCALHOST\\ubuntu\\home\\me", "/home/me", "host and distro case-insensitive"],
      ["//wsl.localhost/Ubuntu/home/me/a b", "/home/me/a b", "forward-slash UNC"],
      ["\\\\wsl.localhost\\Ubuntu", "/", "distro root"],
      ["\\\\wsl.localhost\\Ubuntu\\", "/", "distro root with slash"],
      ["\\\\wsl.localhost\\Ubuntu\\home\\me\\..\\..\\..\\etc", "/etc", "`..` stops at /"],
      ["\\\\wsl.localhost\\Ubuntu\\tmp\\dir\\", "/tmp/dir", "trailing slash"],
      ["\\\\?\\UNC\\wsl.localhost\\Ubuntu\\srv", "/srv", "long UNC prefix"],
      ["\\\\wsl.localhost\\Ubuntu\\home\\me\\ünï cødé", "/home/me/ünï cødé"],
      // unreachable
      ["\\\\wsl.localhost\\Debian\\home\\me", undefined, "another distribution"],
      ["\\\\server\\share\\file.txt", undefined, "network share"],
      ["relative\\path", undefined],
      ["C:relative", undefined, "drive-relative"],
      ["", undefined],
      // already Linux
      ["/home/me/proj/", "/home/me/proj", "Linux path passes through"],
      ["/home/me/../you/./x", "/home/you/x"],
      ["/", "/"],
    ];
    for (const [input, expected, note] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}${note ? ` (${note})` : ""}`, () => {
        assert.equal(windowsToWslPath(input, ubuntu), expected);
      });
    }

    it("honours a custom mount root", () => {
      assert.equal(windowsToWslPath("C:\\x", { distro: "U", mountRoot: "/" }), "/c/x");
      assert.equal(windowsToWslPath("E:\\x", { distro: "U", mountRoot: "/win" }), "/win/e/x");
    });
  });

  describe("wslToWindowsPath", () => {
    const cases: Array<[string, string, string?]> = [
      ["/mnt/c/Users/me/proj", "C:\\Users\\me\\proj"],
      ["/mnt/d/x", "D:\\x"],
      ["/mnt/C/x", "C:\\x", "upper-case mount dir"],
      ["/mnt/c", "C:\\", "drive root"],
      ["/mnt/c/", "C:\\", "drive root with slash"],
      ["/mnt/c/Program Files/My App/", "C:\\Program Files\\My App", "spaces, trailing slash"],
      ["/mnt/c/Users/Jürgen/日本.md", "C:\\Users\\Jürgen\\日本.md", "unicode"],
      ["/mnt/c/a/../b/./c", "C:\\b\\c", "dot segments"],
      ["/home/me/proj/src/a.ts", "\\\\wsl.localhost\\Ubuntu\\home\\me\\proj\\src\\a.ts"],
      ["/tmp/codex ws/ü.txt", "\\\\wsl.localhost\\Ubuntu\\tmp\\codex ws\\ü.txt"],
      ["/", "\\\\wsl.localhost\\Ubuntu\\", "root"],
      ["/mnt", "\\\\wsl.localhost\\Ubuntu\\mnt", "the mount root itself"],
      ["/mnt/wsl/shared", "\\\\wsl.localhost\\Ubuntu\\mnt\\wsl\\shared", "not a drive"],
      ["/mnt/cd/x", "\\\\wsl.localhost\\Ubuntu\\mnt\\cd\\x", "two-letter dir is not a drive"],
      ["/mnt/c/../../etc/passwd", "\\\\wsl.localhost\\Ubuntu\\etc\\passwd", "`..` out of /mnt"],
      ["/home/me//x///", "\\\\wsl.localhost\\Ubuntu\\home\\me\\x", "doubled slashes"],
      ["src/a.ts", "src/a.ts", "relative stays as is"],
    ];
    for (const [input, expected, note] of cases) {
      it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}${note ? ` (${note})` : ""}`, () => {
        assert.equal(wslToWindowsPath(input, ubuntu), expected);
      });
    }

    it("uses wsl$ when asked, and a custom mount root", () => {
      assert.equal(wslToWindowsPath("/x", { distro: "Deb", uncHost: "wsl$" }), "\\\\wsl$\\Deb\\x");
      assert.equal(wslToWindowsPath("/c/x", { distro: "U", mountRoot: "/" }), "C:\\x");
      assert.equal(
        wslToWindowsPath("/mnt/c/x", { distro: "U", mountRoot: "/" }),
        "\\\\wsl.localhost\\U\\mnt\\c\\x",
      );
    });

    it("round-trips drive and in-distribution paths", () => {
      for (const win of [
        "C:\\Users\\me\\a b\\ü.ts",
        "Z:\\",
        "\\\\wsl.localhost\\Ubuntu\\home\\me\\x y",
        "\\\\wsl.localhost\\Ubuntu\\",
      ]) {
        const linux = windowsToWslPath(win, ubuntu)!;
        assert.equal(wslToWindowsPath(linux, ubuntu), win);
      }
    });
  });

  describe("links", () => {
    const cases: Array<[string, string]> = [
      ["/mnt/c/x/a.ts", "C:\\x\\a.ts"],
      ["/mnt/c/x/a.ts:12", "C:\\x\\a.ts:12"],
      ["/mnt/c/x/a.ts:12:3", "C:\\x\\a.ts:12:3"],
      ["/home/me/a.ts#L10", "\\\\wsl.localhost\\Ubuntu\\home\\me\\a.ts#L10"],
      ["/home/me/a.ts#L10-L20", "\\\\wsl.localhost\\Ubuntu\\home\\me\\a.ts#L10-L20"],
      ["/home/me/a.ts#L3C4", "\\\\wsl.localhost\\Ubuntu\\home\\me\\a.ts#L3C4"],
      ["https://example.com/a", "https://example.com/a"],
      ["src/a.ts:3", "src/a.ts:3"],
      ["#heading", "#heading"],
      ["file:///home/me/a%20b.ts#L2", "file://wsl.localhost/Ubuntu/home/me/a%20b.ts#L2"],
      ["file:///mnt/c/x/y.ts", "file:///c%3A/x/y.ts"],
      ["file://server/share/x", "file://server/share/x"],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(wslLinkToWindows(input, ubuntu), expected));
    }

    it("splits location suffixes only at the end", () => {
      assert.deepEqual(splitLocationSuffix("/a:1/b.ts"), { base: "/a:1/b.ts", suffix: "" });
      assert.deepEqual(splitLocationSuffix(":12"), { base: ":12", suffix: "" });
    });

    it("builds file URIs for drive and UNC paths", () => {
      assert.equal(windowsPathToFileUri("C:\\a b\\ü"), "file:///c%3A/a%20b/%C3%BC");
      assert.equal(windowsPathToFileUri("\\\\wsl.localhost\\U\\x"), "file://wsl.localhost/U/x");
    });
  });

  describe("classification helpers", () => {
    it("tells Linux and Windows absolute paths apart", () => {
      assert.ok(isLinuxAbsolutePath("/home"));
      assert.ok(!isLinuxAbsolutePath("//server/share"));
      assert.ok(!isLinuxAbsolutePath("C:\\x"));
      assert.ok(isWindowsAbsolutePath("C:\\x"));
      assert.ok(isWindowsAbsolutePath("\\\\wsl$\\U"));
      assert.ok(!isWindowsAbsolutePath("/home"));
      assert.equal(normalizeMountRoot("mnt"), "/mnt/");
      assert.equal(normalizeMountRoot("/"), "/");
      assert.equal(normalizeMountRoot(undefined), "/mnt/");
    });
  });

  describe("protocol objects", () => {
    const mapper = wslPathMapper({ distro: "Ubuntu" });

    it("maps a file change's paths (and move_path) to Windows", () => {
      const item: ThreadItem = {
        type: "fileChange",
        id: "call_1",
        status: "completed",
        changes: [
          { path: "/home/me/p/a.ts", kind: { type: "add" }, diff: "+x\n" },
          { path: "/mnt/c/p/b.ts", kind: { type: "update", move_path: "/mnt/c/p/c.ts" }, diff: "" },
          { path: "/home/me/p/d.ts", kind: { type: "update", move_path: null }, diff: "" },
        ],
      };
      const mapped = mapper.itemToHost(item);
      assert.ok(mapped.type === "fileChange");
      assert.deepEqual(
        mapped.changes.map((c) => [c.path, c.kind.type === "update" ? c.kind.move_path : "-"]),
        [
          ["\\\\wsl.localhost\\Ubuntu\\home\\me\\p\\a.ts", "-"],
          ["C:\\p\\b.ts", "C:\\p\\c.ts"],
          ["\\\\wsl.localhost\\Ubuntu\\home\\me\\p\\d.ts", null],
        ],
      );
      assert.equal(item.changes[0]!.path, "/home/me/p/a.ts", "the input is not modified");
    });

    it("maps a command's cwd and its parsed actions", () => {
      const item: ThreadItem = {
        type: "commandExecution",
        id: "c",
        pluginId: null,
        scriptPath: null,
        command: "cat a",
        cwd: "/mnt/c/proj",
        processId: null,
        source: "agent",
        status: "completed",
        commandActions: [
          { type: "read", command: "cat a", name: "a", path: "/mnt/c/proj/a" },
          { type: "listFiles", command: "ls", path: null },
          { type: "search", command: "rg x /etc", query: "x", path: "/etc" },
          { type: "unknown", command: "true" },
        ],
        aggregatedOutput: null,
        exitCode: 0,
        durationMs: 1,
      };
      const mapped = mapper.itemToHost(item);
      assert.ok(mapped.type === "commandExecution");
      assert.equal(mapped.cwd, "C:\\proj");
      assert.deepEqual(
        mapped.commandActions.map((a) => ("path" in a ? a.path : "-")),
        ["C:\\proj\\a", null, "\\\\wsl.localhost\\Ubuntu\\etc", "-"],
      );
    });

    it("maps image views and user-message attachments; leaves other items alone", () => {
      const image = mapper.itemToHost({ type: "imageView", id: "i", path: "/tmp/x.png" });
      assert.ok(image.type === "imageView");
      assert.equal(image.path, "\\\\wsl.localhost\\Ubuntu\\tmp\\x.png");
      const text: ThreadItem = { type: "plan", id: "p", text: "/home/me" };
      assert.equal(mapper.itemToHost(text), text);
      const user = mapper.itemToHost({
        type: "userMessage",
        id: "u",
        clientId: null,
        content: [
          { type: "text", text: "/mnt/c/x stays", text_elements: [] },
          { type: "mention", name: "a.ts", path: "/mnt/c/x/a.ts" },
        ],
      });
      assert.ok(user.type === "userMessage");
      assert.deepEqual(user.content[1], { type: "mention", name: "a.ts", path: "C:\\x\\a.ts" });
      assert.equal(user.content[0]!.type === "text" && user.content[0]!.text, "/mnt/c/x stays");
    });

    it("maps outgoing attachments and mentions to Linux, keeping unreachable ones", () => {
      const inputs: UserInput[] = [
        { type: "localImage", path: "C:\\Users\\me\\Pictures\\shot 1.png" },
        { type: "mention", name: "a", path: "\\\\wsl.localhost\\Ubuntu\\home\\me\\a.ts" },
        { type: "skill", name: "s", path: "\\\\server\\share\\skill" },
        { type: "text", text: "C:\\x", text_elements: [] },
      ];
      assert.deepEqual(inputs.map(mapper.userInputToServer), [
        { type: "localImage", path: "/mnt/c/Users/me/Pictures/shot 1.png" },
        { type: "mention", name: "a", path: "/home/me/a.ts" },
        { type: "skill", name: "s", path: "\\\\server\\share\\skill" },
        { type: "text", text: "C:\\x", text_elements: [] },
      ]);
    });

    it("the native mapper is the identity", () => {
      const item: ThreadItem = { type: "imageView", id: "i", path: "/x" };
      assert.equal(nativePathMapper.itemToHost(item), item);
      assert.equal(nativePathMapper.toServer("C:\\x"), "C:\\x");
      assert.equal(nativePathMapper.linkToHost("/x:1"), "/x:1");
      const upper = mapThreadItemPaths(item, (p) => p.toUpperCase());
      assert.ok(upper.type === "imageView");
      assert.equal(upper.path, "/X");
    });
  });
});
