import { defineConfig } from 'vitest/config';

// Engine tests run the real wasm module (build/wasm) in Node.
export default defineConfig({
  test: {
    include: ['tests/engine/**/*.test.ts', 'tests/tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
