import { useId, useState, type FormEvent } from 'react';
import { decide, KINDS, type Kind } from '../access';
import type { Accepted } from '../api';
import { Field } from '../components/Field';
import { OperationProgress } from '../components/OperationProgress';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatDuration, formatMoney, routes } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

export interface Environment {
  team: string;
  name: string;
  kind: Kind;
  namespace: string;
  status: string;
  createdAt: string;
  apps: number;
  age: string;
  lastActivityAt: string | null;
  expiresAt: string | null;
  clonedFrom: string | null;
}

interface CostItem {
  environment: string;
  amount: number;
}

/** The team's environments with kind, apps, status, age, expiry and this month's cost. */
export function EnvironmentsView({ team }: { team: string }) {
  const { api, identity } = useSession();
  const envs = useLoad(() => api.get<Environment[]>(routes.environments(team)), [api, team]);
  // Costs come from cost-service; the list stands without them when it is not there.
  const costs = useLoad(
    () =>
      api
        .get<{ currency: string; items: CostItem[] }>(`${routes.costs(team)}?groupBy=env`)
        .catch(() => undefined),
    [api, team],
  );
  const [operation, setOperation] = useState<string>();
  const [cloning, setCloning] = useState<Environment>();
  const costOf = (env: string) =>
    costs.data?.items.filter((i) => i.environment === env).reduce((sum, i) => sum + i.amount, 0);
  const creatableKinds = KINDS.filter((k) => decide(identity, team, 'environment.create', k) !== 'deny');

  return (
    <section aria-labelledby="envs-title">
      <h2 id="envs-title">Environments of {team}</h2>
      <ProblemAlert error={envs.error} />
      {envs.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Apps</th>
                <th scope="col">Status</th>
                <th scope="col">Age</th>
                <th scope="col">Expires</th>
                <th scope="col">Cost (month)</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {envs.data.map((env) => (
                <tr key={env.name}>
                  <th scope="row">
                    <Link to={`/teams/${team}/envs/${env.name}`}>{env.name}</Link>
                    {env.clonedFrom && <small className="muted"> (clone of {env.clonedFrom})</small>}
                  </th>
                  <td>
                    <span className={`badge kind-${env.kind}`}>{env.kind}</span>
                  </td>
                  <td>{env.apps}</td>
                  <td>{env.status}</td>
                  <td>{formatDuration(env.age)}</td>
                  <td>{env.expiresAt ? formatDate(env.expiresAt) : 'never'}</td>
                  <td>{formatMoney(costOf(env.name), costs.data?.currency)}</td>
                  <td className="actions">
                    {decide(identity, team, 'environment.clone', 'development') !== 'deny' && (
                      <button type="button" onClick={() => setCloning(env)} aria-label={`Clone ${env.name}`}>
                        Clone
                      </button>
                    )}
                    {decide(identity, team, 'environment.delete', env.kind) !== 'deny' && (
                      <DeleteButton team={team} env={env} onAccepted={setOperation} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {envs.data?.length === 0 && <p>No environments yet.</p>}
      {cloning && (
        <CloneForm
          team={team}
          source={cloning}
          onCancel={() => setCloning(undefined)}
          onAccepted={(id) => {
            setCloning(undefined);
            setOperation(id);
          }}
        />
      )}
      {creatableKinds.length > 0 && (
        <CreateForm team={team} kinds={creatableKinds} onAccepted={setOperation} />
      )}
      {operation && <OperationProgress key={operation} api={api} operationId={operation} onEnd={envs.reload} />}
    </section>
  );
}

function CreateForm({ team, kinds, onAccepted }: { team: string; kinds: Kind[]; onAccepted: (id: string) => void }) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const accepted = await api.post<Accepted>(routes.environments(team), {
        name: form.get('name'),
        kind: form.get('kind'),
      });
      setError(undefined);
      onAccepted(accepted.operationId);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="create-title" className="card">
      <h3 id="create-title">New environment</h3>
      <Field label="Name" field="name" error={error} required />
      <KindSelect kinds={kinds} />
      <button type="submit">Create environment</button>
      <ProblemAlert error={error} />
    </form>
  );
}

function CloneForm({
  team,
  source,
  onCancel,
  onAccepted,
}: {
  team: string;
  source: Environment;
  onCancel: () => void;
  onAccepted: (id: string) => void;
}) {
  const { api, identity } = useSession();
  const [error, setError] = useState<unknown>();
  const kinds = KINDS.filter((k) => decide(identity, team, 'environment.clone', k) !== 'deny');
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const overrides: Record<string, unknown> = {};
    if (form.get('replicas')) overrides.replicas = Number(form.get('replicas'));
    if (form.get('preset')) overrides.resources = { preset: form.get('preset') };
    if (form.get('host')) overrides.host = form.get('host');
    try {
      const accepted = await api.post<Accepted>(`${routes.environment(team, source.name)}/clone`, {
        name: form.get('name'),
        kind: form.get('kind'),
        overrides,
      });
      onAccepted(accepted.operationId);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="clone-title" className="card">
      <h3 id="clone-title">Clone {source.name}</h3>
      <Field label="New name" field="name" error={error} required autoFocus />
      <KindSelect kinds={kinds} />
      <details>
        <summary>Overrides</summary>
        <Field label="Replicas" field="overrides.replicas" error={error} name="replicas" type="number" min={1} max={50} />
        <div className="field">
          <label htmlFor="clone-preset">Resources preset</label>
          <select id="clone-preset" name="preset" defaultValue="">
            <option value="">as the source</option>
            <option value="small">small</option>
            <option value="medium">medium</option>
            <option value="large">large</option>
          </select>
        </div>
        <Field label="Host ({app} stands for the app)" field="overrides.host" error={error} name="host" />
      </details>
      <button type="submit">Clone environment</button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ProblemAlert error={error} />
    </form>
  );
}

function KindSelect({ kinds }: { kinds: Kind[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Kind</label>
      <select id={id} name="kind" defaultValue={kinds.includes('development') ? 'development' : kinds[0]}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two steps, so a stray click deletes nothing. */
function DeleteButton({ team, env, onAccepted }: { team: string; env: Environment; onAccepted: (id: string) => void }) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${env.name}`}>
        Delete
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={async () => {
          try {
            onAccepted((await api.delete<Accepted>(routes.environment(team, env.name))).operationId);
            setConfirming(false);
          } catch (e) {
            setError(e);
          }
        }}
      >
        Really delete {env.name}
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Keep
      </button>
      <ProblemAlert error={error} />
    </>
  );
}
