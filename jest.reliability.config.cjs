/**
 * The reliability suite (`npm run test:reliability`): load, crash, injected faults, fuzzing and the
 * leak scan, in test/reliability/. Same transform, global setup (one shared DynamoDB Local) and
 * settings as jest.config.cjs; one file at a time, because each file loads the machine on purpose.
 */
// jest.config.cjs raises STORE_TIMEOUT_MS for the ordinary suite when it is loaded; this suite tests
// the deployed default (a frozen store answered with a 503 within seconds), so whatever the caller
// set, or nothing, is what the local API and the handlers see here.
const inherited = process.env.STORE_TIMEOUT_MS;
const base = require('./jest.config.cjs');
if (inherited === undefined) delete process.env.STORE_TIMEOUT_MS;
else process.env.STORE_TIMEOUT_MS = inherited;

module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 180000,
};
