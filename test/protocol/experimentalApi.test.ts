/**
 * The experimental API opt-in (extension/appServer/clientCapabilities.ts) is on for every session
 * only because of the uses listed in EXPERIMENTAL_API_USES. Against the codex under test:
 *
 * - its own schemas (`generate-json-schema` with and without `--experimental`) say which methods
 *   and request fields are experimental; every listed use is one of them (when codex makes one
 *   stable, the list shrinks, and with it the reason for the opt-in);
 * - the extension's source names no other experimental method, and no other experimental field
 *   of a request it sends or handles: a new use fails here until it is listed;
 * - without the opt-in codex refuses the plan-mode request, and a second `initialize` cannot turn
 *   the opt-in on later, which is why it cannot wait for Plan mode's first use.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { EXPERIMENTAL_API_USES } from "../../extension/appServer/clientCapabilities";
import { AppServerRpcError } from "../../extension/appServer/errors";
import { killAllCodex, spawnCodex } from "../support/appServerHarness";
import { codexNativeBinaryPath, createCodexHome, type CodexHome } from "../support/codexHome";

const repoRoot = path.resolve(__dirname, "../..");
/** The code that talks to codex (the webview never does). */
const SCANNED = ["extension", "protocol/webview"];
/**
 * Files that name codex fields without sending them: the WSL path table lists every path-like
 * field codex may carry (`path`, `permissions`…), mapped only when present.
 */
const NAMES_ONLY = new Set(["extension/connection/pathMapping.ts"]);

interface JsonSchemaRequestUnion {
  oneOf: { properties: { method: { enum: [string] }; params?: { $ref?: string } } }[];
  definitions: Record<string, { properties?: Record<string, unknown> }>;
}

interface RequestShape {
  paramsType: string | undefined;
  fields: Set<string>;
}

/** Method → its params type and top-level fields, from a generated request union. */
function requestShapes(schemaDir: string): Map<string, RequestShape> {
  const shapes = new Map<string, RequestShape>();
  for (const union of ["ClientRequest", "ServerRequest"]) {
    const schema = JSON.parse(
      readFileSync(path.join(schemaDir, `${union}.json`), "utf8"),
    ) as JsonSchemaRequestUnion;
    for (const member of schema.oneOf) {
      const paramsType = member.properties.params?.$ref?.split("/").at(-1);
      const properties = paramsType ? schema.definitions[paramsType]?.properties : undefined;
      shapes.set(member.properties.method.enum[0], {
        paramsType,
        fields: new Set(Object.keys(properties ?? {})),
      });
    }
  }
  return shapes;
}

interface ExperimentalSurface {
  /** Methods only an opted-in client may call or be sent. */
  methods: Set<string>;
  /** Stable method → its experimental fields, and the params type that has them. */
  fields: Map<string, { paramsType: string | undefined; fields: string[] }>;
}

function experimentalSurface(codex: string, workDir: string): ExperimentalSurface {
  const generate = (name: string, extra: string[]) => {
    const out = path.join(workDir, name);
    execFileSync(codex, ["app-server", "generate-json-schema", "--out", out, ...extra], {
      stdio: "ignore",
    });
    return requestShapes(out);
  };
  const stable = generate("stable", []);
  const experimental = generate("experimental", ["--experimental"]);
  const surface: ExperimentalSurface = { methods: new Set(), fields: new Map() };
  for (const [method, shape] of experimental) {
    const stableShape = stable.get(method);
    if (!stableShape) {
      surface.methods.add(method);
      continue;
    }
    const added = [...shape.fields].filter((field) => !stableShape.fields.has(field));
    if (added.length > 0)
      surface.fields.set(method, { paramsType: shape.paramsType, fields: added });
  }
  return surface;
}

/** Every .ts file under the scanned folders, relative to the repository, comments removed. */
function scannedSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(path.join(repoRoot, dir))) {
      const relative = `${dir}/${name}`;
      if (statSync(path.join(repoRoot, relative)).isDirectory()) walk(relative);
      else if (name.endsWith(".ts")) {
        const text = readFileSync(path.join(repoRoot, relative), "utf8");
        sources.set(relative, text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ""));
      }
    }
  };
  SCANNED.forEach(walk);
  return sources;
}

