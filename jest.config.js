// Jest runs in native ESM mode (Nest 12 packages are ES modules; Node 20 cannot
// require() them from Jest's CommonJS runtime), so tests run under
// `node --experimental-vm-modules`.
const aliases = {
  '^@portico/plugin-sdk/testing$': '<rootDir>/libs/plugin-sdk/src/testing/index.ts',
  '^@portico/plugin-sdk$': '<rootDir>/libs/plugin-sdk/src/index.ts',
  '^@portico/core$': '<rootDir>/libs/core/src/index.ts',
  '^@portico/identity$': '<rootDir>/libs/identity/src/index.ts',
  '^@portico/engagements$': '<rootDir>/libs/engagements/src/index.ts',
  '^@portico/documents$': '<rootDir>/libs/documents/src/index.ts',
  '^@portico/testing$': '<rootDir>/libs/testing/src/index.ts',
  '^@portico/storage-local$': '<rootDir>/plugins/storage-local/index.ts',
  '^@portico/storage-s3$': '<rootDir>/plugins/storage-s3/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const base = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: aliases,
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/frontend/'],
};

export default {
  // Per-project testTimeout is ignored by Jest; one generous bound for the slow tiers.
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 60000 },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 120000 },
  ],
};
