import { useState } from 'react';
import { decide, type Kind } from '../access';
import type { Accepted } from '../api';
import { OperationProgress } from '../components/OperationProgress';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, routes } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { DeployForm, type AppSpec } from './DeployForm';
import type { Environment } from './EnvironmentsView';
import { EventsPanel } from './EventsPanel';
import { LogsPanel } from './LogsPanel';
import { MetricsPanel } from './MetricsPanel';

interface App {
  name: string;
  revision: number;
  status: string;
  statusDetail?: string;
  goldenPath: string;
  spec: AppSpec;
  effectiveSpec: Record<string, unknown>;
}

interface Revision {
  number: number;
  image: string;
  requestedBy: string;
  createdAt: string;
  operationId: string;
  goldenPath: string;
  rollbackOf?: number | null;
}

/**
 * An app: status, effective spec, logs, Kubernetes events, metrics, a deploy form with its current
 * spec, revisions with rollback.
 */
export function AppView({ team, env, app }: { team: string; env: string; app: string }) {
  const { api, identity } = useSession();
  const environment = useLoad(() => api.get<Environment>(routes.environment(team, env)), [api, team, env]);
  const current = useLoad(() => api.get<App>(routes.app(team, env, app)), [api, team, env, app]);
  const revisions = useLoad(() => api.get<Revision[]>(`${routes.app(team, env, app)}/revisions`), [api, team, env, app]);
  const [operation, setOperation] = useState<string>();
  const [error, setError] = useState<unknown>();
  const kind: Kind | undefined = environment.data?.kind;
  const canRollback = kind && decide(identity, team, 'app.rollback', kind) !== 'deny';
  const reload = () => {
    current.reload();
    revisions.reload();
  };
  const rollback = async (revision: number) => {
    try {
      const accepted = await api.post<Accepted>(`${routes.app(team, env, app)}/rollback`, { revision });
      setError(undefined);
      setOperation(accepted.operationId);
    } catch (e) {
      setError(e);
    }
  };
  const a = current.data;
  return (
    <section aria-labelledby="app-title">
      <p>
        <Link to={`/teams/${team}/envs/${env}`}>← {team}/{env}</Link>
      </p>
      <h2 id="app-title">{app}</h2>
      <ProblemAlert error={current.error} />
      {a && (
        <>
          <p>
            revision {a.revision} · <span className="badge">{a.status}</span> {a.statusDetail} · golden path{' '}
            <code>{a.goldenPath}</code>
          </p>
          <details>
            <summary>Effective spec (what the golden path made of the spec)</summary>
            <pre className="spec">{JSON.stringify(a.effectiveSpec, null, 2)}</pre>
          </details>
          <LogsPanel base={routes.app(team, env, app)} />
          <EventsPanel base={routes.app(team, env, app)} />
          <MetricsPanel base={routes.app(team, env, app)} app={app} />
        </>
      )}
      {a && kind && <DeployForm key={a.revision} team={team} env={env} kind={kind} initial={a.spec} onAccepted={setOperation} />}
      {operation && <OperationProgress key={operation} api={api} operationId={operation} onEnd={reload} />}
      <h3>Revisions</h3>
      <ProblemAlert error={revisions.error ?? error} />
      {revisions.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Image</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
                <th scope="col">Golden path</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.data.map((r) => (
                <tr key={r.number}>
                  <td>
                    {r.number}
                    {r.rollbackOf ? <small className="muted"> (rollback to {r.rollbackOf})</small> : null}
                  </td>
                  <td>
                    <code>{r.image}</code>
                  </td>
                  <td>{r.requestedBy}</td>
                  <td>{formatDate(r.createdAt)}</td>
                  <td>{r.goldenPath}</td>
                  <td>
                    {canRollback && r.number !== a?.revision && (
                      <button type="button" onClick={() => rollback(r.number)}>
                        Roll back to {r.number}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
