export default async function globalTeardown(): Promise<void> {
  await Promise.allSettled((globalThis.__porticoStandIns ?? []).map((s) => s.stop()));
}
