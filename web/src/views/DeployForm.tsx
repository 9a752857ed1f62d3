import { useState, type FormEvent } from 'react';
import { decide, type Kind } from '../access';
import { ApiError, type Accepted } from '../api';
import { Field } from '../components/Field';
import { PlanView, type Plan } from '../components/PlanView';
import { ProblemAlert } from '../components/ProblemAlert';
import { routes } from '../format';
import { useSession } from '../session';

export interface AppSpec {
  name?: string;
  image?: string;
  port?: number;
  type?: string;
  replicas?: number;
  host?: string;
  resources?: { preset?: string };
  environmentVariables?: { name: string; value?: string; valueFrom?: string }[];
  patches?: unknown[];
  [key: string]: unknown;
}

/**
 * Builds an app spec with progressive disclosure (simple fields; advanced and expert behind
 * disclosures), shows the plan, then applies exactly that plan (its hash goes with the deploy).
 */
export function DeployForm({
  team,
  env,
  kind,
  initial,
  onAccepted,
}: {
  team: string;
  env: string;
  kind: Kind;
  initial?: AppSpec;
  onAccepted: (operationId: string) => void;
}) {
  const { api, identity } = useSession();
  const decision = decide(identity, team, 'app.deploy', kind);
  const [plan, setPlan] = useState<{ spec: AppSpec; plan: Plan }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (decision === 'deny') return null;

  const review = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPlan(undefined);
    setError(undefined);
    let spec: AppSpec;
    try {
      spec = specOf(new FormData(event.currentTarget), initial);
    } catch (e) {
      setError(e);
      return;
    }
    setBusy(true);
    try {
      const name = spec.name || '_';
      setPlan({ spec, plan: await api.post<Plan>(`${routes.app(team, env, name)}/plan`, spec) });
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      const accepted = await api.post<Accepted>(
        `${routes.apps(team, env)}?planHash=${plan.plan.planHash}`,
        plan.spec,
      );
      setPlan(undefined);
      setError(undefined);
      onAccepted(accepted.operationId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const env_ = initial?.environmentVariables
    ?.map((v) => `${v.name}=${v.valueFrom ? `secret://${v.valueFrom.replace(/^secret:\/\/|^secret\//, '')}` : (v.value ?? '')}`)
    .join('\n');
  return (
    <form onSubmit={review} aria-labelledby="deploy-title" className="card">
      <h3 id="deploy-title">{initial?.name ? `Deploy ${initial.name}` : 'Deploy an app'}</h3>
      <Field label="Name" field="name" error={error} defaultValue={initial?.name} readOnly={!!initial?.name} required />
      <Field label="Image" field="image" error={error} defaultValue={initial?.image} required placeholder="ghcr.io/acme/app:1.0" />
      <Field label="Port" field="port" error={error} type="number" defaultValue={initial?.port} min={1} max={65535} />
      <details>
        <summary>Advanced</summary>
        <div className="field">
          <label htmlFor="deploy-type">Type</label>
          <select id="deploy-type" name="type" defaultValue={initial?.type ?? ''}>
            <option value="">web (default)</option>
            <option value="worker">worker</option>
            <option value="cron">cron</option>
            <option value="job">job</option>
          </select>
        </div>
        <Field label="Replicas" field="replicas" error={error} type="number" min={1} defaultValue={initial?.replicas} />
        <div className="field">
          <label htmlFor="deploy-preset">Resources preset</label>
          <select id="deploy-preset" name="preset" defaultValue={initial?.resources?.preset ?? ''}>
            <option value="">golden path default</option>
            <option value="small">small (100m, 128Mi)</option>
            <option value="medium">medium (250m, 512Mi)</option>
            <option value="large">large (1 CPU, 2Gi)</option>
          </select>
        </div>
        <Field label="Host (adds an Ingress)" field="host" error={error} defaultValue={initial?.host} />
        <div className="field">
          <label htmlFor="deploy-env">Environment variables (NAME=value, or NAME=secret://name/key)</label>
          <textarea id="deploy-env" name="env" rows={3} defaultValue={env_} />
        </div>
      </details>
      <details>
        <summary>Expert</summary>
        <div className="field">
          <label htmlFor="deploy-patches">Patches (JSON array, applied after rendering)</label>
          <textarea
            id="deploy-patches"
            name="patches"
            rows={4}
            defaultValue={initial?.patches ? JSON.stringify(initial.patches, null, 2) : ''}
          />
        </div>
      </details>
      <button type="submit" disabled={busy}>
        Review plan
      </button>
      <ProblemAlert error={error} />
      {plan && (
        <>
          <PlanView plan={plan.plan} />
          <button type="button" onClick={apply} disabled={busy} className="primary">
            {decision === 'approval' ? 'Request approval' : 'Deploy'}
          </button>
          {decision === 'approval' && (
            <p className="muted">A deploy to {kind} waits for a tech lead of {team}, bound to this plan.</p>
          )}
        </>
      )}
    </form>
  );
}

/** The spec the form describes; keeps fields of the current spec that the form does not show. */
export function specOf(form: FormData, initial?: AppSpec): AppSpec {
  const spec: AppSpec = { ...(initial ?? {}) };
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const set = (key: string, value: unknown) => {
    if (value === '' || value === undefined) delete spec[key];
    else spec[key] = value;
  };
  set('name', text('name'));
  set('image', text('image'));
  set('port', text('port') ? Number(text('port')) : undefined);
  set('type', text('type'));
  set('replicas', text('replicas') ? Number(text('replicas')) : undefined);
  set('host', text('host'));
  set('resources', text('preset') ? { preset: text('preset') } : initial?.resources?.preset ? undefined : initial?.resources);
  const vars = text('env')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const eq = line.indexOf('=');
      const name = eq < 0 ? line : line.slice(0, eq);
      const value = eq < 0 ? '' : line.slice(eq + 1);
      return value.startsWith('secret://') ? { name, valueFrom: value } : { name, value };
    });
  delete spec.env;
  set('environmentVariables', vars.length ? vars : undefined);
  if (text('patches')) {
    try {
      spec.patches = JSON.parse(text('patches'));
    } catch {
      throw new ApiError({
        title: 'Invalid request',
        status: 400,
        errors: [{ field: 'patches', reason: 'is not valid JSON' }],
      });
    }
  } else {
    delete spec.patches;
  }
  return spec;
}
