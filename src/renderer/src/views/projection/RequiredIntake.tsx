/**
 * "What intake closes this gap?": the smallest constant yearly intake, from a year to the
 * horizon, into every pipeline that trains this role (or into one), that closes the gap of this
 * organisation or of the role across all organisations by a year — shared out in proportion to
 * each organisation's gap, to current intakes, or all into one pipeline. Solved by the engine in
 * the main process; "Apply" writes every pipeline's new intake as one undoable change.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PipelineRow } from '../../../../shared/api/dto';
import type { IntakeSharing, RoleIntakeAnswer } from '../../../../shared/model/types';
import { formatHeads, yearLabel } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { formatGap, isShortfall } from './numbers';

const intakeText = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
type Scope = 'cell' | 'role';
type Solved = Extract<RoleIntakeAnswer, { ok: true }>;

export function RequiredIntake({
  orgId,
  roleId,
  orgName,
  roleName,
  pipelines,
  years,
  onApplied,
}: {
  orgId: number;
  roleId: number;
  orgName: string;
  roleName: string;
  pipelines: PipelineRow[];
  years: number[];
  /** After Apply: the year the gap closes by, and whose gap (null: the role in every organisation). */
  onApplied: (byYear: number, orgId: number | null) => void;
}) {
  const { scenarioId, reference, mutate, notify } = useAppState();
  const id = useId();
  const [scope, setScope] = useState<Scope>('role');
  const [sharing, setSharing] = useState<IntakeSharing>('gap');
  const candidates = useMemo(() => pipelines.filter((p) => p.roleId === roleId && (scope === 'role' || p.orgId === orgId)), [pipelines, orgId, roleId, scope]);
  const [pipelineId, setPipelineId] = useState<number | null>(null);
  const [fromYear, setFromYear] = useState(years[1] ?? years[0] ?? 0);
  const [byYear, setByYear] = useState(years[Math.min(5, years.length - 1)] ?? 0);
  const [answer, setAnswer] = useState<RoleIntakeAnswer | null>(null);
  const [asked, setAsked] = useState<{ scope: Scope; sharing: IntakeSharing; fromYear: number; byYear: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  // A new answer (or refusal) comes into view, in a short panel too.
  useEffect(() => {
    if (answer) answerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [answer]);

  // "In proportion to each organisation's gap" needs more than one organisation.
  const effectiveSharing: IntakeSharing = scope === 'cell' && sharing === 'gap' ? 'current' : sharing;
  const chosen = candidates.find((p) => p.id === pipelineId) ?? candidates[0] ?? null;
  useEffect(() => {
    setAnswer(null);
  }, [orgId, roleId, scope, sharing, pipelineId, fromYear, byYear]);
  const pipelineName = (pid: number) => pipelines.find((p) => p.id === pid)?.name ?? `Pipeline ${pid}`;
  const orgNameOf = (oid: number) => reference.organisations.find((o) => o.id === oid)?.name ?? `Organisation ${oid}`;
  const where = (s: Scope) => (s === 'cell' ? `${roleName} at ${orgName}` : `${roleName} across all organisations`);

  const ask = async () => {
    if (scenarioId === null) return;
    setBusy(true);
    setApplied(null);
    const question = { scope, sharing: effectiveSharing, fromYear, byYear };
    try {
      setAnswer(
        await call('projection/required-intake', {
          scenarioId,
          roleId,
          orgId: scope === 'cell' ? orgId : null,
          fromYear,
          byYear,
          sharing: effectiveSharing,
          pipelineId: effectiveSharing === 'one' ? (chosen?.id ?? null) : null,
        }),
      );
      setAsked(question);
    } catch (err) {
      setAnswer({ ok: false, reason: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const apply = async (a: Solved) => {
    if (scenarioId === null || !asked) return;
    const intakes = a.allocations.map((x) => ({ pipelineId: x.pipelineId, heads: x.wholeIntake }));
    try {
      await mutate(() => call('projection/apply-intake', { scenarioId, fromYear: asked.fromYear, intakes }));
      const into = intakes.length === 1 ? pipelineName(intakes[0]!.pipelineId) : `${intakes.length} pipelines`;
      const message = `${formatHeads(a.wholeTotal)} starters a year into ${into} from ${yearLabel(asked.fromYear)}: the gap of ${where(asked.scope)} in ${yearLabel(asked.byYear)} is now ${formatGap(a.gapAfter)} FTE (closed); the projection shows its rows, with ${yearLabel(asked.byYear)} marked. Undo brings back the previous intakes.`;
      setApplied(message);
      notify('info', message);
      setAnswer(null);
      onApplied(asked.byYear, asked.scope === 'cell' ? orgId : null);
    } catch (err) {
      setAnswer({ ok: false, reason: errorMessage(err) });
    }
  };

  const solved = answer?.ok === true ? answer : null;
  return (
    <section className="required-intake" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>What intake closes this gap?</h3>
      <fieldset className="radio-row">
        <legend>Close the gap of</legend>
        <label>
          <input type="radio" name={`${id}-scope`} checked={scope === 'role'} onChange={() => setScope('role')} /> {roleName} across all organisations
        </label>
        <label>
          <input type="radio" name={`${id}-scope`} checked={scope === 'cell'} onChange={() => setScope('cell')} /> this organisation only
        </label>
      </fieldset>
      {candidates.length === 0 ? (
        <p>
          No pipeline in this scenario trains {scope === 'cell' ? `${roleName} for ${orgName}` : roleName}. Add one in Pipelines
          {scope === 'cell' ? ', or try the role across all organisations' : ''}.
        </p>
      ) : (
        <>
          <fieldset className="radio-column">
            <legend>Share the intake</legend>
            {scope === 'role' ? (
              <label>
                <input type="radio" name={`${id}-sharing`} checked={sharing === 'gap'} onChange={() => setSharing('gap')} /> in proportion to each
                organisation’s gap
              </label>
            ) : null}
            <label>
              <input type="radio" name={`${id}-sharing`} checked={effectiveSharing === 'current'} onChange={() => setSharing('current')} /> in proportion to
              current intakes ({candidates.length} {candidates.length === 1 ? 'pipeline' : 'pipelines'})
            </label>
            <label>
              <input type="radio" name={`${id}-sharing`} checked={effectiveSharing === 'one'} onChange={() => setSharing('one')} /> all into one pipeline
            </label>
          </fieldset>
          <div className="form-grid">
            {effectiveSharing === 'one' ? (
              <>
                <label htmlFor={`${id}-p`}>Pipeline</label>
                <select id={`${id}-p`} value={chosen?.id ?? ''} onChange={(e) => setPipelineId(Number(e.target.value))}>
                  {candidates.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
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
          <div role="status" className="intake-answer" ref={answerRef}>
            {busy ? 'Working it out…' : null}
            {solved && asked ? (
              solved.exactTotal === 0 ? (
                <p>
                  No extra intake is needed: the gap of {where(asked.scope)} is already closed by {yearLabel(asked.byYear)} without any starters from{' '}
                  {yearLabel(asked.fromYear)} (supply against demand then: {formatGap(solved.gapBefore)} FTE).
                </p>
              ) : (
                <>
                  <p>
                    <strong>
                      {formatHeads(solved.wholeTotal)} starters a year
                      {solved.allocations.length === 1
                        ? ` into ${pipelineName(solved.allocations[0]!.pipelineId)}`
                        : ` across ${solved.allocations.length} pipelines`}
                    </strong>{' '}
                    from {yearLabel(asked.fromYear)} close the gap of {where(asked.scope)} by {yearLabel(asked.byYear)} (exactly {intakeText(solved.exactTotal)}{' '}
                    a year in all).
                  </p>
                  <p>
                    Supply against demand in {yearLabel(asked.byYear)}: {formatGap(solved.gapBefore)} FTE now, {formatGap(solved.gapAfter)} FTE with this
                    intake.
                  </p>
                  <table className="data-table compact-table intake-table">
                    <caption>Starters a year from {yearLabel(asked.fromYear)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Pipeline</th>
                        <th scope="col" className="num-col">
                          Now
                        </th>
                        <th scope="col" className="num-col">
                          New
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {solved.allocations.map((x) => (
                        <tr key={x.pipelineId}>
                          <th scope="row">{pipelineName(x.pipelineId)}</th>
                          <td className="num-col">{formatHeads(x.currentIntake)}</td>
                          <td className="num-col">{formatHeads(x.wholeIntake)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {solved.byOrganisation.length > 1 ? (
                    <table className="data-table compact-table intake-table">
                      <caption>Supply − demand in {yearLabel(asked.byYear)} by organisation (FTE)</caption>
                      <thead>
                        <tr>
                          <th scope="col">Organisation</th>
                          <th scope="col" className="num-col">
                            Now
                          </th>
                          <th scope="col" className="num-col">
                            With this intake
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {solved.byOrganisation.map((o) => (
                          <tr key={o.orgId}>
                            <th scope="row">{orgNameOf(o.orgId)}</th>
                            <td className={`num-col${isShortfall(o.gapBefore) ? ' shortfall' : ''}`}>{formatGap(o.gapBefore)}</td>
                            <td className={`num-col${isShortfall(o.gapAfter) ? ' shortfall' : ''}`}>{formatGap(o.gapAfter)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {solved.notes.map((n) => (
                    <p key={n} className="muted">
                      {n}
                    </p>
                  ))}
                </>
              )
            ) : null}
            {answer?.ok === false ? <p className="shortfall">{answer.reason}</p> : null}
            {applied ? <p>{applied}</p> : null}
          </div>
          {solved && solved.exactTotal > 0 && asked ? (
            <button type="button" className="button" onClick={() => void apply(solved)}>
              Apply {formatHeads(solved.wholeTotal)} a year from {yearLabel(asked.fromYear)}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
