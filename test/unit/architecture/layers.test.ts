import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers by allow-list (Signal Desktop classifies every package by the runtime it may run
 * in, and fails on one it does not know): each source file belongs to a layer, each layer
 * names the folders and the packages it may import, and a package nobody classified fails.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");

type Layer = "shared" | "renderer" | "node" | "shell";

/** Every npm package the app's code imports, and the layers that may import it. */
const PACKAGES: Record<string, Layer[]> = {
  zod: ["shared", "renderer", "node", "shell"],
  react: ["renderer"],
  "react-dom": ["renderer"],
  zustand: ["renderer"],
  "lucide-react": ["renderer"],
  electron: ["shell"],
  sharp: ["node"],
  undici: ["node"],
  "fast-xml-parser": ["node"],
  ws: ["node"],
};

/** The folders (and root files) each layer's files may import from. */
const FOLDERS: Record<Layer, string[]> = {
  shared: ["shared"],
  renderer: ["renderer", "shared"],
  // The version the app reports comes from the manifest.
  node: ["electron", "shared", "package.json"],
  shell: ["electron", "shared", "package.json"],
};

function layerOf(file: string): Layer {
  if (file.startsWith("shared/")) return "shared";
  if (file.startsWith("renderer/")) return "renderer";
  if (file.startsWith("electron/shell/")) return "shell";
  return "node";
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

interface Import {
  file: string;
  specifier: string;
}

/** Every static import, export … from, import() and require() of a file, type-only ones too. */
function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map(({ fileName }) => ({ file, specifier: fileName }));
}

/** A relative import as a path from the project's root, without extension. */
function target({ file, specifier }: Import): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : String(parts[0]);
}

const files = ["shared", "renderer", "electron"].flatMap(sourceFiles);
const imports = files.flatMap(importsOf);

describe("layers", () => {
  it("finds the app's sources and their imports", () => {
    expect(files).toContain("electron/shell/main.ts");
    expect(files).toContain("renderer/main.tsx");
    expect(imports.length).toBeGreaterThan(500);
  });

  it("every package is classified by the runtime that may load it, and imported only there", () => {
    const refused = imports
      .filter(({ specifier }) => !specifier.startsWith("."))
      .filter(({ file, specifier }) => {
        const layer = layerOf(file);
        if (specifier.startsWith("node:")) return layer !== "node" && layer !== "shell";
        return !PACKAGES[packageOf(specifier)]?.includes(layer);
      })
      .map(({ file, specifier }) => `${file} imports ${specifier} (layer ${layerOf(file)})`);
    expect(refused).toEqual([]);
  });

  it("Electron is imported only under electron/shell/", () => {
    const electron = imports.filter(
      ({ specifier }) => specifier === "electron" || specifier.startsWith("electron/"),
    );
    expect(electron.length).toBeGreaterThan(0);
    expect(electron.filter(({ file }) => !file.startsWith("electron/shell/"))).toEqual([]);
  });

  it("each layer imports only its own folders: shared/ itself, renderer/ itself and shared/", () => {
    const refused = imports
      .filter(({ specifier }) => specifier.startsWith("."))
      .filter((entry) => {
        const folder = target(entry).split("/")[0];
        return !FOLDERS[layerOf(entry.file)].includes(String(folder));
      })
      .map((entry) => `${entry.file} imports ${entry.specifier}`);
    expect(refused).toEqual([]);
  });

  it("nothing outside electron/shell/ imports the shell", () => {
    const refused = imports
      .filter(({ specifier }) => specifier.startsWith("."))
      .filter(
        (entry) => !entry.file.startsWith("electron/shell/") && target(entry).startsWith("electron/shell/"),
      )
      .map((entry) => `${entry.file} imports ${entry.specifier}`);
    expect(refused).toEqual([]);
  });

  it("a renderer feature is reached only through its index.ts (and its strings), and shared code reaches no feature", () => {
    const featureOf = (file: string) => /^renderer\/features\/([^/]+)\//.exec(`${file}/`)?.[1];
    const refused = imports
      .filter(({ file, specifier }) => file.startsWith("renderer/") && specifier.startsWith("."))
      .filter((entry) => {
        const to = target(entry);
        const feature = featureOf(to);
        if (feature === undefined || feature === featureOf(entry.file)) return false;
        // Widgets, the client of the contract and the i18n machinery sit below every feature.
        if (/^renderer\/(ui|i18n)\/|^renderer\/api\.ts$/.test(entry.file)) return true;
        // The public surface: index.ts, and the strings the app adds to the catalogue.
        const surface = to.slice(`renderer/features/${feature}`.length);
        return !["", "/index"].includes(surface) && !/^\/[\w-]*messages$/.test(surface);
      })
      .map((entry) => `${entry.file} imports ${entry.specifier}`);
    expect(refused).toEqual([]);
  });
});

