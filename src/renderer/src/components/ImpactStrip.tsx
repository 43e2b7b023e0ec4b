/**
 * The effect of an edit where it is made: for the organisation and role of the row in hand,
 * supply − demand at each year end; after an edit, "was → now" for every year it changed, until
 * the next edit. Rows that stand for more than one cell (a growth driver for a staff group, say)
 * show the total over the cells they cover.
 */
import { useMemo } from 'react';
import type { ProjectionResult, ReferenceData } from '../../../shared/api/dto';
import { yearLabel } from '../../../shared/format';
import { formatGap, isShortfall } from '../views/projection/numbers';
import { useProjection } from '../views/projection/use-projection';

export interface ImpactScope {
  /** null: every organisation. */
  orgId: number | null;
  /** null: every role (of the staff group, if one is given). */
  roleId: number | null;
  staffGroup?: string | null;
}

/** Gap (FTE, positive = shortfall) per year over the cells in scope; null when no cell is. */
export function scopeGap(result: ProjectionResult, scope: ImpactScope, reference: ReferenceData): number[] | null {
  const groupOf = new Map(reference.roles.map((r) => [r.id, r.staffGroup]));
  const out = result.years.map(() => 0);
  let any = false;
  for (const c of result.cells) {
    if (scope.orgId !== null && c.orgId !== scope.orgId) continue;
    if (scope.roleId !== null && c.roleId !== scope.roleId) continue;
    if (scope.staffGroup && groupOf.get(c.roleId) !== scope.staffGroup) continue;
    any = true;
    c.gap.forEach((g, t) => (out[t] = out[t]! + g));
  }
  return any ? out : null;
}

/** Whether a shown gap changed: compared as written (to 0.1 FTE), so noise never shows as a change. */
const changed = (a: number, b: number) => formatGap(a) !== formatGap(b);

export function ImpactStrip({ scope, what, reference }: { scope: ImpactScope | null; what: string; reference: ReferenceData }) {
  const { result, previous } = useProjection();
  const now = useMemo(() => (result && scope ? scopeGap(result, scope, reference) : null), [result, scope, reference]);
  const was = useMemo(() => (previous && scope ? scopeGap(previous, scope, reference) : null), [previous, scope, reference]);
  if (!result) return null;
  if (!scope || !now) {
    return (
      <section className="impact-strip impact-empty" aria-label="Effect on supply − demand">
        <p className="muted">Select a row to see supply − demand for its organisation and role in every year, and what your edits change.</p>
      </section>
    );
  }
  const moved = was ? now.some((g, t) => changed(was[t] ?? 0, g)) : false;
  return (
    <section className="impact-strip" aria-label="Effect on supply − demand">
      <table className="impact-table">
        <caption>
          Supply − demand (FTE), {what}
          {was ? (moved ? <span className="impact-note">: your last edit changed the years marked ●</span> : <span className="impact-note">: your last edit did not change these</span>) : null}
        </caption>
        <thead>
          <tr>
            {result.years.map((y) => (
              <th key={y} scope="col">
                {yearLabel(y)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {now.map((g, t) => {
              const before = was?.[t];
              const diff = before !== undefined && changed(before, g);
              return (
                <td key={t} className={diff ? 'impact-changed' : undefined}>
                  {diff ? (
                    <>
                      <span className="impact-was">● was {formatGap(before)}</span>
                      <span className={isShortfall(g) ? 'impact-now shortfall' : 'impact-now'}>now {formatGap(g)}</span>
                    </>
                  ) : (
                    <span className={isShortfall(g) ? 'shortfall' : undefined}>{formatGap(g)}</span>
                  )}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
