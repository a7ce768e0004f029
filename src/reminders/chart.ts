/**
 * The trend as a small line chart (SVG): one line per question, the weeks along, the 1–5
 * scale up. The chart's URL carries its data (weeks, question ids, averages; nothing about
 * a person, a client or a channel), so any instance draws it without reading the database
 * and the image shows no more than the trend's text already says.
 */
import { z } from 'zod';
import type { PromptTrend } from './trend.js';

/** Where the server draws it (src/server/index.ts). */
export const TREND_CHART_PATH = '/charts/reflection-trend.svg';

const MAX_WEEKS = 12;
const MAX_SERIES = 12;
const SIZE = { width: 560, height: 260, left: 40, right: 150, top: 16, bottom: 36 } as const;
/** Colour-blind-safe (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export interface ChartData {
  /** The weeks, oldest first, as dates (YYYY-MM-DD). */
  weeks: string[];
  series: Array<{ id: string; values: Array<number | null> }>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The chart data of a trend: every week any question has a rating, and each question's average there. */
export function chartDataOf(trends: readonly PromptTrend[]): ChartData {
  const weeks = [...new Set(trends.flatMap((t) => t.points.map((p) => day(p.occurrence))))].sort().slice(-MAX_WEEKS);
  const series = trends.slice(0, MAX_SERIES).map((t) => {
    const at = new Map(t.points.map((p) => [day(p.occurrence), p.average]));
    return { id: t.promptId, values: weeks.map((w) => (at.has(w) ? Math.round(at.get(w)! * 10) / 10 : null)) };
  });
  return { weeks, series };
}

/** The chart's path with its data: `…svg?w=2025-06-05,2025-06-12&s=roles:3.5,2;goals:-,4`. */
export function chartPath(data: ChartData): string {
  const s = data.series.map((x) => `${x.id}:${x.values.map((v) => (v === null ? '-' : String(v))).join(',')}`).join(';');
  return `${TREND_CHART_PATH}?${new URLSearchParams({ w: data.weeks.join(','), s }).toString()}`;
}

const Week = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Value = z.union([z.literal('-').transform(() => null), z.coerce.number().min(1).max(5)]);
const Query = z.object({ w: z.string().max(MAX_WEEKS * 11), s: z.string().max(MAX_SERIES * (40 + MAX_WEEKS * 4)) });

/** The chart data of a request's query; undefined when it is not a chart's. */
export function parseChartQuery(query: unknown): ChartData | undefined {
  const q = Query.safeParse(query);
  if (!q.success) return undefined;
  const weeks = q.data.w.split(',');
  if (weeks.length === 0 || weeks.length > MAX_WEEKS || !weeks.every((w) => Week.safeParse(w).success)) return undefined;
  const series: ChartData['series'] = [];
  for (const part of q.data.s.split(';').slice(0, MAX_SERIES + 1)) {
    const m = /^([a-z0-9-]{1,40}):(.*)$/.exec(part);
    if (!m) return undefined;
    const values = m[2].split(',').map((v) => Value.safeParse(v));
    if (values.length !== weeks.length || !values.every((v) => v.success)) return undefined;
    series.push({ id: m[1], values: values.map((v) => (v.success ? v.data : null)) });
  }
  return series.length > MAX_SERIES ? undefined : { weeks, series };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The SVG of the chart. */
export function chartSvg(data: ChartData): string {
  const { width, height, left, right, top, bottom } = SIZE;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (data.weeks.length === 1 ? plotW / 2 : (i * plotW) / (data.weeks.length - 1));
  const y = (v: number) => top + ((5 - v) * plotH) / 4;
  const parts: string[] = [];
  for (let v = 1; v <= 5; v += 1) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 3 ? '#999' : '#e3e3e3'}"${v === 3 ? ' stroke-dasharray="4 3"' : ''}/>`);
    parts.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  data.weeks.forEach((w, i) => {
    parts.push(`<text x="${x(i)}" y="${height - 12}" text-anchor="middle">${esc(w.slice(5))}</text>`);
  });
  data.series.forEach((s, n) => {
    const colour = COLOURS[n % COLOURS.length];
    const points = s.values.flatMap((v, i) => (v === null ? [] : [[x(i), y(v)] as const]));
    if (points.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([a, b]) => `${a},${b}`).join(' ')}"/>`);
    for (const [a, b] of points) parts.push(`<circle cx="${a}" cy="${b}" r="3.5" fill="${colour}"/>`);
    const ly = top + 8 + n * 18;
    parts.push(`<rect x="${width - right + 14}" y="${ly - 8}" width="10" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${width - right + 30}" y="${ly + 1}">${esc(s.id)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" fill="#333">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
