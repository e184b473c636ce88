/** API tests: unit specs next to the code, integration specs in test/ against real PostgreSQL (and Redis when REDIS_URL is set). */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', }],
    // otplib's base32 and HMAC (@scure/base 2, @noble/hashes 2) ship as ES modules only: Node requires them as they are,
    // jest needs them in CommonJS
    '/node_modules/(.+/)?@(scure|noble)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, isolatedModules: true }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.+/)?@(scure|noble)/)'],
  moduleNameMapper: { '^@grants/domain$': '<rootDir>/../../libs/domain/src/index.ts' },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
};
