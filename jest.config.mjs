// One jest run, three tiers: domain unit tests, API end-to-end tests on a real PostgreSQL,
// admin console browser tests in Debian's chromium. `npm test` (scripts/test.mjs) starts the
// database, builds the template database every test file clones, and sets TEST_PG_URL.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false, react: { runtime: 'automatic' } },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@sitedesk/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: '.',
};

export default {
  // Global (jest reads testTimeout only at the top level).
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'domain', testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/apps/api/test/**/*.e2e-spec.ts'],
    },
    {
      ...common,
      displayName: 'admin',
      testMatch: ['<rootDir>/apps/admin/test/**/*.browser-spec.ts'],
    },
  ],
};
