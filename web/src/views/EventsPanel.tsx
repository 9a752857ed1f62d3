import { useId } from 'react';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  firstTime: string | null;
  lastTime: string | null;
  source: string | null;
}

/** Kubernetes events of the app's objects (its Deployment, ReplicaSets, Pods, ...), newest first. */
export function EventsPanel({ base }: { base: string }) {
  const { api } = useSession();
  const ids = useId();
  const events = useLoad(() => api.get<{ items: KubeEvent[] }>(`${base}/events?limit=50`), [api, base]);
  const items = events.data?.items ?? [];
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>
        Kubernetes events{' '}
        <button type="button" onClick={events.reload} disabled={events.loading}>
          Refresh events
        </button>
      </h3>
      <ProblemAlert error={events.error} />
      {events.data && items.length === 0 && <p>No events: Kubernetes keeps them for about an hour.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Kubernetes events">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Reason</th>
                <th scope="col">Object</th>
                <th scope="col">Message</th>
                <th scope="col">Count</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e, i) => (
                <tr key={i} className={e.type === 'Warning' ? 'warning' : undefined}>
                  <td>
                    <span className="badge" data-event-type={e.type}>
                      {e.type}
                    </span>
                  </td>
                  <td>{e.reason}</td>
                  <td>
                    <code>{e.object}</code>
                  </td>
                  <td className="wrap">{e.message}</td>
                  <td>{e.count}</td>
                  <td>{formatDate(e.lastTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
