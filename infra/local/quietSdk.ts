/**
 * Silences the one warning every AWS SDK v3 client prints on Node 20 (its 2027 releases
 * will need Node 22; the lockfile pins today's). Other warnings pass through. Lambda
 * runs Node 22, so this only matters to local processes.
 */
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  if (String(warning).startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
