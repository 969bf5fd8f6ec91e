/**
 * Which stylesheets style which modules of the site. Each area's CSS is imported by the
 * module of its area, so a page loaded on demand brings its own; a module may only use a
 * class whose stylesheet it imports itself, through one of its (static) imports, or that
 * is site-wide (imported by main.tsx). Otherwise the class looks right only when another
 * page happened to load that stylesheet first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { importGraph, type ImportGraph } from './importCycles';

/** Class names a stylesheet defines (any class in any selector). */
export function definedClasses(css: string): Set<string> {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = new Set<string>();
  for (const [, selectors] of withoutComments.matchAll(/([^{}]+)\{/g)) {
    if (selectors!.trim().startsWith('@')) continue;
    for (const [, name] of selectors!.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) out.add(name!);
  }
  return out;
}

/** Class names in a module's JSX `className` attributes: literals, and the literal parts of expressions. */
export function usedClasses(fileName: string, text: string): Set<string> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out = new Set<string>();
  const literals = (node: ts.Node): void => {
    let parts: string[] = [];
    if (ts.isStringLiteralLike(node)) parts = [node.text];
    else if (ts.isTemplateExpression(node)) parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    for (const part of parts) {
      // A fragment glued to an interpolation (`dash-${tone}`) is not a class name by itself.
      const words = part.split(/(\s+)/);
      words.forEach((word, i) => {
        const gluedLeft = i === 0 && ts.isTemplateExpression(node) && part !== node.head.text;
        const gluedRight = i === words.length - 1 && ts.isTemplateExpression(node) && part !== node.templateSpans.at(-1)?.literal.text;
        if (/^[a-z][\w-]*[a-z0-9]$/i.test(word) && !gluedLeft && !gluedRight) out.add(word);
      });
    }
    ts.forEachChild(node, literals);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && node.name.text === 'className' && node.initializer) literals(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Everything a module imports statically, itself included (lazy `import()`s load later and do not count). */
function staticClosure(graph: ImportGraph, staticImports: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    const file = stack.pop()!;
    for (const next of staticImports.get(file) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      if (graph.has(next)) stack.push(next);
    }
  }
  return seen;
}

function staticImportsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  return source.statements
    .filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly)
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

export interface UnstyledUse {
  module: string;
  className: string;
  /** The stylesheets that define the class, none of which the module reaches. */
  definedIn: string[];
}

/**
 * Uses of a class defined by some stylesheet of the site that the using module does not
 * reach (its static imports, transitively, plus the site-wide sheets `main.tsx` imports).
 */
export function unreachableClasses(srcDir: string, entry = 'main.tsx'): UnstyledUse[] {
  const graph = importGraph(srcDir);
  const staticImports = new Map<string, string[]>();
  for (const file of graph.keys()) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const targets = staticImportsOf(file, text)
      .filter((s) => s.startsWith('.'))
      .map((s) => graph.get(file)!.find((t) => resolvesTo(file, s, t)))
      .filter((t): t is string => !!t);
    staticImports.set(file, targets);
  }
  const sheets = new Map<string, Set<string>>();
  for (const targets of graph.values())
    for (const t of targets) if (t.endsWith('.css') && !sheets.has(t)) sheets.set(t, definedClasses(readFileSync(join(srcDir, t), 'utf8')));
  const siteWide = (staticImports.get(entry) ?? []).filter((t) => t.endsWith('.css'));
  const out: UnstyledUse[] = [];
  for (const file of [...graph.keys()].filter((f) => f.endsWith('.tsx')).sort()) {
    const reach = new Set([...staticClosure(graph, staticImports, file), ...siteWide]);
    const reachable = new Set([...reach].filter((f) => f.endsWith('.css')).flatMap((f) => [...sheets.get(f)!]));
    for (const className of usedClasses(file, readFileSync(join(srcDir, file), 'utf8'))) {
      if (reachable.has(className)) continue;
      const definedIn = [...sheets].filter(([, names]) => names.has(className)).map(([sheet]) => sheet);
      if (definedIn.length) out.push({ module: file, className, definedIn });
    }
  }
  return out;
}

const dirOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '');

/** Whether the import `specifier` in `file` names `target` (both relative to the source folder). */
function resolvesTo(file: string, specifier: string, target: string): boolean {
  const parts = (dirOf(file) + specifier).split('/');
  const resolved: string[] = [];
  for (const p of parts) {
    if (p === '.' || p === '') continue;
    if (p === '..') resolved.pop();
    else resolved.push(p);
  }
  const base = resolved.join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].includes(target);
}
