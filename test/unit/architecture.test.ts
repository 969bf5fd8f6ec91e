import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOMS } from '../../functions/routes';

/**
 * The layout's rules, read from the sources: rooms by domain never import the HTTP
 * adapter (it hands them a caller and parsed input, they answer with a reply), and the
 * shared plumbing (core vocabulary, table helpers, AWS clients) imports no room's code.
 */
const FUNCTIONS = join(__dirname, '..', '..', 'functions');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Where a file's relative imports land, as paths under functions/ (`http/apiHandler`, `documents/…`). */
function importsOf(file: string, typeOnly = true): string[] {
  const text = readFileSync(file, 'utf8');
  const pattern = typeOnly ? /(?:from|import)\s*\(?\s*'(\.[^']+)'/g : /import (?!type )[^;]*?from\s*'(\.[^']+)'/g;
  return [...text.matchAll(pattern)].map((m) => relative(FUNCTIONS, resolve(dirname(file), m[1]!)));
}

const DOMAIN_ROOMS = [...new Set([...ROOMS, 'notify'])];
const PLUMBING = ['core', 'table', 'aws'];

describe('the layout of functions/', () => {
  it.each(DOMAIN_ROOMS)('room %s never imports the HTTP adapter', (room) => {
    const offenders = sourcesUnder(join(FUNCTIONS, room)).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('http/'))
        .map((target) => `${relative(FUNCTIONS, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it.each(PLUMBING)('shared plumbing %s uses no room at run time (types only)', (part) => {
    const offenders = sourcesUnder(join(FUNCTIONS, part)).flatMap((file) =>
      importsOf(file, false)
        .filter((target) => DOMAIN_ROOMS.some((room) => target.startsWith(`${room}/`)) || target.startsWith('http/'))
        .map((target) => `${relative(FUNCTIONS, file)} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has a Lambda entry per Lambda and nothing else in functions/lambdas', () => {
    const entries = readdirSync(join(FUNCTIONS, 'lambdas'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(entries).toEqual(['admin', 'auth', 'files', 'notify', 'payments', 'pdf', 'portal', 'public']);
  });
});
