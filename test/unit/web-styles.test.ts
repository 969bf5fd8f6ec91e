import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { definedClasses, unreachableClasses, usedClasses } from '../support/siteStyles';

const WEB_SRC = resolve(__dirname, '../../web/src');

describe("the site's stylesheets", () => {
  it('style every class a module uses from a sheet the module imports (itself or through its imports) or a site-wide one', () => {
    expect(unreachableClasses(WEB_SRC)).toEqual([]);
  });

  it('are split by area: no sheet of thousands of lines, and none left at the old single path', () => {
    const sheets: Array<{ path: string; lines: number }> = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.css')) sheets.push({ path, lines: readFileSync(path, 'utf8').split('\n').length });
      }
    };
    walk(WEB_SRC);
    expect(sheets.length).toBeGreaterThan(15);
    expect(sheets.filter((s) => s.lines > 600)).toEqual([]);
    expect(sheets.map((s) => s.path)).not.toContain(join(WEB_SRC, 'styles.css'));
  });
});

describe('the stylesheet reach checker', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portico-styles-'));
    mkdirSync(join(dir, 'pages'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads class names from selectors and from className attributes, literal parts only', () => {
    expect([...definedClasses('/* .not-me */ .a, .b > .c:hover {x:1} @media (max-width: 1px) { .d::before {y:2} } .e.f {z:3}')].sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, as the scanner reads it
    const jsx = "const x = <div className={`card dash-${tone} ${open ? 'is-open' : ''}`}><p className=\"lead small\" /><i className={cls} /></div>;";
    expect([...usedClasses('x.tsx', jsx)].sort()).toEqual(['card', 'is-open', 'lead', 'small']);
  });

  it('finds a class whose sheet only another page imports, and accepts one reached through an import or site-wide', () => {
    writeFileSync(join(dir, 'base.css'), '.card {}\n');
    writeFileSync(join(dir, 'main.tsx'), "import './base.css';\nimport { A } from './pages/A';\n");
    writeFileSync(join(dir, 'pages/A.css'), '.a-title {}\n');
    writeFileSync(
      join(dir, 'pages/A.tsx'),
      "import './A.css';\nimport { Part } from './Part';\nexport const A = () => <div className=\"card a-title\"><Part /></div>;\n",
    );
    writeFileSync(join(dir, 'pages/Part.tsx'), 'export const Part = () => <p className="a-title b-note" />;\n');
    writeFileSync(join(dir, 'pages/B.css'), '.b-note {}\n');
    writeFileSync(join(dir, 'pages/B.tsx'), "import './B.css';\nimport { A } from './A';\nexport const B = () => <p className=\"b-note a-title card\" />;\n");
    expect(unreachableClasses(dir)).toEqual([
      { module: 'pages/Part.tsx', className: 'a-title', definedIn: ['pages/A.css'] },
      { module: 'pages/Part.tsx', className: 'b-note', definedIn: ['pages/B.css'] },
    ]);
  });
});
