/**
 * The jest run StrykerJS drives (`npm run mutate`, stryker.config.mjs): the pure unit tests
 * of the mutated modules only, without the global setup's stand-ins, so each mutant's run
 * costs a fraction of a second. Same transform as the main config (jest.config.js).
 * @type {import('jest').Config}
 */
const main = require('../../jest.config.js');

const app = main.projects.find((p) => p.displayName === 'app');

module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  // A run's own sandbox copy of the project, should one be left in the worktree.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  watchman: false,
  transform: app.transform,
  transformIgnorePatterns: app.transformIgnorePatterns,
  moduleNameMapper: app.moduleNameMapper,
  testMatch: [
    '<rootDir>/test/unit/documentState.test.ts',
    '<rootDir>/test/unit/documentContent.test.ts',
    '<rootDir>/test/unit/paymentTransitions.test.ts',
    '<rootDir>/test/unit/access.test.ts',
    '<rootDir>/test/unit/sessionCookies.test.ts',
    '<rootDir>/test/unit/apiKeys.test.ts',
    '<rootDir>/test/unit/loginThrottle.test.ts',
  ],
};
