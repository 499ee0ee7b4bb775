/**
 * The extension packages: `scripts/package.mjs` (build, then `vsce package`) succeeds, and the
 * universal VSIX holds what the extension runs on and nothing from development.
 *
 * Packaging runs once, into a temp dir (`--out`), so nothing lands in the checkout. vsce refuses
 * to package for reasons no other stage sees (a relative link in README.md without a
 * repository URL, a manifest field it rejects), so a failure here is often only a README edit.
 * The zip is read through its central directory (`listZip`), without unzip or a dependency.
 *
 * What is meant to ship is `.vscodeignore`'s allowlist; `SHIPPED` below mirrors it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";

const REPO = path.resolve(__dirname, "../..");
/** A stray folder (node_modules, bin/, test fixtures) pushes the VSIX far past this. */
const MAX_VSIX_BYTES = 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a zip, from its central directory (no zip64: a VSIX this size never needs it). */
function listZip(zip: Buffer): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of at most 64 KiB, at the very end.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  assert.ok(end >= 0, "not a zip: no end-of-central-directory record");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `bad central directory header at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's content (stored or deflated, the only methods vsce writes). */
function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  assert.equal(zip.readUInt32LE(local), 0x04034b50, `bad local header for ${entry.name}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  assert.equal(entry.method, 8, `${entry.name}: unexpected compression method ${entry.method}`);
  return inflateRawSync(data);
}

/** What `.vscodeignore` lets through, as paths inside the VSIX (vsce puts it under extension/). */
const SHIPPED: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/LICENSE\.txt$/,
  // The host bundle, its chunks (scripts/build.mjs: HOST_CHUNKS) and the webview's files.
  /^extension\/dist\/([^/]+\.js|webview\.css|codicon\.ttf)$/,
  /^extension\/dist\/[^/]+\.LEGAL\.txt$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/media\/.+$/,
];

