import { z } from 'zod';
import type { PlanInfo, RecentPlan, ReferenceData, ScenarioRow } from '../dto';
import { channel } from '../channel';
import { id, name } from '../schemas';

const none = z.object({}).strict();

/** A plan that would not open because another program holds it locked: it can be opened read-only. */
export interface LockedPlan {
  path: string;
  message: string;
}
const scenarioRef = z.object({ scenarioId: id }).strict();

/** Plans, reference data and scenarios. */
export const planChannels = {
  'app/info': channel<{ name: string; version: string }>()(none),

  'plan/info': channel<PlanInfo>()(none),
  'plan/new': channel<PlanInfo | null>()(none),
  'plan/open': channel<PlanInfo | null>()(none),
  'plan/open-recent': channel<PlanInfo>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'plan/save-as': channel<PlanInfo | null>()(none),
  /** The plan last refused as in use by another program, if any. */
  'plan/locked': channel<LockedPlan | null>()(none),
  /** Opens that plan read-only (from a private copy: nothing is written beside it). */
  'plan/open-locked-read-only': channel<PlanInfo>()(none),
  'plan/recent': channel<RecentPlan[]>()(none),
  'plan/rename': channel<PlanInfo>()(z.object({ name: name('Plan name') }).strict()),

  'reference/list': channel<ReferenceData>()(none),

  'scenarios/list': channel<ScenarioRow[]>()(none),
  'scenario/create': channel<ScenarioRow>()(z.object({ name: name('Scenario name', 80) }).strict()),
  'scenario/copy': channel<ScenarioRow>()(z.object({ scenarioId: id, name: name('Scenario name', 80) }).strict()),
  'scenario/rename': channel<ScenarioRow>()(z.object({ scenarioId: id, name: name('Scenario name', 80) }).strict()),
  'scenario/delete': channel<{ deleted: number }>()(scenarioRef),
} as const;
