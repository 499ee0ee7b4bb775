/**
 * Every path-like field of the messages the extension exchanges with codex is either translated
 * for WSL (PATH_FIELDS in extension/connection/pathMapping.ts) or explained as left alone
 * (UNMAPPED_PATH_FIELDS). The fields are found by walking the generated protocol types
 * (protocol/codex/) with the TypeScript compiler, starting from each client request, server
 * request and notification whose method name the extension's sources mention. A codex update that
 * adds, say, a `projectRoot` to `thread/start` fails here until the mapping covers it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

import ts from "typescript";

import { PATH_FIELDS, UNMAPPED_PATH_FIELDS } from "../../../extension/connection/pathMapping";

const REPO = path.resolve(__dirname, "../../..");
const PATH_LIKE = /^(path|cwd|.+Path|.+_path|.+Paths|.+Root|.+Roots|.+Dir|.+Directory)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every string literal in the extension's sources (method names among them). */
function extensionStrings(): Set<string> {
  const strings = new Set<string>();
  for (const name of sourceFiles(path.join(REPO, "extension"))) {
    const file = ts.createSourceFile(name, readFileSync(name, "utf8"), ts.ScriptTarget.ES2022);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node)) strings.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return strings;
}

class FieldWalk {
  readonly found = new Map<string, string>();
  private readonly seen = new Set<ts.Type>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** Walks `type`, naming fields after the nearest named type (and union variant). */
  walk(type: ts.Type, owner: string, via: string): void {
    if (this.seen.has(type)) return;
    this.seen.add(type);
    const alias = type.aliasSymbol?.name;
    if (type.isUnion()) {
      for (const member of type.types) this.walk(member, alias ?? owner, via);
      return;
    }
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      for (const element of this.checker.getTypeArguments(type as ts.TypeReference)) {
        this.walk(element, alias ?? owner, via);
      }
      return;
    }
    if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return;
    const variant = this.variantOf(type);
    const name = (alias ?? owner) + (variant ? `.${variant}` : "");
    for (const property of this.checker.getPropertiesOfType(type)) {
      const propertyType = this.checker.getTypeOfSymbol(property);
      const field = `${name}.${property.name}`;
      if (PATH_LIKE.test(property.name) && this.carriesString(propertyType)) {
        if (!this.found.has(field)) this.found.set(field, via);
      }
      this.walk(propertyType, field, via);
    }
  }

  private variantOf(type: ts.Type): string | undefined {
    const tag = type.getProperty("type");
    if (!tag) return undefined;
    const tagType = this.checker.getTypeOfSymbol(tag);
    return tagType.isStringLiteral() ? tagType.value : undefined;
  }

  private carriesString(type: ts.Type): boolean {
    if (type.flags & ts.TypeFlags.StringLike) return true;
    if (type.isUnion()) return type.types.some((member) => this.carriesString(member));
    if (this.checker.isArrayType(type)) {
      return this.checker
        .getTypeArguments(type as ts.TypeReference)
        .some((element) => this.carriesString(element));
    }
    return false;
  }
}

/** The type `name` that `file` exports. */
function exported(checker: ts.TypeChecker, file: ts.SourceFile, name: string): ts.Type {
  const module = checker.getSymbolAtLocation(file);
  const symbol = module && checker.getExportsOfModule(module).find((s) => s.name === name);
  assert.ok(symbol, `${name} in ${file.fileName}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/** The `{ method, params }` members of a generated union, by method. */
function membersOf(checker: ts.TypeChecker, file: ts.SourceFile, name: string) {
  const union = exported(checker, file, name);
  const members = new Map<string, ts.Type>();
  for (const member of union.isUnion() ? union.types : [union]) {
    const method = member.getProperty("method");
    const params = member.getProperty("params");
    if (!method || !params) continue;
    const methodType = checker.getTypeOfSymbol(method);
    if (methodType.isStringLiteral())
      members.set(methodType.value, checker.getTypeOfSymbol(params));
  }
  return members;
}

describe("WSL path mapping covers the protocol's path fields", function () {
  this.timeout(120_000);

  it("every path-like field of the messages the extension uses is mapped or explained", () => {
    const codex = path.join(REPO, "protocol/codex");
    const entry = {
      client: path.join(codex, "ClientRequest.ts"),
      server: path.join(codex, "ServerRequest.ts"),
      notification: path.join(codex, "ServerNotification.ts"),
      results: path.join(REPO, "protocol/codexRpc.ts"),
    };
    const program = ts.createProgram(Object.values(entry), {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const file = (name: string) => program.getSourceFile(name)!;
    const used = extensionStrings();
    const resultTypes = exported(checker, file(entry.results), "ClientRequestResults");
    /** The path fields of the messages whose method `include` accepts. */
    const walkMessages = (include: (method: string) => boolean): Map<string, string> => {
      const walk = new FieldWalk(checker);
      for (const [method, params] of membersOf(checker, file(entry.client), "ClientRequest")) {
        if (!include(method)) continue;
        walk.walk(params, `${method} params`, `${method} (request)`);
        const result = resultTypes.getProperty(method);
        if (result) {
          const type = checker.getTypeOfSymbol(result);
          walk.walk(type, `${method} result`, `${method} (result)`);
        }
      }
      for (const [method, params] of membersOf(checker, file(entry.server), "ServerRequest")) {
        if (include(method)) walk.walk(params, `${method} params`, `${method} (server request)`);
      }
      const notifications = membersOf(checker, file(entry.notification), "ServerNotification");
      for (const [method, params] of notifications) {
        if (include(method)) walk.walk(params, `${method} params`, `${method} (notification)`);
      }
      return walk.found;
    };
    const found = walkMessages((method) => used.has(method));

    const declared = new Set([...PATH_FIELDS, ...Object.keys(UNMAPPED_PATH_FIELDS)]);
    const undeclared = [...found]
      .filter(([field]) => !declared.has(field))
      .map(([field, via]) => `${field}  (reached from ${via})`);
    assert.deepEqual(undeclared, [], "path fields neither mapped nor explained");
    // Declared fields must still exist somewhere in the protocol (a field of a message the
    // extension stopped using may stay declared: it is documentation, not a mapping bug).
    const everywhere = walkMessages(() => true);
    const stale = [...declared].filter((field) => !everywhere.has(field));
    assert.deepEqual(stale, [], "declared path fields the protocol no longer has");
  });
});
