/**
 * The effect of an edit where it is made: for the organisation and role of the row in hand,
 * supply − demand at each year end; after an edit, "was → now" for every year it changed, until
 * the next edit. Rows that stand for more than one cell (a growth driver for a staff group, say)
 * show the total over the cells they cover.
 */
import { useEffect, useState } from 'react';
import type { ScopeGap } from '../../../shared/api/dto';
import { yearLabel } from '../../../shared/format';
import { call } from '../api';
import { useAppState } from '../app/AppState';
import { formatGap, isShortfall } from '../views/projection/numbers';

export interface ImpactScope {
  /** null: every organisation. */
  orgId: number | null;
  /** null: every role (of the staff group, if one is given). */
  roleId: number | null;
  staffGroup?: string | null;
}

/**
 * The scope's gap now and before the last change, worked out in main from the projection it
 * keeps: a few hundred bytes whatever the plan's size. Read again after every change.
 */
function useScopeGap(scope: ImpactScope | null): ScopeGap | null {
  const { scenarioId, dataVersion } = useAppState();
  const [gap, setGap] = useState<ScopeGap | null>(null);
  const orgId = scope?.orgId ?? null;
  const roleId = scope?.roleId ?? null;
  const staffGroup = scope?.staffGroup ?? null;
  const any = scope !== null;
  useEffect(() => {
    if (scenarioId === null || !any) {
      setGap(null);
      return;
    }
    let live = true;
    call('projection/scope', { scenarioId, orgId, roleId, staffGroup })
      .then((g) => live && setGap(g))
      .catch(() => live && setGap(null));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion, any, orgId, roleId, staffGroup]);
  return gap;
}

/** Whether a shown gap changed: compared as written (to 0.1 FTE), so noise never shows as a change. */
const changed = (a: number, b: number) => formatGap(a) !== formatGap(b);

export function ImpactStrip({ scope, what }: { scope: ImpactScope | null; what: string }) {
  const gap = useScopeGap(scope);
  const now = gap?.now ?? null;
  const was = gap?.was ?? null;
  if (!scope || !gap || !now) {
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
          {was ? (
            moved ? (
              <span className="impact-note">: your last edit changed the years marked ●</span>
            ) : (
              <span className="impact-note">: your last edit did not change these</span>
            )
          ) : null}
        </caption>
        <thead>
          <tr>
            {gap.years.map((y) => (
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