/**
 * Renderer stores own the calls: only a store (made in the composition root) talks to the
 * contract's client, and components read stores through selectors.
 */

const rendererFiles = files.filter((file) => file.startsWith("renderer/"));

function syntaxOf(file: string): ts.SourceFile {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

/** The modules a file imports for their values: `import type` and `{ type X }` alone do not count. */
function valueImportsOf(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typesOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(syntaxOf(file));
  return found;
}

/** The hooks that read a zustand store: `create(...)` singletons and the `useSelected` of a store context. */
const storeHooks = rendererFiles.flatMap((file) =>
  [
    ...readFileSync(path.join(ROOT, file), "utf8").matchAll(
      /export const (use\w+) = (?:create\b|\w+\.useSelected\b)/g,
    ),
  ].map((match) => String(match[1])),
);

/** Where a file subscribes to a whole store: `useStore(store)`, a store hook with no selector, or `(s) => s`. */
function wholeStoreSubscriptionsOf(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const [selector] = node.arguments;
      const identity =
        selector !== undefined &&
        ts.isArrowFunction(selector) &&
        selector.parameters.length === 1 &&
        ts.isIdentifier(selector.body) &&
        selector.body.text === selector.parameters[0]?.name.getText();
      if (name === "useStore" && node.arguments.length < 2) found.push(node.getText());
      else if (storeHooks.includes(name) && (selector === undefined || identity)) found.push(node.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(syntaxOf(file));
  return found;
}

describe("stores own the calls", () => {
  const isStore = (file: string) => /store\.ts$/.test(file);
  const mayCallTheClient = (file: string) =>
    isStore(file) || ["renderer/app/stores.tsx", "renderer/api.ts", "renderer/main.tsx"].includes(file);
  const callersOfTheClient = rendererFiles.filter(
    (file) =>
      !mayCallTheClient(file) &&
      valueImportsOf(file).some(
        (specifier) => specifier.startsWith(".") && target({ file, specifier }) === "renderer/api",
      ),
  );
  const wholeStoreSubscribers = rendererFiles.filter((file) => wholeStoreSubscriptionsOf(file).length > 0);

  it("finds the stores and their hooks, and tells a value import from a type import", () => {
    expect(rendererFiles.filter(isStore).length).toBeGreaterThan(8);
    expect(storeHooks).toEqual(expect.arrayContaining(["useBatches", "useConnections", "usePresets"]));
    // The rules themselves, on code written to break them.
    expect(valueImportsOf("renderer/main.tsx")).toContain("./api");
    expect(valueImportsOf("renderer/app/stores.tsx")).not.toContain("../api");
  });

  it("only stores, the composition root and main.tsx import the client's values (types are fine anywhere)", () => {
    expect(callersOfTheClient).toEqual([]);
  });

  it("components read stores through selectors, never the whole store", () => {
    const refused = wholeStoreSubscribers.map(
      (file) => `${file}: ${wholeStoreSubscriptionsOf(file).join(", ")}`,
    );
    expect(refused).toEqual([]);
  });
});
