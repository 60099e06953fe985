/** The session record: one YAML file per work session (README, "Records"). */
import { z } from 'zod';
import { atMost, calendarDate, clockTime, count, identifier, lineCoverage, provenance, relativePath, text } from './common.js';

export const levels = ['unit', 'integration', 'e2e'] as const;
const impacts = ['critical', 'high', 'medium', 'low'] as const;
export const statuses = ['completed', 'in-progress', 'blocked'] as const;
const evidenceFormats = ['junit', 'lcov', 'istanbul-summary', 'istanbul-final', 'cobertura'] as const;

/**
 * Test counts by outcome (README, "Test outcomes"). Only `total` is required:
 * where `passing` is stated, the tests stated as nothing else failed; where it
 * is not, they have no result (`aggregate/outcomes.ts`).
 */
const tests = z
  .strictObject({
    total: count.describe('Tests in the suite (required).'),
    passing: count.optional().describe('Tests that ran and passed. Where stated, every test not stated as passing, skipped or not run counts as failed.'),
    failing: count.optional().describe('Tests that ran and failed, or errored.'),
    skipped: count.optional().describe('Tests the runner skipped (skip, todo, xfail).'),
    not_run: count.optional().describe('Tests written or collected but never executed.'),
  })
  .superRefine((value, ctx) => {
    // The part that tips the sum over total is the one reported: the last stated of the four.
    const parts = (['passing', 'failing', 'skipped', 'not_run'] as const).filter((key) => value[key] !== undefined);
    let sum = 0;
    const named: string[] = [];
    for (const key of parts) {
      sum += value[key]!;
      named.push(key);
      if (sum > value.total) {
        atMost(ctx, key, named.join(' + '), sum, 'total', value.total);
        return;
      }
    }
  })
  .describe('Test counts by outcome; a component without them adds nothing to the totals.');

const percentCoverage = z.strictObject({
  percent: z.number().min(0).max(100).describe('Coverage as a percentage, 0 to 100.'),
});

/** Coverage as line counts or as a stated percentage. */
const coverage = z.union([lineCoverage, percentCoverage]);

const score = z
  .number()
  .min(0)
  .max(10)
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-9, {
    error: 'expected at most two decimal places',
  })
  .describe('Quality score from 0 to 10, at most two decimals.');

export const componentSchema = z
  .strictObject({
    name: text.describe('The name of the component under test, as text (required).'),
    source: relativePath.optional().describe('The code under test.'),
    test_file: relativePath
      .optional()
      .describe("The test file; the component's identity across sessions (its name where absent)."),
    level: z.enum(levels).optional().describe('Test level.'),
    tests: tests.optional(),
    score: score.optional(),
    coverage: coverage
      .optional()
      .describe("Coverage of the component's source file(s): either { lines_covered, lines_total } or { percent }."),
    lines_of_test_code: count.optional().describe('Lines of test code written.'),
    duration_s: z.number().min(0).optional().describe('Run time of the suite in seconds.'),
    impact: z.enum(impacts).optional().describe('Business impact.'),
    bvj: z
      .strictObject({
        segment: z.array(text).optional().describe('Customer segments, e.g. [Free, Early, Mid, Enterprise].'),
        goal: text.optional(),
        value_impact: text.optional(),
        revenue_impact: text.optional().describe('Shown as stated, never summed.'),
      })
      .optional()
      .describe('Business value justification.'),
    categories: z
      .array(z.strictObject({ name: text, tests: count }))
      .optional()
      .describe('Breakdown of the tests; should add up to tests.total.'),
    features: z.array(text).optional().describe('Features the tests cover.'),
    notes: z.array(text).optional().describe('Free-text notes.'),
    from: provenance.optional(),
  })
  .describe('One test suite reported by a session.');

const claimsSchema = z
  .strictObject({
    sessions: count.optional(),
    components: count.optional(),
    tests_total: count.optional(),
    tests_passing: count.optional(),
    pass_rate: z.number().min(0).max(100).optional().describe('Percent, 0 to 100.'),
    avg_score: z.number().min(0).max(10).optional(),
    lines_of_test_code: count.optional(),
  })
  .describe(
    'Cumulative mission figures the author states as of this session; checked against the computed figures, never trusted.',
  );

export const sessionSchema = z
  .strictObject({
    session: count.optional().describe('The human session number; the id is the file name.'),
    date: calendarDate,
    start: clockTime.optional(),
    end: clockTime.optional(),
    title: text.describe('Text saying what the session was about (required).'),
    phase: identifier.optional().describe('The id of one of the mission phases.'),
    status: z.enum(statuses).optional(),
    components: z.array(componentSchema).describe('A list of the test suites this session reported (may be empty).'),
    coverage: coverage
      .optional()
      .describe('Coverage of the whole code base, measured at the end of this session: either { lines_covered, lines_total } or { percent }.'),
    evidence: z
      .array(
        z.strictObject({
          file: relativePath.describe('The file, under data/<mission>/evidence/, relative to the repository root.'),
          format: z.enum(evidenceFormats).describe('What the file is: junit, lcov, istanbul-summary (coverage-summary.json), istanbul-final (coverage-final.json) or cobertura.'),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the file as 64 lowercase hexadecimal digits (what sha256sum prints)' })
            .describe('SHA-256 of the file as stored (a .gz file: of its compressed bytes).'),
        }),
      )
      .optional()
      .describe('Test-runner and coverage output this session cites; its figures are re-derived from them on every build.'),
    claims: claimsSchema.optional(),
    log: z
      .array(
        z.strictObject({
          at: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?Z?)?$/, {
              error: 'expected a UTC time as YYYY-MM-DDTHH:MM:SSZ',
            }),
          text,
        }),
      )
      .optional(),
    next_steps: z.array(text).optional(),
    notes: z.array(text).optional().describe('Free-text notes.'),
    from: provenance.optional(),
  })
  .describe('A Tally session record: one work session.');

export type SessionRecord = z.infer<typeof sessionSchema>;
export type ComponentRecord = z.infer<typeof componentSchema>;
export type Claims = z.infer<typeof claimsSchema>;
export type Level = (typeof levels)[number];
export type Impact = (typeof impacts)[number];
export type Status = (typeof statuses)[number];
