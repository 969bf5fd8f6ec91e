/**
 * One jest run for every kind of test. Integration and browser tests share the local
 * stand-ins started once by the global setup (DynamoDB Local, cognito-local, SES, S3);
 * each test file makes its own table and gateway.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
  },
  // middy ships ES modules only; compile it like our own code.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  maxWorkers: 2,
  testTimeout: 30000,
  watchman: false,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