const word = (name: string) => new RegExp(`\\b${name.replace(/[/]/g, "\\/")}\\b`);

/** The experimental descriptors ("method", "method.field") the scanned source uses. */
function usedDescriptors(surface: ExperimentalSurface): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const note = (descriptor: string, file: string): void => {
    used.set(descriptor, [...(used.get(descriptor) ?? []), file]);
  };
  for (const [file, text] of scannedSources()) {
    if (NAMES_ONLY.has(file)) continue;
    for (const method of surface.methods) {
      if (text.includes(`"${method}"`)) note(method, file);
    }
    // A field counts where the file deals with its request: names the method or its params type.
    for (const [method, { paramsType, fields }] of surface.fields) {
      const dealsWith = text.includes(`"${method}"`) || (paramsType && word(paramsType).test(text));
      if (!dealsWith) continue;
      for (const field of fields) if (word(field).test(text)) note(`${method}.${field}`, file);
    }
  }
  return used;
}

describe("experimental API opt-in: exactly the listed uses need it", function () {
  this.timeout(60_000);
  let workDir: string;
  let surface: ExperimentalSurface;
  let home: CodexHome | undefined;

  before(() => {
    workDir = mkdtempSync(path.join(tmpdir(), "codex-experimental-"));
    surface = experimentalSurface(codexNativeBinaryPath(), workDir);
  });
  after(() => rmSync(workDir, { recursive: true, force: true }));
  afterEach(async () => {
    await killAllCodex();
    await home?.dispose();
    home = undefined;
  });

  it("every listed use is experimental in this codex (a stable one leaves the list)", () => {
    const experimental = (descriptor: string): boolean => {
      if (surface.methods.has(descriptor)) return true;
      const dot = descriptor.lastIndexOf(".");
      const fields = surface.fields.get(descriptor.slice(0, dot))?.fields ?? [];
      return dot > 0 && fields.includes(descriptor.slice(dot + 1));
    };
    const stable = Object.keys(EXPERIMENTAL_API_USES).filter((use) => !experimental(use));
    assert.deepEqual(stable, [], "listed as experimental, but stable in this codex");
    // The scan below must see something to be trusted: plan mode's method is experimental.
    assert.ok(surface.methods.has("collaborationMode/list"));
    assert.ok(surface.fields.get("turn/start")?.fields.includes("collaborationMode"));
  });

  it("the extension uses no experimental method or field that is not listed", () => {
    const used = usedDescriptors(surface);
    const unlisted = [...used]
      .filter(([descriptor]) => !(descriptor in EXPERIMENTAL_API_USES))
      .map(([descriptor, files]) => `${descriptor} (${files.join(", ")})`);
    assert.deepEqual(
      unlisted,
      [],
      "list these in EXPERIMENTAL_API_USES (extension/appServer/clientCapabilities.ts) with the " +
        "feature that needs them, or stop using them",
    );
    // And every listed use is still in the code (else it leaves the list).
    assert.deepEqual([...used.keys()].sort(), Object.keys(EXPERIMENTAL_API_USES).sort());
  });

  it("without the opt-in codex refuses plan mode's request, and initialize cannot be redone", async () => {
    home = await createCodexHome({ modelUrl: "http://127.0.0.1:9/v1" });
    // spawnCodex initializes without capabilities: experimentalApi is off.
    const session = await spawnCodex({ codexHome: home.dir });
    const request = session.client.request as unknown as (
      method: string,
      params: unknown,
    ) => Promise<unknown>;
    await assert.rejects(
      request.call(session.client, "collaborationMode/list", {}),
      (error: unknown) =>
        error instanceof AppServerRpcError &&
        /collaborationMode\/list requires experimentalApi capability/.test(error.message),
    );
    await assert.rejects(
      session.client.request("initialize", {
        clientInfo: { name: "codex_vscode_tests", title: null, version: "0.0.0" },
        capabilities: { experimentalApi: true, requestAttestation: false },
      }),
      (error: unknown) =>
        error instanceof AppServerRpcError && /Already initialized/i.test(error.message),
    );
  });
});
