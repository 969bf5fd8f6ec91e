import { startTestStack } from './stack';

/**
 * Run by the global setup (through tsx, in a process of its own: jest's setup process does
 * not map the modules the handlers import as the test workers do) before any test file
 * starts: one test stack seeds the demo tenants and keeps the snapshot every test file's
 * stack then copies (seedSnapshot.ts). Done here, the seed is paid once per run and never
 * inside a test file's 30 s hook.
 */
void (async () => {
  const stack = await startTestStack();
  await stack.stop();
})().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
