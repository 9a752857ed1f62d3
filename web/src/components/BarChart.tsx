/** A horizontal bar chart in inline SVG, with the numbers also as a table for screen readers. */
export function BarChart({
  title,
  bars,
  format,
}: {
  title: string;
  bars: { label: string; value: number }[];
  format: (value: number) => string;
}) {
  const max = Math.max(...bars.map((b) => b.value), 0);
  const rowHeight = 28;
  const labelWidth = 160;
  const width = 560;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${Math.max(bars.length, 1) * rowHeight}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((bar, i) => {
          const barWidth = max > 0 ? ((width - labelWidth - 90) * bar.value) / max : 0;
          const y = i * rowHeight;
          return (
            <g key={bar.label + i}>
              <text x={labelWidth - 8} y={y + 18} textAnchor="end" className="chart-label">
                {bar.label}
              </text>
              <rect x={labelWidth} y={y + 5} width={barWidth} height={rowHeight - 10} className="chart-bar" />
              <text x={labelWidth + barWidth + 6} y={y + 18} className="chart-value">
                {format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
      <table className="sr-only">
        <tbody>
          {bars.map((bar, i) => (
            <tr key={i}>
              <th scope="row">{bar.label}</th>
              <td>{format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
