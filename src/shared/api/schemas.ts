/**
 * Input schemas shared by the IPC contract and the renderer's cell validation, so a value is
 * judged by the same rule on both sides of the boundary. Messages are shown to users as they are.
 */
import { z } from 'zod';
import { AGE_BAND_COUNT, PIPELINE_TYPES } from '../model/types';

// Zod compiles parsers with `new Function` when it can; the renderer's CSP forbids eval, so
// parse without it everywhere (the same code runs in main and in the window).
z.config({ jitless: true });

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const id = z.int({ error: 'An id must be a whole number' }).min(1, 'An id must be positive').max(2 ** 31);
export const year = z
  .int({ error: 'A financial year must be a whole year such as 2024' })
  .min(MIN_YEAR, `Financial years start at ${MIN_YEAR}/01`)
  .max(MAX_YEAR, `Financial years end at ${MAX_YEAR}/01`);
export const name = (what: string, max = 120) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} is longer than ${max} characters`);
export const fraction = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} cannot be below 0 %`)
    .max(1, `${what} cannot be above 100 %`);
export const nonNegative = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} cannot be more than ${max.toLocaleString('en-GB')}`);

export const pipelineFields = z
  .object({
    name: name('Pipeline name'),
    type: z.enum(PIPELINE_TYPES, { error: `Pipeline type must be one of: ${PIPELINE_TYPES.join(', ')}` }),
    orgId: id,
    roleId: id,
    sourceRoleId: id.nullable(),
    traineesLeaveSourceRole: z.boolean({ error: 'Must be yes or no' }),
    durationYears: z
      .number({ error: 'Course length must be a number of years' })
      .min(0, 'Course length cannot be negative')
      .max(10, 'Course length cannot be more than 10 years'),
    attrition: fraction('Attrition'),
    conversion: fraction('Conversion to employment'),
    ftePerHead: z
      .number({ error: 'FTE per head must be a number' })
      .gt(0, 'FTE per head must be more than 0')
      .max(1.5, 'FTE per head cannot be more than 1.5'),
    costPerLearnerYear: nonNegative('Cost per learner-year', 10_000_000),
    entrantAgeBand: z
      .int({ error: 'Age band must be a whole number' })
      .min(0, 'Unknown age band')
      .max(AGE_BAND_COUNT - 1, 'Unknown age band'),
  })
  .strict();
export type PipelineFields = z.infer<typeof pipelineFields>;

export const intakeHeads = nonNegative('Intake', 100_000);

/** Turns zod issues into one sentence and a field → reason map. */
export function describeIssues(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    if (!(path in fields)) fields[path] = issue.message;
  }
  const first = error.issues[0];
  const message = first ? first.message : 'The input is not valid';
  return { message, fields };
}
