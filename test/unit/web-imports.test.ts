import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importCycles, importGraph, importedSpecifiers } from '../support/importCycles';

const WEB_SRC = resolve(__dirname, '../../web/src');

describe('imports of the site', () => {
  it('form no cycle under web/src (static, type-only, re-exports and lazy imports alike)', () => {
    const graph = importGraph(WEB_SRC);
    expect(graph.size).toBeGreaterThan(40);
    expect(importCycles(graph)).toEqual([]);
  });

  it('keep useMe with the session, not in a layout the pages sit in', () => {
    const graph = importGraph(WEB_SRC);
    const intoShell = [...graph].filter(([, targets]) => targets.includes('layouts/Shell.tsx')).map(([file]) => file);
    expect(intoShell).toEqual(['App.tsx']);
  });
});

describe('the cycle checker', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portico-cycles-'));
    mkdirSync(join(dir, 'pages'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every kind of import', () => {
    const text = [
      "import React from 'react';",
      "import { a } from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export * from './d';",
      "const E = lazy(() => import('./e'));",
      "type F = import('./f').F;",
    ].join('\n');
    expect(importedSpecifiers('x.tsx', text)).toEqual(['react', './a', './b', './c', './d', './e', './f']);
  });

  it('finds a cycle through a lazy import and one through a type-only import, and names the way round', () => {
    writeFileSync(join(dir, 'shell.tsx'), "import { page } from './pages/page';\nexport const useMe = () => page;\n");
    writeFileSync(join(dir, 'pages/page.tsx'), "export const page = () => import('../shell');\n");
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
    writeFileSync(join(dir, 'b.ts'), "import { c } from './c';\nexport type B = string;\nexport const b = c;\n");
    writeFileSync(join(dir, 'c.ts'), "export { a } from './a';\nexport const c = 1;\n");
    writeFileSync(join(dir, 'leaf.ts'), "import { c } from './c';\nexport const leaf = c;\n");
    expect(importCycles(importGraph(dir)).sort()).toEqual(['a.ts → b.ts → c.ts → a.ts', 'pages/page.tsx → shell.tsx → pages/page.tsx']);
  });

  it('finds a file importing itself, and nothing in a tree', () => {
    writeFileSync(join(dir, 'self.ts'), "export * from './self';\n");
    expect(importCycles(importGraph(dir))).toEqual(['self.ts → self.ts']);
    rmSync(join(dir, 'self.ts'));
    writeFileSync(join(dir, 'a.ts'), "import './b';\nimport './pages/c';\n");
    writeFileSync(join(dir, 'b.ts'), "import './pages/c';\n");
    writeFileSync(join(dir, 'pages/c.ts'), 'export {};\n');
    expect(importCycles(importGraph(dir))).toEqual([]);
  });
});
