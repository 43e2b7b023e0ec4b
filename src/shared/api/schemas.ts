/**
 * Input schemas shared by the IPC contract and the renderer's cell validation, so a value is
 * judged by the same rule on both sides of the boundary. Messages are shown to users as they are.
 */
import { z } from 'zod';
import { AGE_BAND_COUNT, OTHER_JOINER_KINDS, PIPELINE_TYPES, TARGET_METRICS } from '../model/types';

// Zod compiles parsers with `new Function` when it can; the renderer's CSP forbids eval, so
// parse without it everywhere (the same code runs in main and in the window).
z.config({ jitless: true });

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const id = z
  .int({ error: 'An id must be a whole number' })
  .min(1, 'An id must be positive')
  .max(2 ** 31);
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
    ftePerHead: z.number({ error: 'FTE per head must be a number' }).gt(0, 'FTE per head must be more than 0').max(1.5, 'FTE per head cannot be more than 1.5'),
    costPerLearnerYear: nonNegative('Cost per learner-year', 10_000_000),
    entrantAgeBand: z
      .int({ error: 'Age band must be a whole number' })
      .min(0, 'Unknown age band')
      .max(AGE_BAND_COUNT - 1, 'Unknown age band'),
  })
  .strict();
export type PipelineFields = z.infer<typeof pipelineFields>;

export const intakeHeads = nonNegative('Intake', 100_000);

/**
 * A side of a range: a fraction, or a multiplier of the plan's own numbers whose central value
 * is 1 (so its low is at most 100 % and its high at least 100 %). null clears that side.
 * Whether a range holds its central value is checked where the central value is known.
 */
const rangeSide = (what: string) => fraction(what).nullable();
const multiplierLow = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, `${what} cannot be below 0 %`)
    .max(1, `${what} cannot be above 100 %: the central value is the plan's own number (100 %)`)
    .nullable();
const multiplierHigh = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .min(1, `${what} cannot be below 100 %: the central value is the plan's own number (100 %)`)
    .max(max, `${what} cannot be above ${max * 100} %`)
    .nullable();

export const pipelineRangeFields = z
  .object({
    attritionLow: rangeSide('Low attrition'),
    attritionHigh: rangeSide('High attrition'),
    conversionLow: rangeSide('Low conversion'),
    conversionHigh: rangeSide('High conversion'),
    intakeFillLow: multiplierLow('Low intake fill'),
    intakeFillHigh: multiplierHigh('High intake fill', 2),
  })
  .strict();
export type PipelineRanges = z.infer<typeof pipelineRangeFields>;
/** What a pipeline edit may change: its fields and its ranges. */
export const pipelineChanges = pipelineFields.partial().extend(pipelineRangeFields.partial().shape).strict();
export type PipelineChanges = z.infer<typeof pipelineChanges>;

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

const bands = (what: string, each: z.ZodNumber) =>
  z
    .array(each, { error: `${what} must be a list of ${AGE_BAND_COUNT} numbers, one per age band` })
    .length(AGE_BAND_COUNT, `${what} needs exactly ${AGE_BAND_COUNT} age bands`);

export const baselineFields = z
  .object({
    fte: nonNegative('FTE', 1_000_000),
    headcount: nonNegative('Headcount', 1_000_000),
    establishment: nonNegative('Establishment', 1_000_000),
    ageProfile: bands('Age profile', fraction('An age band’s share')).refine((a) => {
      const sum = a.reduce((s, v) => s + v, 0);
      return sum === 0 || Math.abs(sum - 1) < 1e-6;
    }, 'The age profile’s shares must add up to 100 %'),
  })
  .strict();

export const rateFields = z
  .object({
    leaverRate: fraction('Leaver rate'),
    retirementByBand: bands('Retirement probabilities', fraction('A retirement probability')),
    agencyShare: fraction('Agency share'),
    agencyCostPerFte: nonNegative('Agency cost per FTE', 10_000_000),
  })
  .strict();

