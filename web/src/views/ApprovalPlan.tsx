import { PlanView, type Plan } from '../components/PlanView';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatMoney, routes } from '../format';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

export interface CostEstimate {
  available: boolean;
  reason?: string;
  monthlyAmount?: number;
  currentMonthlyAmount?: number;
  monthlyDelta?: number;
  currency?: string;
}

/** "+9.13 USD a month (now 36.50, then 45.63)", from the estimate made with the reviewed plan. */
export function CostDelta({ estimate }: { estimate: CostEstimate | null | undefined }) {
  if (!estimate) return <p className="unavailable">Cost change: no estimate was made for this plan.</p>;
  if (!estimate.available || estimate.monthlyDelta === undefined) {
    return <p className="unavailable">Cost change: not available ({estimate.reason ?? 'no estimate'}).</p>;
  }
  const delta = estimate.monthlyDelta;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return (
    <p>
      Cost change:{' '}
      <strong className={delta > 0 ? 'cost-delta-up' : delta < 0 ? 'cost-delta-down' : undefined}>
        {sign}
        {formatMoney(Math.abs(delta), estimate.currency)} a month
      </strong>{' '}
      <span className="muted">
        (now {formatMoney(estimate.currentMonthlyAmount, estimate.currency)}, then{' '}
        {formatMoney(estimate.monthlyAmount, estimate.currency)})
      </span>
    </p>
  );
}

/**
 * The plan of a held deploy: its spec planned again with the approver's token (the gateway's plan
 * route), so the approver reads the diff against what runs now. Its hash is compared with the one
 * the request is bound to: approving applies only that plan, so a different hash means the deploy
 * would be refused (the live state or the golden path changed since the request).
 */
export function ApprovalPlan({
  team,
  environment,
  app,
  spec,
  planHash,
}: {
  team: string;
  environment: string;
  app: string;
  spec: Record<string, unknown>;
  planHash: string | null;
}) {
  const { api } = useSession();
  const plan = useLoad(
    () => api.post<Plan>(`${routes.app(team, environment, app)}/plan`, spec),
    [api, team, environment, app, JSON.stringify(spec)],
  );
  if (plan.loading && !plan.data) return <p className="muted">Planning the requested spec…</p>;
  return (
    <>
      <ProblemAlert error={plan.error} />
      {plan.data && (
        <>
          {planHash && plan.data.planHash !== planHash ? (
            <p className="plan-stale" role="note">
              This plan differs from the one the request was made with (hash{' '}
              <code title={planHash}>{planHash.slice(0, 12)}</code>, now{' '}
              <code title={plan.data.planHash}>{plan.data.planHash.slice(0, 12)}</code>): what runs or the golden path
              changed since. Approving would be refused; reject and ask for a new request.
            </p>
          ) : (
            <p className="muted">
              The plan the request is bound to (hash <code title={plan.data.planHash}>{plan.data.planHash.slice(0, 12)}</code>):
              approving applies exactly this.
            </p>
          )}
          <PlanView plan={plan.data} />
        </>
      )}
    </>
  );
}
