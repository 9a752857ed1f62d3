export interface PlanChange {
  kind: string;
  name: string;
  action: string;
  diff?: string;
}

export interface Plan {
  goldenPath?: string;
  diff: PlanChange[];
  guardRails?: { violations?: { rule: string; message?: string; severity?: string }[] };
  planHash: string;
}

/** A plan's changes, object by object, as unified diffs. */
export function PlanView({ plan }: { plan: Plan }) {
  const violations = plan.guardRails?.violations ?? [];
  return (
    <section aria-label="Plan" className="plan">
      <h3>Plan</h3>
      {plan.diff.length === 0 && <p>No changes: the live objects already match.</p>}
      {plan.diff.map((change) => (
        <details key={change.kind + change.name} open={plan.diff.length <= 3}>
          <summary>
            <span className={`badge action-${change.action.toLowerCase()}`}>{change.action}</span>{' '}
            {change.kind}/{change.name}
          </summary>
          {change.diff && <DiffText text={change.diff} />}
        </details>
      ))}
      {violations.length > 0 && (
        <ul aria-label="Guard rails">
          {violations.map((v) => (
            <li key={v.rule}>
              {v.severity ?? 'rule'} <code>{v.rule}</code> {v.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DiffText({ text }: { text: string }) {
  return (
    <pre className="diff">
      {text.split('\n').map((line, i) => (
        <span
          key={i}
          className={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : undefined}
        >
          {line + '\n'}
        </span>
      ))}
    </pre>
  );
}
