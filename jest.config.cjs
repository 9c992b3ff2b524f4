/** Jest runs TypeScript and ESM-only dependencies (micromark) through esbuild, so no compiler API is needed. */
// The suite runs two workers beside Chromium and esbuild on two cores, and asserts behaviour, not
// latency: a slow answer from DynamoDB Local must not turn into the 503 the deployed timeout gives.
// The reliability suite (its own config) keeps the deployed default, since it tests that timeout.
process.env.STORE_TIMEOUT_MS ??= '10000';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The load, crash and fault suite has its own command: npm run test:reliability.
  testPathIgnorePatterns: ['/node_modules/', '/test/reliability/'],
  transform: { '^.+\\.(ts|js|mjs)$': '<rootDir>/test/support/esbuild-transform.cjs' },
  // ESM-only packages must be transformed to CommonJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(micromark|decode-named-character-reference|character-entities|mdast-util|unist-util|devlop|ccount|zwitch|longest-streak|ulid|jose|oidc-provider)).+',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/quiet-node20-warnings.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
