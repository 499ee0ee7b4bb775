/**
 * 9. Sizes: dist/host.js (and the host's other files beside it) and dist/webview.js (raw and
 * gzip) and the universal VSIX built by `npm run package` (which rebuilds dist/ first); the VSIX
 * is deleted afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";

import { log, report, type Row } from "../lib/report";

const REPO = path.resolve(__dirname, "../..");
const KB = 1024;

function sizes(file: string): { raw: number; gzip: number } {
  const bytes = readFileSync(path.join(REPO, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  const vsix = path.join(REPO, `${manifest.name}-${manifest.version}.vsix`);
  const preexisting = existsSync(vsix);
  log("sizes: npm run package (builds dist/, then vsce package)");
  const started = Date.now();
  const result = spawnSync("npm", ["run", "package", "--silent"], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 150_000,
  });
  const packaged = result.status === 0 && existsSync(vsix);
  const vsixBytes = packaged ? statSync(vsix).size : null;
  // Leave no VSIX behind (unless one was there before the bench).
  if (packaged && !preexisting) rmSync(vsix, { force: true });
  const host = sizes("dist/host.js");
  // The host's other files, required by it (scripts/build.mjs: HOST_CHUNKS).
  const chunks = readdirSync(path.join(REPO, "dist"))
    .filter((name) => name.endsWith(".js") && name !== "host.js" && name !== "webview.js")
    .map((name) => ({ name, ...sizes(`dist/${name}`) }));
  const webview = sizes("dist/webview.js");
  const css = sizes("dist/webview.css");
  const rows: Row[] = [
    {
      name: "9 dist/host.js (host bundle)",
      value: host.raw / KB,
      unit: "KB",
      target: "info",
      pass: null,
      detail:
        `gzip ${(host.gzip / KB).toFixed(1)} KB; the entry and chunks: ` +
        chunks.map((c) => `${c.name} ${(c.raw / KB).toFixed(1)} KB`).join(", "),
    },
    {
      name: "9 dist/webview.js gzip",
      value: webview.gzip / KB,
      unit: "KB",
      target: "≤ 200 KB gzip",
      pass: webview.gzip <= 200 * KB,
      detail: `raw ${(webview.raw / KB).toFixed(1)} KB; webview.css ${(css.raw / KB).toFixed(1)} KB raw, ${(css.gzip / KB).toFixed(1)} KB gzip`,
    },
    packaged
      ? {
          name: "9 universal VSIX",
          value: vsixBytes! / KB,
          unit: "KB",
          target: "info",
          pass: null,
          detail: `npm run package took ${((Date.now() - started) / 1000).toFixed(0)} s; VSIX deleted`,
        }
      : {
          name: "9 universal VSIX",
          value: null,
          unit: "",
          target: "info",
          pass: null,
          skipped: `npm run package failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" / ")}`,
        },
  ];
  report("9", rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
