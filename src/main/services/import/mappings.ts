/**
 * Saved column mappings: a layout seen before gets the mapping saved for it (or the one named),
 * and a saved mapping keeps only what may be kept.
 */
import type { ImportMapping, ImportTarget, SavedMappingRow } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import { setOwn } from '../../../shared/own';
import type { Db } from '../../db/connection';
import { savedMappingFor, savedMappingNamed, savedMappings, upsertMapping, type SavedMappingDbRow } from '../../db/repos/imports';
import { ownRecord } from './plan-ref';
import type { MappingToSave } from './write';

export function savedFor(db: Db, signature: string, target: ImportTarget, name?: string): SavedMappingDbRow | undefined {
  if (name) {
    const row = savedMappingNamed(db, name);
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no saved mapping called "${name}". Saved mappings: ${
          listMappings(db)
            .map((m) => `"${m.name}"`)
            .join(', ') || 'none'
        }.`,
      );
    return row;
  }
  return savedMappingFor(db, signature, target);
}

export function listMappings(db: Db): SavedMappingRow[] {
  return savedMappings(db).map((r) => ({
    id: r.id,
    name: r.name,
    signature: r.signature,
    target: r.target,
    updatedAt: r.updated_at,
  }));
}

/**
 * What a saved mapping keeps: the columns, the options and only the values mapped onto the
 * plan. Values left unmapped or skipped are not kept: they are whatever the file held in a key
 * column, and a shifted row can put a person's name or NI number there.
 */
function mappingToKeep(mapping: ImportMapping): ImportMapping {
  const mapped = <T>(record: Record<string, T | null>): Record<string, T | null> => {
    const out = ownRecord<T | null>();
    for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) setOwn(out, k, v);
    return out;
  };
  return {
    ...mapping,
    values: {
      org: mapped(mapping.values.org),
      role: mapped(mapping.values.role),
      staffGroup: mapped(mapping.values.staffGroup),
      pipeline: mapped(mapping.values.pipeline),
    },
  };
}

export function mappingToSave(name: string, signature: string, mapping: ImportMapping): MappingToSave {
  const kept = mappingToKeep(mapping);
  return { name, signature, target: kept.target, json: JSON.stringify(kept) };
}

export function saveMapping(db: Db, name: string, signature: string, mapping: ImportMapping): void {
  upsertMapping(db, mappingToSave(name, signature, mapping));
}
