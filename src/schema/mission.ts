/** The mission record: `data/<mission>/mission.yaml` (README, "Records"). */
import { z } from 'zod';
import { calendarDate, identifier, lineCoverage, provenance, text } from './common.js';

/** Every metric a target may name; each maps to one computed figure. */
export const metrics = [
  'sessions',
  'components',
  'tests.total',
  'tests.passing',
  'tests.failing',
  'tests.not_run',
  'tests.verified',
  'tests.unit',
  'tests.integration',
  'tests.e2e',
  'pass_rate',
  'avg_score',
  'coverage',
  'lines_of_test_code',
] as const;

export const missionSchema = z
  .strictObject({
    title: text.describe('The mission title, as text (required).'),
    objective: text.optional(),
    started: calendarDate.optional(),
    template: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'expected a template name such as progress-report' })
      .optional()
      .describe('Template name: templates/<name>.hbs. Default: progress-report.'),
    phases: z
      .array(
        z.strictObject({
          id: identifier,
          name: text,
          priority: text.optional(),
        }),
      )
      .optional(),
    targets: z
      .array(
        z.strictObject({
          metric: z.enum(metrics),
          label: text,
          target: z.number().min(0),
          direction: z
            .enum(['at_least', 'at_most'])
            .optional()
            .describe('Whether the figure must reach the target or stay at or under it. Default: at_least.'),
        }),
      )
      .optional()
      .describe('Rendered as a target-against-achieved table; status computed.'),
    milestones: z
      .array(z.strictObject({ coverage: z.number().min(0).max(100), label: text }))
      .optional()
      .describe('Reached when the computed mission coverage (percent) reaches them.'),
    baseline: z
      .strictObject({ coverage: lineCoverage.optional() })
      .optional()
      .describe('Coverage of the whole code base when the mission started.'),
    recent_sessions: z
      .int()
      .min(1)
      .optional()
      .describe('How many of the most recent sessions the report shows in full; older ones go to archive pages. Default: 50.'),
    notes: z.array(text).optional(),
    from: provenance.optional(),
  })
  .describe('A Tally mission record.');

export type MissionRecord = z.infer<typeof missionSchema>;
export type Metric = (typeof metrics)[number];
