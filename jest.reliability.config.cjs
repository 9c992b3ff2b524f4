/**
 * The reliability suite (`npm run test:reliability`): load, crash, injected faults, fuzzing and the
 * leak scan, in test/reliability/. Same transform, global setup (one shared DynamoDB Local) and
 * settings as jest.config.cjs; one file at a time, because each file loads the machine on purpose.
 */
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 180000,
};
