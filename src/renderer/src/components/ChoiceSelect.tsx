/**
 * The filter control of every list: a label and a <select>, kept together when the bar wraps,
 * whose first choice, "All …", means no filter (null). Values may be ids or texts: the chosen
 * one comes back as it was given, not as the <select>'s string.
 */
export interface Choice<V extends string | number> {
  value: V;
  label: string;
}

export function ChoiceSelect<V extends string | number>({
  id,
  label,
  allLabel,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: V | null;
  choices: readonly Choice<V>[];
  onChange: (value: V | null) => void;
}) {
  return (
    <span className="filter-pair">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(choices.find((c) => String(c.value) === e.target.value)?.value ?? null)}>
        <option value="">{allLabel}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}
