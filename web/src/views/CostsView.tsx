import { useState } from 'react';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatMoney, routes } from '../format';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { BarChart } from '../components/BarChart';

interface CostItem {
  environment?: string;
  app?: string;
  day?: string;
  amount: number;
}

interface Costs {
  currency: string;
  total: number;
  from: string;
  to: string;
  items: CostItem[];
}

const GROUPS = { env: 'By environment', app: 'By app', day: 'Over time' } as const;
type Group = keyof typeof GROUPS;

/** The team's costs this month as a chart, and the monthly chargeback report as CSV. */
export function CostsView({ team }: { team: string }) {
  const { api } = useSession();
  const [group, setGroup] = useState<Group>('env');
  const costs = useLoad(() => api.get<Costs>(`${routes.costs(team)}?groupBy=${group}`), [api, team, group]);
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [error, setError] = useState<unknown>();
  const label = (i: CostItem) =>
    group === 'day' ? (i.day ?? '') : group === 'app' ? `${i.environment}/${i.app || '(overhead)'}` : (i.environment ?? '');
  const download = async () => {
    try {
      const response = await api.fetch(`${routes.costs(team)}/reports/${month}`, { headers: { Accept: 'text/csv' } });
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `slipway-costs-${team}-${month}.csv`;
      a.click();
      URL.revokeObjectURL(url);
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="costs-title">
      <h2 id="costs-title">Costs of {team}</h2>
      <div role="tablist" aria-label="Group costs">
        {(Object.keys(GROUPS) as Group[]).map((g) => (
          <button key={g} role="tab" aria-selected={group === g} type="button" onClick={() => setGroup(g)}>
            {GROUPS[g]}
          </button>
        ))}
      </div>
      <ProblemAlert error={costs.error} />
      {costs.data && (
        <>
          <p>
            {costs.data.from} – {costs.data.to}: <strong>{formatMoney(costs.data.total, costs.data.currency)}</strong>
          </p>
          <BarChart
            title={`${GROUPS[group]}, ${costs.data.currency}`}
            bars={costs.data.items.map((i) => ({ label: label(i), value: i.amount }))}
            format={(v) => formatMoney(v, costs.data!.currency)}
          />
        </>
      )}
      <div className="card">
        <h3>Monthly report</h3>
        <label htmlFor="report-month">Month</label>{' '}
        <input id="report-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />{' '}
        <button type="button" onClick={download}>
          Download CSV
        </button>
        <ProblemAlert error={error} />
      </div>
    </section>
  );
}