export const rateRangeFields = z
  .object({
    leaverRateLow: rangeSide('Low leaver rate'),
    leaverRateHigh: rangeSide('High leaver rate'),
    retirementLow: multiplierLow('Low retirement'),
    retirementHigh: multiplierHigh('High retirement', 5),
    agencyShareLow: rangeSide('Low agency share'),
    agencyShareHigh: rangeSide('High agency share'),
  })
  .strict();

export const workforceChanges = baselineFields.partial().extend(rateFields.partial().shape).extend(rateRangeFields.partial().shape).strict();
export type WorkforceChanges = z.infer<typeof workforceChanges>;

export const joinerFields = z
  .object({
    kind: z.enum(OTHER_JOINER_KINDS, { error: `Kind must be one of: ${OTHER_JOINER_KINDS.join(', ')}` }),
    orgId: id,
    roleId: id,
    entrantAgeBand: z
      .int()
      .min(0, 'Unknown age band')
      .max(AGE_BAND_COUNT - 1, 'Unknown age band'),
  })
  .strict();
export const joinerFte = nonNegative('Joiners (FTE)', 100_000);
export const joinerRangeFields = z.object({ fteLow: multiplierLow('Low joiners'), fteHigh: multiplierHigh('High joiners', 5) }).strict();
export const joinerChanges = joinerFields.partial().extend(joinerRangeFields.partial().shape).strict();

export const driverFields = z
  .object({
    name: name('Driver name'),
    growth: z.number({ error: 'Growth must be a number' }).gt(-1, 'Growth must be above −100 %').max(10, 'Growth cannot be more than 1,000 %'),
    startYear: year,
    endYear: year,
    orgId: id.nullable(),
    roleId: id.nullable(),
    staffGroup: z.string().trim().min(1).max(120).nullable(),
  })
  .strict();

const growthSide = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .gt(-1, `${what} must be above −100 %`)
    .max(10, `${what} cannot be more than 1,000 %`)
    .nullable();
export const driverRangeFields = z.object({ growthLow: growthSide('Low growth'), growthHigh: growthSide('High growth') }).strict();
export const driverChanges = driverFields.partial().extend(driverRangeFields.partial().shape).strict();

export const demandChangeFields = z
  .object({
    orgId: id,
    roleId: id,
    year,
    deltaFte: z.number({ error: 'Change must be a number of FTE' }).min(-100_000, 'Change is too large').max(100_000, 'Change is too large'),
    description: z.string().trim().max(300, 'Description is longer than 300 characters'),
  })
  .strict();

export const targetFields = z
  .object({
    name: name('Target name', 200),
    metric: z.enum(TARGET_METRICS, { error: `Metric must be one of: ${TARGET_METRICS.join(', ')}` }),
    lineageIds: z.array(id).max(1000, 'Too many pipelines'),
    orgId: id.nullable(),
    roleId: id.nullable(),
    year,
    value: z.number({ error: 'A target value must be a number, or blank for "not yet set"' }).min(-1e12).max(1e12).nullable(),
    comparison: z.enum(['at-least', 'at-most']),
  })
  .strict();

export const shortageCriteriaFields = z
  .object({
    vacancyRateAbove: z.number().min(-1).max(1).nullable(),
    leaverRateAbove: fraction('Leaver rate threshold').nullable(),
    aged55PlusAbove: fraction('Aged 55+ threshold').nullable(),
    mode: z.enum(['any', 'all']),
  })
  .strict();

export const ASSUMPTION_ENTITIES = ['pipeline', 'workforce_baseline', 'workforce_rate', 'other_joiner', 'growth_driver', 'demand_change', 'target'] as const;
export const assumptionFields = z
  .object({
    entity: z.enum(ASSUMPTION_ENTITIES),
    entityId: id,
    field: z.string().regex(/^[a-zA-Z]{1,40}$/, 'Unknown field'),
    status: z.enum(['stated', 'derived', 'illustrative']),
    source: z.string().trim().min(1, 'Say where the number comes from').max(1000, 'The source is longer than 1,000 characters'),
  })
  .strict();
