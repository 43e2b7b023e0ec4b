/**
 * What the import wizard's choices are on the command line: --map (what a column holds),
 * --value-map and --skip-org (what a file's organisation, role, staff group or pipeline is in
 * the plan), --share (an organisation's share for this import). Each turns into the same
 * mapping the wizard sends; a wrong one is a usage error that says what would be right.
 */
import { FIELD_KEYS, FIELD_LABELS, type FieldKey, type ImportMapping, type ImportReport, type SheetAnalysis } from '../shared/api/channels/import';
import { columnLetter } from '../main/services/import/limits';
import { own, ownCopy, setOwn } from '../shared/own';

export class UsageError extends Error {}

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-./()&:,'’]+/g, '');

/** "Heading=field" → the column it names (by heading, letter or number) and the field. */
export function applyColumnMaps(analysis: SheetAnalysis, mapping: ImportMapping, maps: string[]): ImportMapping {
  let columns = mapping.columns;
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--map "${m}" is not "Heading=field": for example --map "Contracted WTE=fte".`);
    const heading = m.slice(0, eq).trim();
    const fieldText = m.slice(eq + 1).trim();
    const field = FIELD_KEYS.find((f) => f === fieldText.toLowerCase() || norm(FIELD_LABELS[f]) === norm(fieldText));
    if (!field || field === 'ask') {
      throw new UsageError(`--map "${m}": "${fieldText}" is not a field. Use one of: ${FIELD_KEYS.filter((f) => f !== 'ask').join(', ')}.`);
    }
    const col =
      analysis.columns.find((c) => c.header !== '' && norm(c.header) === norm(heading)) ??
      analysis.columns.find((c) => c.letter === heading.toUpperCase()) ??
      (/^\d+$/.test(heading) ? analysis.columns.find((c) => c.index === Number(heading) - 1) : undefined);
    if (!col) {
      const list = analysis.columns.map((c) => `${c.letter}${c.header ? ` (${c.header})` : ''}`).join(', ');
      throw new UsageError(
        `--map "${m}": sheet "${analysis.sheet}" has no column headed "${heading}". Name a column by its heading, letter or number: ${list}.`,
      );
    }
    const proposed = analysis.columns.find((c) => c.index === col.index)!;
    // A year or staff-group column mapped to value keeps what it is a value of.
    const wide =
      field === 'value' && (proposed.year !== undefined || proposed.staffGroup !== undefined)
        ? { ...(proposed.year !== undefined ? { year: proposed.year } : {}), ...(proposed.staffGroup !== undefined ? { staffGroup: proposed.staffGroup } : {}) }
        : {};
    columns = [...columns.filter((c) => c.index !== col.index), { index: col.index, field: field as FieldKey, ...wide }].sort((a, b) => a.index - b.index);
  }
  return { ...mapping, columns };
}

export interface PlanNames {
  orgs: { id: number; code: string; name: string }[];
  roles: { id: number; code: string; name: string }[];
  pipelines: { id: number; name: string }[];
}

const KINDS: Record<string, 'org' | 'role' | 'staffGroup' | 'pipeline'> = {
  org: 'org',
  org_code: 'org',
  org_name: 'org',
  organisation: 'org',
  role: 'role',
  job_role: 'role',
  staff_group: 'staffGroup',
  staffgroup: 'staffGroup',
  pipeline: 'pipeline',
};

/**
 * "field:From=To" and --skip-org, applied to the file's values as the check found them (their
 * spelling in the file, case aside). To is a plan code (a pipeline's name), or "skip".
 */
export function applyValueMaps(report: ImportReport, mapping: ImportMapping, plan: PlanNames, valueMaps: string[], skipOrgs: string[]): ImportMapping {
  // Keyed by the file's own text, which may be "__proto__": own properties only.
  const values = {
    org: ownCopy(mapping.values.org),
    role: ownCopy(mapping.values.role),
    staffGroup: ownCopy(mapping.values.staffGroup),
    pipeline: ownCopy(mapping.values.pipeline),
  };
  const fileValue = (kind: 'org' | 'role' | 'staffGroup' | 'pipeline', v: string) =>
    report.values.find((c) => c.kind === kind && c.value.toLowerCase() === v.trim().toLowerCase())?.value ?? v.trim();
  for (const m of valueMaps) {
    const colon = m.indexOf(':');
    const eq = m.lastIndexOf('=');
    if (colon <= 0 || eq < colon) throw new UsageError(`--value-map "${m}" is not "field:From=To": for example --value-map "role:Nurse Band 5=RN".`);
    const kind = KINDS[m.slice(0, colon).trim().toLowerCase()];
    if (!kind) throw new UsageError(`--value-map "${m}": "${m.slice(0, colon)}" is not org, role, staff_group or pipeline.`);
    const from = fileValue(kind, m.slice(colon + 1, eq));
    const to = m.slice(eq + 1).trim();
    if (to.toLowerCase() === 'skip') {
      if (kind === 'staffGroup') setOwn(values.staffGroup, from, null);
      else setOwn<number | null>(values[kind], from, null);
      continue;
    }
    if (kind === 'org') {
      const o = plan.orgs.find((x) => x.code.toLowerCase() === to.toLowerCase() || x.name.toLowerCase() === to.toLowerCase());
      if (!o)
        throw new UsageError(
          `--value-map "${m}": the plan has no organisation "${to}". Its organisations: ${plan.orgs.map((x) => x.code).join(', ')}; or use "skip".`,
        );
      setOwn(values.org, from, o.id);
    } else if (kind === 'pipeline') {
      const p = plan.pipelines.find((x) => x.name.toLowerCase() === to.toLowerCase());
      if (!p)
        throw new UsageError(
          `--value-map "${m}": the scenario has no pipeline called "${to}". Its pipelines: ${plan.pipelines.map((x) => `"${x.name}"`).join(', ')}; or use "skip".`,
        );
      setOwn(values.pipeline, from, p.id);
    } else {
      const r = plan.roles.find((x) => x.code.toLowerCase() === to.toLowerCase() || x.name.toLowerCase() === to.toLowerCase());
      if (!r) throw new UsageError(`--value-map "${m}": the plan has no role "${to}". Its roles: ${plan.roles.map((x) => x.code).join(', ')}; or use "skip".`);
      if (kind === 'role') setOwn(values.role, from, r.id);
      else setOwn(values.staffGroup, from, [{ roleId: r.id, share: 1 }]);
    }
  }
  for (const code of skipOrgs) {
    const planOrg = plan.orgs.find((o) => o.code.toLowerCase() === code.trim().toLowerCase());
    let matched = false;
    for (const c of report.values) {
      if (c.kind !== 'org') continue;
      const mappedHere = planOrg !== undefined && own(report.mapping.values.org, c.value) === planOrg.id;
      if (c.value.toLowerCase() === code.trim().toLowerCase() || mappedHere) {
        setOwn(values.org, c.value, null);
        matched = true;
      }
    }
    if (!matched) {
      const seen = report.values.filter((c) => c.kind === 'org').map((c) => c.value);
      throw new UsageError(
        `--skip-org ${code}: the file has no organisation "${code}". Its organisations: ${seen.slice(0, 12).join(', ')}${seen.length > 12 ? ', …' : ''}.`,
      );
    }
  }
  return { ...mapping, values };
}

/** "RYF=0.27" or "RYF=27%" → the plan code and the share as a fraction. */
export function parseShare(text: string, plan: PlanNames): [string, number] {
  const eq = text.lastIndexOf('=');
  const code = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const share = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  if (eq <= 0 || raw === '' || !Number.isFinite(share) || share <= 0 || share > 1) {
    throw new UsageError(`--share "${text}" is not "ORG=share" with a share above 0 and at most 1 (or 100%): for example --share RYF=0.27.`);
  }
  const org = plan.orgs.find((o) => o.code.toLowerCase() === code.toLowerCase());
  if (!org)
    throw new UsageError(
      `--share "${text}": the plan has no organisation with the code "${code}". Its organisations: ${plan.orgs.map((o) => o.code).join(', ')}.`,
    );
  return [org.code, share];
}

/** The columns as the check will read them, for the report. */
export function describeMapping(analysis: SheetAnalysis, mapping: ImportMapping): string[] {
  return mapping.columns
    .filter((c) => c.field !== 'ignore')
    .map((c) => {
      const info = analysis.columns.find((x) => x.index === c.index);
      const was = info && info.field === c.field ? ` (${info.confidence}: ${info.reason})` : ' (given with --map)';
      return `  ${columnLetter(c.index)} ${info?.header || '(no heading)'} → ${c.field}${c.year !== undefined ? ` ${c.year}` : ''}${c.staffGroup ? ` (${c.staffGroup})` : ''}${was}`;
    });
}
