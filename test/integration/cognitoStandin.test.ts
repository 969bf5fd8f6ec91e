import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCognitoLocal } from '../../infra/local/standins/cognito';
import { freePort } from '../../infra/local/standins/process';

/**
 * cognito-local refuses to start on a pool file left half-written by a stop in the middle
 * of a save; the stand-in moves such a file aside so `npm start` still comes up.
 */
it('starts on a data folder with a torn pool file, which it moves aside', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cognito-'));
  const db = join(dir, '.cognito', 'db');
  mkdirSync(db, { recursive: true });
  writeFileSync(join(db, 'clients.json'), '');
  writeFileSync(join(db, 'local_torn.json'), '{"Users": {"a"');
  const cognito = await startCognitoLocal({ port: await freePort(), dir });
  try {
    expect((await fetch(`${cognito.endpoint}/health`)).ok).toBe(true);
    const files = readdirSync(db);
    expect(files.filter((f) => f.includes('.torn-'))).toHaveLength(2);
    expect(existsSync(join(db, 'local_torn.json'))).toBe(false);
  } finally {
    await cognito.stop();
  }
});
