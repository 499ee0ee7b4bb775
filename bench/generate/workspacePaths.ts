/**
 * `count` workspace-relative file paths shaped like a large monorepo: packages with src/test
 * trees, nested feature folders, camelCase and kebab-case names, generated and vendored folders.
 */
import { prng } from "./text";

const PACKAGES = [
  "core",
  "ui",
  "server",
  "cli",
  "shared",
  "editor",
  "protocol",
  "docs",
  "infra",
  "mobile",
];
const FOLDERS = [
  "components",
  "hooks",
  "utils",
  "services",
  "models",
  "views",
  "routes",
  "store",
  "api",
  "lib",
  "config",
  "helpers",
  "widgets",
  "features",
  "parsers",
  "adapters",
  "internal",
  "legacy",
];
const STEMS = [
  "button",
  "dialog",
  "userProfile",
  "settings",
  "thread",
  "message",
  "composer",
  "picker",
  "history",
  "account",
  "auth",
  "session",
  "token",
  "stream",
  "reader",
  "writer",
  "batch",
  "index",
  "types",
  "constants",
  "format",
  "parse",
  "render",
  "layout",
  "theme",
  "i18n",
  "query-builder",
  "file-tree",
  "diff-view",
  "status-bar",
  "command-palette",
  "event-bus",
];
const EXTS = [".ts", ".tsx", ".ts", ".ts", ".js", ".json", ".css", ".md", ".test.ts", ".spec.tsx"];

export function generateWorkspacePaths(count: number, seed = 11): string[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const paths = new Set<string>();
  while (paths.size < count) {
    const root =
      random() < 0.1
        ? pick(["node_modules/.cache", "vendor", "build/generated"])
        : `packages/${pick(PACKAGES)}`;
    const tree = random() < 0.75 ? "src" : "test";
    const depth = 1 + Math.floor(random() * 3);
    const folders = Array.from({ length: depth }, () => pick(FOLDERS));
    const stem =
      pick(STEMS) + (random() < 0.5 ? pick(["", "Item", "List", "Panel", "Utils", "Service"]) : "");
    const n = Math.floor(random() * 40);
    const name = `${stem}${n ? n : ""}${pick(EXTS)}`;
    paths.add([root, tree, ...folders, name].join("/"));
  }
  return [...paths];
}
