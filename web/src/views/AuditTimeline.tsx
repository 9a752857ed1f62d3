import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

interface AuditItem {
  seq: number;
  type: string;
  actor: string | null;
  app: string | null;
  occurredAt: string;
  operationId: string | null;
}

/** The environment's audit trail, newest first. */
export function AuditTimeline({ team, env }: { team: string; env: string }) {
  const { api } = useSession();
  const audit = useLoad(
    () =>
      api.get<{ items: AuditItem[] }>(
        `/api/v1/audit?team=${encodeURIComponent(team)}&environment=${encodeURIComponent(env)}&limit=50`,
      ),
    [api, team, env],
  );
  const items = [...(audit.data?.items ?? [])].sort((a, b) => b.seq - a.seq);
  return (
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">
        Audit timeline{' '}
        <button type="button" onClick={audit.reload} aria-label="Refresh the audit timeline">
          ↻
        </button>
      </h3>
      <ProblemAlert error={audit.error} />
      {audit.data && items.length === 0 && <p>Nothing recorded yet.</p>}
      <ol className="timeline">
        {items.map((item) => (
          <li key={item.seq}>
            <time dateTime={item.occurredAt}>{formatDate(item.occurredAt)}</time>{' '}
            <code>{item.type.replace(/^dev\.slipway\./, '')}</code>
            {item.app && <> · {item.app}</>} · {item.actor ?? 'platform'}
          </li>
        ))}
      </ol>
    </section>
  );
}
