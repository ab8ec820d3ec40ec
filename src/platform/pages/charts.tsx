// Charts drawn on the server as SVG: they work without JavaScript, print well, and always come with a table of
// the same figures (the table is the accessible version; the picture is marked as such).
import type { VNode } from 'preact';
import { Table } from './layout.js';

export interface BarDatum {
  label: string;
  value: number;
  /** What to print instead of the number, e.g. "< 5" for a suppressed small count (the bar is then drawn empty). */
  display?: string;
}

/** Horizontal bars, one per label, with the same data as a table below. */
export function BarChart(props: {
  id: string;
  title: string;
  /** Column heads of the table: [label head, value head]. */
  head: [string, string];
  data: readonly BarDatum[];
  unit?: string;
}): VNode {
  const { data } = props;
  const max = Math.max(1, ...data.filter((d) => d.display === undefined).map((d) => d.value));
  const rowHeight = 28;
  const labelWidth = 180;
  const barArea = 320;
  const height = Math.max(rowHeight, data.length * rowHeight);
  const text = (d: BarDatum) => d.display ?? `${d.value}${props.unit ?? ''}`;
  return (
    <figure class="wk-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption class="utrecht-heading-3" id={`${props.id}-title`}>
        {props.title}
      </figcaption>
      <svg
        class="wk-chart__svg"
        viewBox={`0 0 ${labelWidth + barArea + 70} ${height}`}
        role="img"
        aria-label={props.title}
        focusable="false"
      >
        {data.map((d, i) => {
          const y = i * rowHeight;
          const w = d.display === undefined ? Math.round((d.value / max) * barArea) : 0;
          return (
            <g key={d.label}>
              <text x={labelWidth - 8} y={y + 18} text-anchor="end" class="wk-chart__label">
                {d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}
              </text>
              <rect x={labelWidth} y={y + 5} width={w} height={rowHeight - 10} class="wk-chart__bar" />
              <text x={labelWidth + w + 6} y={y + 18} class="wk-chart__value">
                {text(d)}
              </text>
            </g>
          );
        })}
      </svg>
      <Table
        id={`${props.id}-table`}
        caption={props.title}
        head={props.head}
        rows={data.map((d) => ({ key: d.label, cells: [d.label, text(d)] }))}
      />
    </figure>
  );
}
