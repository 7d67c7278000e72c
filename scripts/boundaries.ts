/**
 * Module boundaries, checked by `npm run lint`:
 *
 * 1. Code meets a module only through its `index.ts`: a file imports another module's file
 *    other than `src/modules/<name>/index.ts` only in the schema layer (a `*.table.ts` file, or
 *    `src/db/schema.ts`, may import another module's `*.table.ts`: foreign keys, and drizzle-kit
 *    loads the table files without the rest of the module).
 * 2. Modules do not import each other in a cycle (`import type` counts: a dependency is one).
 *
 * `scripts/check-boundaries.ts` runs it on src/, test/, scripts/ and bench/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** The file's path from the project root, with forward slashes (`src/modules/partners/index.ts`). */
  path: string;
  text: string;
}

interface Import {
  from: string;
  to: string;
  line: number;
}

const MODULE_FILE = /^src\/modules\/([^/]+)\/.+/;

/** The module a file belongs to (`partners` for `src/modules/partners/registry/registry.admin.ts`), or null. */
export function moduleOf(file: string): string | null {
  return MODULE_FILE.exec(file)?.[1] ?? null;
}

/** Every relative import of a file (static, type-only, re-export or dynamic), resolved from the project root. */
function importsOf(file: SourceFile): Import[] {
  const { importedFiles } = ts.preProcessFile(file.text, true, true);
  return importedFiles
    .filter((entry) => entry.fileName.startsWith('.'))
    .map((entry) => ({
      from: file.path,
      to: path.posix.normalize(path.posix.join(path.posix.dirname(file.path), entry.fileName)),
      line: file.text.slice(0, entry.pos).split('\n').length,
    }));
}

function isSchemaLayerImport(entry: Import): boolean {
  return entry.to.endsWith('.table.ts') && (entry.from.endsWith('.table.ts') || entry.from === 'src/db/schema.ts');
}

/** The cycles of a directed graph, each as the list of its nodes (one cycle per strongly connected set). */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, trail: string[]): void => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      cycles.push([...trail.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    for (const next of [...(graph.get(node) ?? [])].sort()) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  return cycles;
}

/** What breaks the boundaries, one sentence per violation (none: an empty list). */
export function findViolations(files: readonly SourceFile[]): string[] {
  const violations: string[] = [];
  const graph = new Map<string, Set<string>>();
  const firstEdge = new Map<string, Import>();
  for (const entry of files.flatMap(importsOf)) {
    const source = moduleOf(entry.from);
    const target = moduleOf(entry.to);
    if (target === null || source === target) continue;
    if (entry.to !== `src/modules/${target}/index.ts` && !isSchemaLayerImport(entry)) {
      violations.push(
        `${entry.from}:${entry.line} imports ${entry.to}: outside the ${target} module, use src/modules/${target}/index.ts`,
      );
    }
    if (source === null) continue;
    const edges = graph.get(source) ?? new Set<string>();
    edges.add(target);
    graph.set(source, edges);
    if (!firstEdge.has(`${source}>${target}`)) firstEdge.set(`${source}>${target}`, entry);
  }
  for (const cycle of cyclesOf(graph)) {
    const steps = cycle.slice(1).map((target, index) => {
      const edge = firstEdge.get(`${cycle[index]}>${target}`)!;
      return `${edge.from}:${edge.line}`;
    });
    violations.push(`modules import each other: ${cycle.join(' → ')} (${steps.join(', ')})`);
  }
  return violations;
}

/** The project's TypeScript and JavaScript files in the folders that hold code. */
export function readProjectFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    if (!fs.existsSync(path.join(root, folder))) return;
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'results') walk(relative);
      } else if (/\.(ts|js)$/.test(entry.name)) {
        files.push({ path: relative, text: fs.readFileSync(path.join(root, relative), 'utf8') });
      }
    }
  };
  for (const folder of ['src', 'test', 'scripts', 'bench']) walk(folder);
  return files;
}
