import { useState } from 'react';
import { ProblemAlert } from '../components/ProblemAlert';
import { OperationProgress } from '../components/OperationProgress';
import { formatDate } from '../format';
import { ApprovalPlan, CostDelta, type CostEstimate } from './ApprovalPlan';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

interface Approval {
  id: string;
  operationId: string;
  team: string;
  environment: string;
  action: string;
  target: string;
  planHash: string | null;
  requestedBy: string;
  state: string;
  createdAt: string;
  expiresAt: string;
  costEstimate: CostEstimate | null;
  /** The spec a held deploy applies (null for other actions). */
  spec: Record<string, unknown> | null;
}

/**
 * Requests waiting for the signed-in user's decision, each with what it would change: for a deploy,
 * the plan diff and the monthly cost change. After a decision, the operation's progress.
 */
export function ApprovalsView() {
  const { api } = useSession();
  const approvals = useLoad(() => api.get<Approval[]>('/api/v1/approvals'), [api]);
  const [decided, setDecided] = useState<{ operationId: string; verb: string }>();
  const [error, setError] = useState<unknown>();
  const decide = async (approval: Approval, verb: 'approve' | 'reject') => {
    try {
      await api.post(`/api/v1/approvals/${approval.id}/${verb}`, {});
      setError(undefined);
      setDecided({ operationId: approval.operationId, verb });
      approvals.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approvals waiting for me</h2>
      <ProblemAlert error={approvals.error ?? error} />
      {approvals.data && approvals.data.length === 0 && <p>Nothing waits for you.</p>}
      <ul className="approvals">
        {approvals.data?.map((a) => (
          <li key={a.id} className="card" aria-label={`${a.action} ${a.target} in ${a.team}/${a.environment}`}>
            <p>
              <strong>{a.requestedBy}</strong> asks to <code>{a.action}</code> <strong>{a.target}</strong> in{' '}
              {a.team}/{a.environment}
            </p>
            <p className="muted">
              requested {formatDate(a.createdAt)} · expires {formatDate(a.expiresAt)}
              {a.planHash && (
                <>
                  {' '}
                  · plan <code title={a.planHash}>{a.planHash.slice(0, 12)}</code>
                </>
              )}
            </p>
            {a.action === 'app.deploy' && <CostDelta estimate={a.costEstimate} />}
            {a.spec && (
              <ApprovalPlan team={a.team} environment={a.environment} app={a.target} spec={a.spec} planHash={a.planHash} />
            )}
            <button type="button" className="primary" onClick={() => decide(a, 'approve')}>
              Approve {a.target}
            </button>{' '}
            <button type="button" className="danger" onClick={() => decide(a, 'reject')}>
              Reject {a.target}
            </button>
          </li>
        ))}
      </ul>
      {decided && (
        <>
          <p role="status">{decided.verb === 'approve' ? 'Approved' : 'Rejected'}.</p>
          <OperationProgress key={decided.operationId} api={api} operationId={decided.operationId} />
        </>
      )}
    </section>
  );
}
