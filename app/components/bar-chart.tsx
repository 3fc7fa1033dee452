import { Link } from "@remix-run/react";

export interface Bar {
  label: string;
  value: number;
  /** Shown as a marker line when the bar has a target. */
  target?: number;
  valueText: string;
  href?: string;
}

/**
 * A horizontal bar chart drawn as SVG on the server, so it shows without
 * JavaScript. Each bar's label is a link to the entries behind it (when
 * given), and the figures are in the text too, for screen readers.
 */
export function BarChart({ title, bars, id }: { title: string; bars: Bar[]; id: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const rowHeight = 30;
  const labelWidth = 230;
  const chartWidth = 520;
  const valueWidth = 270;
  const width = labelWidth + chartWidth + valueWidth;
  const height = bars.length * rowHeight + 10;
  const scale = (v: number) => Math.max(0, (v / max) * chartWidth);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {/* With links inside, the chart is a group of links, not one image. */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role={bars.some((bar) => bar.href) ? "group" : "img"}
        aria-labelledby={`${id}-title`}
        className="chart-svg"
      >
        {bars.map((bar, i) => {
          const y = i * rowHeight + 5;
          const label = (
            <text x={labelWidth - 8} y={y + 18} textAnchor="end" className="chart-label">
              {bar.label}
            </text>
          );
          return (
            <g key={bar.label}>
              {bar.href ? <Link to={bar.href}>{label}</Link> : label}
              <rect
                x={labelWidth}
                y={y + 4}
                width={chartWidth}
                height={18}
                className="chart-track"
              />
              <rect
                x={labelWidth}
                y={y + 4}
                width={scale(bar.value)}
                height={18}
                className="chart-bar"
              />
              {bar.target ? (
                <line
                  x1={labelWidth + scale(bar.target)}
                  x2={labelWidth + scale(bar.target)}
                  y1={y}
                  y2={y + 26}
                  className="chart-target"
                />
              ) : null}
              <text x={labelWidth + chartWidth + 8} y={y + 18} className="chart-value">
                {bar.valueText}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
