import { useState } from 'react';
import { decide, type Kind } from '../access';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, routes } from '../format';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

interface Secret {
  name: string;
  keys: string[];
  version: number;
  lastRotatedAt?: string;
  nextRotationAt?: string;
  rotation?: unknown;
}

/** Secrets by name, keys and version; values only on an explicit reveal, where allowed. */
export function SecretsPanel({ team, env, kind }: { team: string; env: string; kind: Kind }) {
  const { api, identity } = useSession();
  const secrets = useLoad(() => api.get<Secret[]>(routes.secrets(team, env)), [api, team, env]);
  const [revealed, setRevealed] = useState<Record<string, Record<string, string>>>({});
  const [error, setError] = useState<unknown>();
  const canWrite = decide(identity, team, 'secret.write', kind) !== 'deny';
  const canReveal = decide(identity, team, 'secret.reveal', kind) !== 'deny';
  const base = routes.secrets(team, env);
  const act = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="secrets-title">
      <h3 id="secrets-title">Secrets</h3>
      <ProblemAlert error={secrets.error ?? error} />
      {secrets.data && secrets.data.length === 0 && <p>No secrets.</p>}
      {secrets.data && secrets.data.length > 0 && (
        <ul className="secrets">
          {secrets.data.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong> v{s.version} · keys {s.keys.join(', ')}
              {s.lastRotatedAt && <> · rotated {formatDate(s.lastRotatedAt)}</>}
              {canWrite && s.rotation ? (
                <button
                  type="button"
                  onClick={() => act(async () => (await api.post(`${base}/${encodeURIComponent(s.name)}/rotate`), secrets.reload()))}
                >
                  Rotate {s.name}
                </button>
              ) : null}
              {canReveal && !revealed[s.name] && (
                <button
                  type="button"
                  onClick={() =>
                    act(async () => {
                      const value = await api.get<{ values: Record<string, string> }>(
                        `${base}/${encodeURIComponent(s.name)}/value`,
                      );
                      setRevealed((all) => ({ ...all, [s.name]: value.values }));
                    })
                  }
                >
                  Reveal {s.name}
                </button>
              )}
              {revealed[s.name] && (
                <>
                  <dl className="revealed">
                    {Object.entries(revealed[s.name]).map(([key, value]) => (
                      <div key={key}>
                        <dt>{key}</dt>
                        <dd>
                          <code>{value}</code>
                        </dd>
                      </div>
                    ))}
                  </dl>
                  <button type="button" onClick={() => setRevealed(({ [s.name]: _, ...rest }) => rest)}>
                    Hide {s.name}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!canReveal && <p className="muted">Values of {kind} secrets are never shown.</p>}
    </section>
  );
}