/** Development files, each with the reason it must not ship. */
const FORBIDDEN: [RegExp, string][] = [
  [/\.map$/, "source map"],
  [/\.(ts|tsx|mts|cts)$/, "TypeScript source"],
  [/(^|\/)node_modules\//, "node_modules"],
  [/^extension\/(test|bench|scripts|\.ci|\.vscode-test|out|test-results)\//, "dev folder"],
  [/^extension\/(extension|webview|protocol)\//, "source folder"],
  [/^extension\/bin\//, "codex binary in the universal VSIX"],
  [/^extension\/[^/]*\.vsix$/, "an earlier VSIX"],
  [
    /^extension\/(tsconfig\.json|eslint\.config\.mjs|package-lock\.json|\.vscodeignore|\.gitignore|\.prettierignore|\.prettierrc.*)$/,
    "dev config",
  ],
];

describe("package: the VSIX", function () {
  let scratch: string;
  let vsixPath: string;
  let result: ReturnType<typeof spawnSync>;
  let zip: Buffer | undefined;
  let entries: ZipEntry[] = [];
  let names: string[] = [];
  let vsixFilesBefore: string[];

  before(function () {
    scratch = mkdtempSync(path.join(tmpdir(), "codex-vsix-"));
    vsixPath = path.join(scratch, "codex-vscode.vsix");
    vsixFilesBefore = readdirSync(REPO).filter((name) => name.endsWith(".vsix"));
    // stdin closed: should vsce ever ask a question, it fails instead of waiting for an answer.
    result = spawnSync(process.execPath, ["scripts/package.mjs", "--out", vsixPath], {
      cwd: REPO,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    if (result.status === 0 && existsSync(vsixPath)) {
      zip = readFileSync(vsixPath);
      entries = listZip(zip);
      names = entries.map((entry) => entry.name);
    }
  });

  after(function () {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Skips the checks of the contents when packaging failed: the first test reports why. */
  function requireVsix(context: Mocha.Context): Buffer {
    if (!zip) context.skip();
    return zip!;
  }

  it("npm run package -- --out <file> succeeds and writes the VSIX there", function () {
    const lines = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.split("\n");
    // vsce's reason (` ERROR  Couldn't detect the repository…`) first, then the end of the output.
    const reasons = lines.filter((line) => /\bERROR\b/.test(line));
    assert.equal(
      result.status,
      0,
      `scripts/package.mjs failed (${result.error?.message ?? result.signal ?? result.status}):\n` +
        [...reasons, "…", ...lines.slice(-20)].join("\n"),
    );
    assert.ok(existsSync(vsixPath), `no VSIX at ${vsixPath}`);
  });

  it("leaves nothing in the checkout: no .vsix in the repo root, no bin/", function () {
    const vsixFilesAfter = readdirSync(REPO).filter((name) => name.endsWith(".vsix"));
    assert.deepEqual(vsixFilesAfter, vsixFilesBefore);
    assert.ok(!existsSync(path.join(REPO, "bin")), "bin/ left in the repo root");
  });

  it("holds the manifest, the bundles, the l10n bundles, media, readme and LICENSE", function () {
    requireVsix(this);
    const required = [
      "extension/package.json",
      "extension/package.nls.json",
      "extension/package.nls.de.json",
      "extension/package.nls.ja.json",
      "extension/dist/extension.js",
      "extension/dist/host.js",
      "extension/dist/webview.js",
      "extension/dist/webview.css",
      "extension/dist/codicon.ttf",
      "extension/l10n/bundle.l10n.json",
      "extension/l10n/bundle.l10n.de.json",
      "extension/l10n/bundle.l10n.ja.json",
      "extension/readme.md",
      "extension/LICENSE.txt",
    ];
    const missing = required.filter((name) => !names.includes(name));
    assert.deepEqual(missing, [], `missing from the VSIX; it holds:\n${names.join("\n")}`);
    assert.ok(
      names.some((name) => name.startsWith("extension/media/")),
      "no media/ in the VSIX",
    );
  });

  it("ships every translation and media file of the checkout", function () {
    requireVsix(this);
    const expected = [
      ...readdirSync(REPO)
        .filter((name) => /^package\.nls(\.[a-z-]+)?\.json$/.test(name))
        .map((name) => `extension/${name}`),
      ...readdirSync(path.join(REPO, "l10n")).map((name) => `extension/l10n/${name}`),
      ...readdirSync(path.join(REPO, "media"), { recursive: true, encoding: "utf8" })
        .filter((name) => statSync(path.join(REPO, "media", name)).isFile())
        .map((name) => `extension/media/${name.split(path.sep).join("/")}`),
    ];
    assert.deepEqual(
      expected.filter((name) => !names.includes(name)),
      [],
    );
  });

  it("holds no source maps, TypeScript, node_modules or other development files", function () {
    requireVsix(this);
    const found = names.flatMap((name) =>
      FORBIDDEN.filter(([pattern]) => pattern.test(name)).map(([, why]) => `${name} (${why})`),
    );
    assert.deepEqual(found, []);
  });

  it("holds only what .vscodeignore lets through", function () {
    requireVsix(this);
    const unexpected = names.filter((name) => !SHIPPED.some((pattern) => pattern.test(name)));
    assert.deepEqual(
      unexpected,
      [],
      "files outside .vscodeignore's allowlist (if one is meant to ship, add it to both)",
    );
  });

  it("the packaged package.json's main and icons point at files in the VSIX", function () {
    const archive = requireVsix(this);
    const entry = entries.find((candidate) => candidate.name === "extension/package.json");
    assert.ok(entry, "no extension/package.json");
    const manifest = JSON.parse(readZipEntry(archive, entry).toString("utf8")) as {
      main?: string;
      l10n?: string;
      contributes?: unknown;
    };
    const inVsix = (relative: string) => path.posix.join("extension", relative);
    assert.ok(manifest.main, "package.json has no main");
    assert.ok(
      names.includes(inVsix(manifest.main)),
      `main ${manifest.main} is not in the VSIX (${inVsix(manifest.main)})`,
    );
    if (manifest.l10n) {
      const folder = `${inVsix(manifest.l10n)}/`;
      assert.ok(names.includes(`${folder}bundle.l10n.json`), `no ${folder}bundle.l10n.json`);
    }
    const icons: string[] = [];
    const collect = (value: unknown, underIcon: boolean): void => {
      if (typeof value === "string") {
        if (underIcon && !value.startsWith("$(")) icons.push(value);
      } else if (Array.isArray(value)) {
        for (const item of value) collect(item, underIcon);
      } else if (value && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) collect(item, underIcon || key === "icon");
      }
    };
    collect(manifest.contributes, false);
    assert.deepEqual(
      icons.filter((icon) => !names.includes(inVsix(icon))),
      [],
      "icons named in contributes but missing from the VSIX",
    );
  });

  it("holds every file the entry loads beside it (the host bundle, its chunks), and theirs", function () {
    const archive = requireVsix(this);
    const missing: string[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const entry = entries.find((candidate) => candidate.name === name);
      if (!entry) return void missing.push(name);
      const code = readZipEntry(archive, entry).toString("utf8");
      // `require("./chat.js")`, and the entry's `path.join(__dirname, "host.js")`.
      for (const [, file] of code.matchAll(/"(?:\.\/)?([\w-]+\.js)"/g)) {
        visit(`extension/dist/${file}`);
      }
    };
    visit("extension/dist/extension.js");
    assert.deepEqual(missing, []);
    assert.ok(seen.size > 2, "dist/extension.js loads no chunk: is the pattern still right?");
  });

  it(`stays small: the VSIX is under ${MAX_VSIX_BYTES / 1024} KiB`, function () {
    requireVsix(this);
    const size = statSync(vsixPath).size;
    assert.ok(
      size < MAX_VSIX_BYTES,
      `VSIX is ${(size / 1024).toFixed(0)} KiB; largest entries:\n` +
        [...entries]
          .sort((a, b) => b.compressedSize - a.compressedSize)
          .slice(0, 10)
          .map((entry) => `${entry.compressedSize}\t${entry.name}`)
          .join("\n"),
    );
  });
});
