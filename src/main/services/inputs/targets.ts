/** The plan's targets and its shortage-role criteria. */
import type { TargetDto } from '../../../shared/api/dto';
import { AppError } from '../../../shared/api/errors';
import type { ShortageCriteria } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { recordChange } from '../../db/changes';
import { assumptionsFor } from '../../db/repos/assumptions';
import {
  deleteTargetRow,
  insertTarget,
  lineageExists,
  shortageCriteria,
  targetRows,
  updateTargetRow,
  writeShortageCriteria,
  type TargetFields,
} from '../../db/repos/targets';
import { orgName, roleName } from './common';

export function listTargets(db: Db): TargetDto[] {
  const notes = assumptionsFor(db, 'target');
  return targetRows(db).map((r) => ({ ...r, assumptions: notes.get(r.id) ?? {} }));
}

function requireTarget(db: Db, targetId: number): TargetDto {
  const t = listTargets(db).find((x) => x.id === targetId);
  if (!t) throw new AppError('NOT_FOUND', `Target ${targetId} does not exist (it may have been deleted).`);
  return t;
}

function checkTarget(db: Db, t: TargetFields): void {
  if (t.orgId !== null) orgName(db, t.orgId);
  if (t.roleId !== null) roleName(db, t.roleId);
  for (const l of t.lineageIds) {
    if (!lineageExists(db, l)) throw new AppError('VALIDATION', `Pipeline ${l} is not in the plan.`, { lineageIds: 'Unknown pipeline' });
  }
}

export function createTarget(db: Db, fields: TargetFields): TargetDto {
  checkTarget(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added target "${fields.name}"` }, () => insertTarget(db, fields));
  return requireTarget(db, id);
}

export function updateTarget(db: Db, targetId: number, changes: Partial<TargetFields>): TargetDto {
  const before = requireTarget(db, targetId);
  const next = { ...before, ...changes };
  checkTarget(db, next);
  const what = changes.value !== undefined ? `value ${before.value ?? 'not set'} → ${changes.value ?? 'not set'}` : Object.keys(changes).join(', ');
  recordChange(db, { source: 'grid', summary: `Target "${before.name}": ${what}` }, () => {
    updateTargetRow(db, targetId, next, changes.lineageIds);
  });
  return requireTarget(db, targetId);
}

export function deleteTarget(db: Db, targetId: number): { deleted: number } {
  const before = requireTarget(db, targetId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted target "${before.name}"` }, () => deleteTargetRow(db, targetId));
  return { deleted };
}

// ---------------------------------------------------------------- shortage criteria

export function getShortageCriteria(db: Db): ShortageCriteria {
  return shortageCriteria(db);
}

export function setShortageCriteria(db: Db, c: ShortageCriteria): ShortageCriteria {
  recordChange(db, { source: 'grid', summary: 'Changed the shortage-role criteria' }, () => {
    writeShortageCriteria(db, c);
  });
  return getShortageCriteria(db);
}
