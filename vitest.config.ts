import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and in-process builds are CPU-bound; give a slow shared machine room.
    testTimeout: 60_000,
  },
});
