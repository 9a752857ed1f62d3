import { useId, useState } from 'react';
import { BarChart } from '../components/BarChart';
import { LineChart, type Point } from '../components/LineChart';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

interface Metrics {
  resources: {
    available: boolean;
    reason?: string | null;
    pods: { pod: string; cpuMillicores: number; memoryBytes: number }[];
  };
  traffic: {
    configured: boolean;
    available: boolean;
    reason?: string | null;
    series: Record<string, { labels: Record<string, string>; points: Point[] }[]>;
  };
}

const RANGES = ['15m', '1h', '6h', '1d', '7d'];

const TRAFFIC: Record<string, { title: string; format: (v: number) => string }> = {
  'request-rate': { title: 'Requests per second', format: (v) => `${v.toFixed(2)}/s` },
  'error-rate': { title: 'Errors per second', format: (v) => `${v.toFixed(2)}/s` },
  'latency-p50': { title: 'Latency, median', format: (v) => `${(v * 1000).toFixed(0)} ms` },
  'latency-p99': { title: 'Latency, 99th percentile', format: (v) => `${(v * 1000).toFixed(0)} ms` },
};

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** "pod=hello-1, status=500": a series' labels, or the query's name when it has none. */
function labelOf(labels: Record<string, string>, fallback: string): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return text || fallback;
}

/**
 * CPU and memory per pod (metrics API), requests, errors and latency (Prometheus), and the trace
 * link. What the cluster cannot answer is said plainly, with the gateway's reason.
 */
export function MetricsPanel({ base, app }: { base: string; app: string }) {
  const { api } = useSession();
  const ids = useId();
  const [range, setRange] = useState('1h');
  const metrics = useLoad(() => api.get<Metrics>(`${base}/metrics?range=${range}`), [api, base, range]);
  const trace = useLoad(() => api.get<{ configured: boolean; url?: string | null }>(`${base}/trace`), [api, base]);
  const m = metrics.data;
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Metrics</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${ids}-range`}>Range</label>
          <select id={`${ids}-range`} value={range} onChange={(e) => setRange(e.target.value)}>
            {RANGES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <div className="buttons">
          <button type="button" onClick={metrics.reload} disabled={metrics.loading}>
            Refresh metrics
          </button>
        </div>
      </div>
      <ProblemAlert error={metrics.error} />
      {m && (
        <>
          <h4>CPU and memory</h4>
          {m.resources.available ? (
            m.resources.pods.length === 0 ? (
              <p>No pod reports usage yet.</p>
            ) : (
              <div className="charts">
                <BarChart
                  title="CPU per pod (millicores)"
                  bars={m.resources.pods.map((p) => ({ label: p.pod, value: p.cpuMillicores }))}
                  format={(v) => `${v}m`}
                />
                <BarChart
                  title="Memory per pod"
                  bars={m.resources.pods.map((p) => ({ label: p.pod, value: p.memoryBytes }))}
                  format={formatBytes}
                />
              </div>
            )
          ) : (
            <p className="unavailable">Not available: {m.resources.reason}</p>
          )}
          <h4>Requests, errors and latency</h4>
          {m.traffic.configured && m.traffic.available ? (
            <div className="charts">
              {Object.entries(m.traffic.series).map(([name, series]) => {
                const shown = TRAFFIC[name] ?? { title: name, format: (v: number) => v.toPrecision(3) };
                return series.length === 0 ? (
                  <p key={name}>
                    {shown.title}: no data in this range.
                  </p>
                ) : (
                  <LineChart
                    key={name}
                    title={shown.title}
                    lines={series.map((s) => ({ label: labelOf(s.labels, name), points: s.points }))}
                    format={shown.format}
                  />
                );
              })}
            </div>
          ) : (
            <p className="unavailable">Not available: {m.traffic.reason}</p>
          )}
        </>
      )}
      <h4>Traces</h4>
      <ProblemAlert error={trace.error} />
      {trace.data &&
        (trace.data.configured && trace.data.url ? (
          <p>
            <a href={trace.data.url} target="_blank" rel="noopener noreferrer">
              Traces of {app}
            </a>
          </p>
        ) : (
          <p className="unavailable">Not available: no trace link is configured (slipway.observe.trace.url-template).</p>
        ))}
    </section>
  );
}
