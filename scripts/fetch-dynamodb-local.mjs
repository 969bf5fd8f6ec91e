// Fetches AWS's DynamoDB Local jar from the npm registry without installing the
// ~350 MB dependency tree of the package that carries it (amplify-dynamodb-simulator).
// The tarball is pinned by version and checked against its registry integrity hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.cache', 'dynamodb-local');
const jar = join(target, 'DynamoDBLocal.jar');

if (existsSync(jar)) process.exit(0);

const work = join(root, '.cache', 'dynamodb-local-download');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  const digest = `sha512-${createHash('sha512')
    .update(readFileSync(join(work, tgz)))
    .digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`integrity mismatch for ${PACKAGE}: ${digest}`);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tgz), '-C', target, '--strip-components=2', 'package/emulator']);
  if (!existsSync(jar)) throw new Error('DynamoDBLocal.jar not found in the package');
  console.log(`DynamoDB Local ready in ${target}`);
} catch (err) {
  console.error(`Could not fetch DynamoDB Local (${PACKAGE}): ${err.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
