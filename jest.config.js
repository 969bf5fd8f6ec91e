/**
 * One jest run for every kind of test. Integration and browser tests share the local
 * stand-ins started once by the global setup (DynamoDB Local, cognito-local, SES, S3);
 * each test file makes its own table and gateway.
 * @type {import('jest').Config}
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
  ],
};
// middy ships ES modules only; compile it like our own code.
const transformIgnorePatterns = ['/node_modules/(?!@middy/)'];
// The bundles import zod's English messages as ESM (one copy of zod); jest runs zod as CommonJS.
// The site's modules import their stylesheets (web/): nothing to load in Node.
const moduleNameMapper = { '^zod/v4/locales/en\\.js$': '<rootDir>/node_modules/zod/v4/locales/en.cjs', '\\.css$': '<rootDir>/test/support/styleStub.js' };

module.exports = {
  maxWorkers: 2,
  testTimeout: 30000,
  watchman: false,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  projects: [
    {
      displayName: 'infra',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
    },
    {
      // Unit, integration and browser tests share the stand-ins started once by the global setup.
      displayName: 'app',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/infra/'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/fileCpu.ts'],
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
  ],
};
