import { useState } from 'react';
import { ProblemAlert } from '../components/ProblemAlert';
import { OperationProgress } from '../components/OperationProgress';
import { formatDate, formatDuration, routes } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { AuditTimeline } from './AuditTimeline';
import { DeployForm } from './DeployForm';
import type { Environment } from './EnvironmentsView';
import { SecretsPanel } from './SecretsPanel';

interface AppSummary {
  name: string;
  revision?: number;
  status?: string;
  image?: string;
  updatedAt?: string;
}

/** One environment: its apps, a deploy form, its secrets and its audit timeline. */
export function EnvironmentView({ team, env }: { team: string; env: string }) {
  const { api } = useSession();
  const environment = useLoad(() => api.get<Environment>(routes.environment(team, env)), [api, team, env]);
  const apps = useLoad(() => api.get<AppSummary[]>(routes.apps(team, env)), [api, team, env]);
  const [operation, setOperation] = useState<string>();
  const e = environment.data;
  return (
    <section aria-labelledby="env-title">
      <p>
        <Link to={`/teams/${team}`}>← Environments of {team}</Link>
      </p>
      <h2 id="env-title">
        {team}/{env} {e && <span className={`badge kind-${e.kind}`}>{e.kind}</span>}
      </h2>
      <ProblemAlert error={environment.error} />
      {e && (
        <p className="muted">
          namespace <code>{e.namespace}</code> · {e.status} · age {formatDuration(e.age)} · expires{' '}
          {e.expiresAt ? formatDate(e.expiresAt) : 'never'}
        </p>
      )}
      <h3>Apps</h3>
      <ProblemAlert error={apps.error} />
      {apps.data && apps.data.length === 0 && <p>No apps yet.</p>}
      {apps.data && apps.data.length > 0 && (
        <ul className="apps">
          {apps.data.map((app) => (
            <li key={app.name}>
              <Link to={`/teams/${team}/envs/${env}/apps/${app.name}`}>{app.name}</Link>{' '}
              {app.revision !== undefined && <span className="muted">revision {app.revision}</span>}{' '}
              {app.status && <span className="badge">{app.status}</span>}
            </li>
          ))}
        </ul>
      )}
      {e && <DeployForm team={team} env={env} kind={e.kind} onAccepted={setOperation} />}
      {operation && <OperationProgress key={operation} api={api} operationId={operation} onEnd={apps.reload} />}
      {e && <SecretsPanel team={team} env={env} kind={e.kind} />}
      <AuditTimeline team={team} env={env} />
    </section>
  );
}
