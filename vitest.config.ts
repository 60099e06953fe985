import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and in-process builds are CPU-bound; give a slow shared machine room.
    testTimeout: 60_000,
    // Vitest leaves one core free by default, which on a 2-core machine runs the files one
    // at a time (110 s); every core gives about 70 s. No test depends on timing.
    maxWorkers: availableParallelism(),
  },
});
