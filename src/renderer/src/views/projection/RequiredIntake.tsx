/**
 * "What intake closes this gap?": the smallest constant yearly intake into one pipeline, from a
 * year to the horizon, that closes this row's gap (or its role's, across organisations) by a
 * year. Solved by the engine in the main process; "Apply" writes it as one undoable change.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { PipelineRow } from '../../../../shared/api/dto';
import type { RequiredIntakeAnswer } from '../../../../shared/model/types';
import { yearLabel } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { formatGap } from './numbers';

const intakeText = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export function RequiredIntake({ orgId, roleId, orgName, roleName, pipelines, years }: { orgId: number; roleId: number; orgName: string; roleName: string; pipelines: PipelineRow[]; years: number[] }) {
  const { scenarioId, mutate, notify } = useAppState();
  const id = useId();
  const [scope, setScope] = useState<'cell' | 'role'>('cell');
  const candidates = useMemo(() => pipelines.filter((p) => p.roleId === roleId && (scope === 'role' || p.orgId === orgId)), [pipelines, orgId, roleId, scope]);
  const [pipelineId, setPipelineId] = useState<number | null>(null);
  const [fromYear, setFromYear] = useState(years[1] ?? years[0] ?? 0);
  const [byYear, setByYear] = useState(years[years.length - 1] ?? 0);
  const [answer, setAnswer] = useState<RequiredIntakeAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);

  const chosen = candidates.find((p) => p.id === pipelineId) ?? candidates[0] ?? null;
  useEffect(() => {
    setAnswer(null);
  }, [orgId, roleId, scope, pipelineId, fromYear, byYear]);

  const ask = async () => {
    if (!chosen || scenarioId === null) return;
    setBusy(true);
    setApplied(null);
    try {
      setAnswer(await call('projection/required-intake', { scenarioId, pipelineId: chosen.id, fromYear, byYear, scope }));
    } catch (err) {
      setAnswer({ ok: false, reason: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!chosen || !answer?.ok) return;
    const heads = answer.wholeIntake;
    try {
      await mutate(() => call('projection/apply-intake', { pipelineId: chosen.id, fromYear, heads }));
      const message = `${chosen.name}: ${heads} starters a year from ${yearLabel(fromYear)}. Undo brings back the previous intakes.`;
      setApplied(message);
      notify('info', message);
      setAnswer(null);
    } catch (err) {
      setAnswer({ ok: false, reason: errorMessage(err) });
    }
  };

  const where = scope === 'cell' ? `${roleName} at ${orgName}` : `${roleName} across all organisations`;
  return (
    <section className="required-intake" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>What intake closes this gap?</h3>
      <fieldset className="radio-row">
        <legend>Close the gap of</legend>
        <label>
          <input type="radio" name={`${id}-scope`} checked={scope === 'cell'} onChange={() => setScope('cell')} /> this organisation
        </label>
        <label>
          <input type="radio" name={`${id}-scope`} checked={scope === 'role'} onChange={() => setScope('role')} /> the role across all organisations
        </label>
      </fieldset>
      {candidates.length === 0 ? (
        <p>
          No pipeline in this scenario trains {scope === 'cell' ? `${roleName} for ${orgName}` : `${roleName}s`}. Add one in Pipelines{scope === 'cell' ? ', or try the role across all organisations' : ''}.
        </p>
      ) : (
        <>
          <div className="form-grid">
            <label htmlFor={`${id}-p`}>Pipeline</label>
            <select id={`${id}-p`} value={chosen?.id ?? ''} onChange={(e) => setPipelineId(Number(e.target.value))}>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-from`}>Same intake every year from</label>
            <select id={`${id}-from`} value={fromYear} onChange={(e) => setFromYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(y)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-by`}>Gap closed by</label>
            <select id={`${id}-by`} value={byYear} onChange={(e) => setByYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {yearLabel(y)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button" onClick={() => void ask()} disabled={busy}>
            Work out the intake
          </button>
          <div role="status" className="intake-answer">
            {busy ? 'Working it out…' : null}
            {answer?.ok === true ? (
              <>
                <p>
                  <strong>
                    {answer.wholeIntake} starters a year into {chosen?.name}
                  </strong>{' '}
                  from {yearLabel(fromYear)} closes the gap of {where} by {yearLabel(byYear)} (exactly {intakeText(answer.exactIntake)} a year).
                </p>
                <p>
                  Supply against demand in {yearLabel(byYear)}: {formatGap(answer.gapBefore)} FTE now, {formatGap(answer.gapAfter)} FTE with this intake.
                  {chosen ? ` Current intake in ${yearLabel(fromYear)}: ${chosen.intakes[fromYear] ?? 0}.` : ''}
                </p>
              </>
            ) : null}
            {answer?.ok === false ? <p className="shortfall">{answer.reason}</p> : null}
            {applied ? <p>{applied}</p> : null}
          </div>
          {answer?.ok === true ? (
            <button type="button" className="button" onClick={() => void apply()}>
              Apply {answer.wholeIntake} a year from {yearLabel(fromYear)}
            </button>
          ) : null}
          {answer?.ok === true && answer.exactIntake === 0 ? <p className="muted">No extra intake is needed: the gap is already closed by {yearLabel(byYear)} (supply against demand then: {formatGap(answer.gapBefore)} FTE).</p> : null}
        </>
      )}
    </section>
  );
}
