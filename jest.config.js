// Two projects: "main" needs nothing but Node (and local HTTP/TLS servers the tests start);
// "lab" holds every *.lab.test.ts and starts one local Kubernetes lab for the run.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  projects: [
    {
      ...common,
      displayName: 'main',
      testMatch: ['<rootDir>/{actions,packages,scripts,bench,chart}/**/test/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.lab\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'lab',
      testMatch: ['<rootDir>/{actions,packages,scripts,bench,chart}/**/test/**/*.lab.test.ts'],
      globalSetup: '<rootDir>/packages/lab/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/lab/src/jest/global-teardown.ts',
    },
  ],
};
