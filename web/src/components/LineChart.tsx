export interface Point {
  time: number;
  value: number | null;
}

export interface Line {
  label: string;
  points: Point[];
}

/**
 * Lines over time in inline SVG (no chart library, no inline styles: the CSP allows none), with
 * each line's latest, lowest and highest value as a table for screen readers.
 */
export function LineChart({ title, lines, format }: { title: string; lines: Line[]; format: (value: number) => string }) {
  const width = 560;
  const height = 160;
  const pad = 4;
  const all = lines.flatMap((l) => l.points);
  const values = all.map((p) => p.value).filter((v): v is number => v !== null);
  const times = all.map((p) => p.time);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const top = Math.max(...values, 0);
  const x = (t: number) => pad + ((t - t0) / (t1 - t0 || 1)) * (width - 2 * pad);
  const y = (v: number) => height - pad - (v / (top || 1)) * (height - 2 * pad);
  const summary = (points: Point[]) => {
    const known = points.map((p) => p.value).filter((v): v is number => v !== null);
    return known.length === 0
      ? { last: '—', min: '—', max: '—' }
      : { last: format(known[known.length - 1]), min: format(Math.min(...known)), max: format(Math.max(...known)) };
  };
  return (
    <figure className="chart">
      <svg role="img" aria-label={`${title}: up to ${format(top)}`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="none">
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} className="chart-axis" />
        {lines.map((line, i) => (
          <path key={line.label + i} d={pathOf(line.points, x, y)} className={`chart-line chart-line-${i % 4}`} />
        ))}
      </svg>
      <figcaption>
        {title} (up to {format(top)})
        {lines.length > 1 && (
          <span className="legend">
            {lines.map((l, i) => (
              <span key={i} className={`legend-${i % 4}`}>
                {' '}
                ■ {l.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      <table className="sr-only">
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Latest</th>
            <th scope="col">Lowest</th>
            <th scope="col">Highest</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const s = summary(l.points);
            return (
              <tr key={i}>
                <th scope="row">{l.label}</th>
                <td>{s.last}</td>
                <td>{s.min}</td>
                <td>{s.max}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}

/** An SVG path through the points; a null value (Prometheus' NaN) breaks the line. */
export function pathOf(points: Point[], x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (p.value === null) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)} `;
    drawing = true;
  }
  return d.trim();
}
