// The two pictures of an assessment over time, drawn on the server as SVG: the Positieve Gezondheid spider web
// (radar) and the ZRM domain bars, one colour per moment. Like the platform's BarChart, the picture is marked as
// an image and the same figures follow as a table, which is what screen readers and print use.
import type { VNode } from 'preact';
import { Table } from '../../../platform/pages/layout.js';

export interface ChartItem {
  code: string;
  label: string;
}

/** One assessment: its label in the legend and table head, and a score per item code. */
export interface ChartSeries {
  label: string;
  values: Readonly<Record<string, number>>;
  /** Items the resident marked "hier wil ik over praten". */
  marked?: readonly string[];
}

interface ChartProps {
  id: string;
  title: string;
  hint: string;
  items: readonly ChartItem[];
  series: readonly ChartSeries[];
  min: number;
  max: number;
  /** Head of the first column, e.g. "Leefgebied". */
  itemHead: string;
  changeHead: string;
  notScored: string;
  legend: string;
}

/** The series are told apart by colour and dash pattern; four is the most a chart shows. */
export const MAX_SERIES = 4;

const short = (label: string, n = 24) => (label.length > n ? `${label.slice(0, n - 1)}…` : label);

function Legend(props: { title: string; series: readonly ChartSeries[] }) {
  return (
    <ul class="wk-cw-legend" aria-label={props.title}>
      {props.series.map((s, i) => (
        <li class="wk-cw-legend__item" key={s.label}>
          <svg class="wk-cw-legend__swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
            <rect x="0" y="1" width="24" height="10" class={`wk-cw-s${i}`} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The same figures as a table: one column per assessment and the change from the first to the latest. */
function ChartTable(props: ChartProps) {
  const { series, items } = props;
  const cell = (s: ChartSeries, code: string) => {
    const v = s.values[code];
    if (v === undefined) return props.notScored;
    return s.marked?.includes(code) ? `${v} *` : String(v);
  };
  const change = (code: string) => {
    const scored = series.filter((s) => s.values[code] !== undefined);
    if (scored.length < 2) return '–';
    const d = scored[scored.length - 1]!.values[code]! - scored[0]!.values[code]!;
    return d > 0 ? `+${d}` : String(d);
  };
  return (
    <Table
      id={`${props.id}-table`}
      caption={props.title}
      head={[props.itemHead, ...series.map((s) => s.label), props.changeHead]}
      rows={items.map((item) => ({
        key: item.code,
        cells: [item.label, ...series.map((s) => cell(s, item.code)), change(item.code)],
      }))}
    />
  );
}

function ChartFigure(props: ChartProps & { svg: VNode }) {
  return (
    <figure class="wk-chart wk-cw-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption class="utrecht-heading-3" id={`${props.id}-title`}>
        {props.title}
      </figcaption>
      <p class="utrecht-paragraph">{props.hint}</p>
      {props.svg}
      <Legend title={props.legend} series={props.series} />
      <ChartTable {...props} />
    </figure>
  );
}

/** ZRM: per life domain one bar per assessment, on the scale min–max (1–5); longer is more self-sufficient. */
export function DomainBars(props: ChartProps): VNode {
  const { items, series, min, max } = props;
  const bar = 12;
  const gap = 10;
  const labelWidth = 190;
  const area = 300;
  const group = series.length * bar + gap;
  const top = 22;
  const height = top + items.length * group;
  // A score of min still gets a short bar, so "1" is visible and differs from "not scored".
  const width = (v: number) => Math.round(((v - min + 1) / (max - min + 1)) * area);
  const ticks = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <ChartFigure
      {...props}
      svg={
        <svg
          class="wk-chart__svg wk-cw-bars"
          viewBox={`0 0 ${labelWidth + area + 40} ${height}`}
          role="img"
          aria-label={props.title}
          focusable="false"
        >
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={labelWidth + width(t)}
                x2={labelWidth + width(t)}
                y1={top - 4}
                y2={height}
                class="wk-cw-grid"
              />
              <text x={labelWidth + width(t)} y={12} text-anchor="middle" class="wk-chart__value">
                {t}
              </text>
            </g>
          ))}
          {items.map((item, i) => {
            const y = top + i * group;
            return (
              <g key={item.code}>
                <text
                  x={labelWidth - 8}
                  y={y + (series.length * bar) / 2 + 4}
                  text-anchor="end"
                  class="wk-chart__label"
                >
                  {short(item.label)}
                </text>
                {series.map((s, j) => {
                  const v = s.values[item.code];
                  return v === undefined ? null : (
                    <rect
                      key={s.label}
                      x={labelWidth}
                      y={y + j * bar}
                      width={width(v)}
                      height={bar - 2}
                      class={`wk-cw-s${j}`}
                    />
                  );
                })}
              </g>
            );
          })}
        </svg>
      }
    />
  );
}

/** Positieve Gezondheid: the spider web, one axis per dimension from min (centre) to max; one shape per assessment. */
export function RadarChart(props: ChartProps): VNode {
  const { items, series, min, max } = props;
  // Wide enough for the dimension names left and right of the web.
  const width = 600;
  const height = 400;
  const cx = width / 2;
  const cy = height / 2;
  const r = 140;
  const n = items.length;
  const angle = (i: number) => -Math.PI / 2 + (i * 2 * Math.PI) / n;
  const at = (i: number, v: number) => {
    const d = ((v - min) / (max - min)) * r;
    return [cx + d * Math.cos(angle(i)), cy + d * Math.sin(angle(i))] as const;
  };
  const fmt = (p: readonly [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`;
  const rings = [0.2, 0.4, 0.6, 0.8, 1].map((f) => min + f * (max - min));
  const latest = series[series.length - 1];
  return (
    <ChartFigure
      {...props}
      svg={
        <svg
          class="wk-chart__svg wk-cw-radar"
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={props.title}
          focusable="false"
        >
          {rings.map((v) => (
            <polygon
              key={v}
              points={items.map((_, i) => fmt(at(i, v))).join(' ')}
              class="wk-cw-grid wk-cw-ring"
            />
          ))}
          {items.map((item, i) => {
            const end = at(i, max);
            const label = at(i, max + (max - min) * 0.1);
            const cos = Math.cos(angle(i));
            const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
            const marked = latest?.marked?.includes(item.code);
            return (
              <g key={item.code}>
                <line x1={cx} y1={cy} x2={end[0]} y2={end[1]} class="wk-cw-grid" />
                <text x={label[0]} y={label[1] + 4} text-anchor={anchor} class="wk-chart__label">
                  {`${short(item.label, 22)}${marked ? ' *' : ''}`}
                </text>
              </g>
            );
          })}
          <text x={cx + 4} y={cy - r * 0.2 - 2} class="wk-chart__value">
            {String(Math.round(rings[0]!))}
          </text>
          <text x={cx + 4} y={cy - r - 2} class="wk-chart__value">
            {String(max)}
          </text>
          {series.map((s, j) => {
            const points = items
              .map((item, i) => (s.values[item.code] === undefined ? null : at(i, s.values[item.code]!)))
              .filter((p): p is readonly [number, number] => p !== null);
            return (
              <g key={s.label} class={`wk-cw-s${j}`}>
                <polygon points={points.map(fmt).join(' ')} class="wk-cw-shape" />
                {points.map((p, k) => (
                  <circle key={k} cx={p[0]} cy={p[1]} r={4} />
                ))}
              </g>
            );
          })}
        </svg>
      }
    />
  );
}
