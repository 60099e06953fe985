import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Where every run leaves its own evidence: the JUnit XML of the run, and (on CI,
 * or with TALLY_COVERAGE=1) its coverage as lcov. `.ci/run` checks them against
 * the `tally` mission's records with `tally verify`, as Tally asks its users to.
 */
export const SELF_EVIDENCE = 'node_modules/.cache/tally/self';
const coverage = Boolean(process.env['CI']) || process.env['TALLY_COVERAGE'] === '1';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ compiled again when a source is newer; scratch folders in one temporary folder a run removes.
    globalSetup: ['test/global-setup.ts'],
    // Property tests and in-process builds are CPU-bound; give a slow shared machine room.
    testTimeout: 60_000,
    // Vitest leaves one core free by default, which on a 2-core machine runs the files one
    // at a time (110 s); every core gives about 70 s. No test depends on timing.
    maxWorkers: availableParallelism(),
    reporters: ['default', ['junit', { outputFile: `${SELF_EVIDENCE}/junit.xml` }]],
    coverage: {
      enabled: coverage,
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['lcovonly'],
      reportsDirectory: `${SELF_EVIDENCE}/coverage`,
      // The records say what ran, failures too: coverage is written either way.
      reportOnFailure: true,
    },
  },
});
