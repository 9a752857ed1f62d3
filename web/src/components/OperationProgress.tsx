import { useEffect, useState } from 'react';
import type { Api } from '../api';
import { followOperation, TERMINAL, type Operation } from '../sse';
import { ProblemAlert } from './ProblemAlert';

/** An operation's states as they arrive over SSE, announced to screen readers as they change. */
export function OperationProgress({
  api,
  operationId,
  onEnd,
}: {
  api: Api;
  operationId: string;
  onEnd?: (operation: Operation) => void;
}) {
  const [states, setStates] = useState<Operation[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const abort = new AbortController();
    setStates([]);
    followOperation(api, operationId, (op) => setStates((all) => [...all, op]), abort.signal)
      .then((last) => last && TERMINAL.includes(last.state) && onEnd?.(last))
      .catch((e) => abort.signal.aborted || setError(e));
    return () => abort.abort();
    // One stream per operation: a new onEnd callback on each render must not restart it.
  }, [api, operationId]);
  const last = states[states.length - 1];
  return (
    <section className="operation" aria-label="Operation progress">
      <p>
        Operation <code>{operationId}</code>
      </p>
      <ol aria-live="polite" className="states">
        {states.map((s, i) => (
          <li key={i} className={`state state-${s.state.toLowerCase()}`}>
            <span className="badge" data-state={s.state}>
              {s.state}
            </span>{' '}
            {s.detail}
            {s.errors?.map((e) => (
              <div key={e.field} className="field-error">
                <code>{e.field}</code> {e.reason}
              </div>
            ))}
          </li>
        ))}
      </ol>
      {!last && !error && <p className="muted">Waiting for the first update…</p>}
      {last?.state === 'PENDING_APPROVAL' && (
        <p className="muted">Waiting for a tech lead of the team to approve.</p>
      )}
      <ProblemAlert error={error} />
    </section>
  );
}
