// @ts-check
/**
 * Mutation testing (`npm run mutate`, docs/mutation-testing.md): StrykerJS breaks the pure
 * rules and the security checks one small change at a time and runs their unit tests; a
 * mutant no test notices is a hole in the tests. Not part of `npm test`: a run takes
 * minutes, and its report is read by a person.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  // Line ranges pick the pure parts of modules whose other functions read the table;
  // those are tested against DynamoDB Local by the integration tests, too slow to run per mutant.
  mutate: [
    // Document state and the published body's rules (not its hashing, lines 71 on).
    'functions/documents/documentState.ts',
    'functions/documents/documentContent.ts:1-70',
    // Payment transitions: which objects are the payment's, and what an observation does to it
    // (not `observe`, lines 1-137, the mapping of Stripe's event shapes: docs/mutation-testing.md).
    'functions/payments/paymentTransitions.ts:138-244',
    // Access: effective modules and permissions, the portal's switches, direct links' permissions.
    'functions/customers/access.ts',
    'functions/documents/directLinks/directLinkAccess.ts',
    // CSRF and cookies.
    'functions/http/csrf.ts',
    'functions/http/cookies.ts',
    // Authentication: secrets compared, session cookies parsed, sessions live, API keys parsed.
    'functions/core/secrets.ts',
    'functions/identity/sessions.ts:20-35',
    'functions/identity/apiKeyCredentials.ts:1-25',
    // Rate limits: the sign-in lock and the slow-down.
    'functions/identity/loginThrottle.ts:1-38',
    'functions/identity/loginThrottle.ts:58-63',
  ],
  plugins: ['@stryker-mutator/*', './test/mutation/ignoreMessages.mjs'],
  ignorers: ['message-text'],
  // A static mutant (a module-level constant) can't be traced to the tests that use it,
  // so each would rerun every test file: most of a run's time for a few percent of the mutants.
  ignoreStatic: true,
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'test/mutation/jest.config.js', enableFindRelatedTests: true },
  // Each mutant runs only the tests that reached it in the first run.
  coverageAnalysis: 'perTest',
  // `npm run mutate` adds the TypeScript checker (`--checkers typescript`), which drops mutants
  // that would not compile, e.g. a string literal union emptied; it doubles a run on this
  // 2-core machine, so `npm run mutate:quick` (this config as is) leaves it out.
  checkers: [],
  tsconfigFile: 'test/mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The machine is shared: two workers at most.
  concurrency: 2,
  timeoutMS: 10_000,
  // Reruns test only what changed since the committed result (test/mutation/stryker-incremental.json); `npm run mutate -- --force` tests everything.
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: true },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['.stryker-tmp*', 'dist', '.cache', '.data', 'cdk.out', 'coverage', 'reports', 'bench', 'web', '.cognito', 'test-results'],
  cleanTempDir: true,
};
