/** The reflection trend, alone: per question its weekly averages, direction, point of attention; the recap; the chart. */
import { describe, expect, it } from 'vitest';
import { chartDataOf, chartPath, chartSvg, parseChartQuery, TREND_CHART_PATH } from '../../src/reminders/chart.js';
import { isRecapWeek, recapOf, trendOf } from '../../src/reminders/trend.js';

const week = (n: number) => new Date(Date.UTC(2025, 5, 5 + 7 * n, 12));
const row = (n: number, promptId: string, average: number, ratings = 4) => ({ occurrence: week(n), promptId, average, ratings, notes: 0 });

describe('trendOf', () => {
  it('gives each question its averages oldest first, in the prompts file order, and the direction of the last change', () => {
    const trends = trendOf([row(3, 'goals', 4), row(0, 'roles', 2.5), row(1, 'roles', 3.25), row(0, 'goals', 4.25), row(2, 'trust', 4)], ['roles', 'goals', 'trust']);
    expect(trends.map((t) => t.promptId)).toEqual(['roles', 'goals', 'trust']);
    expect(trends[0].points.map((p) => p.average)).toEqual([2.5, 3.25]);
    expect(trends[0].direction).toBe('up');
    expect(trends[1].direction).toBe('steady');
    expect(trends[2].direction).toBe('once');
    expect(trendOf([row(0, 'roles', 4), row(1, 'roles', 3)], ['roles'])[0].direction).toBe('down');
  });

  it('names a point of attention only after two low occurrences in a row', () => {
    expect(trendOf([row(0, 'roles', 2)], ['roles'])[0].attention).toBe(false);
    expect(trendOf([row(0, 'roles', 2), row(3, 'roles', 2.9)], ['roles'])[0].attention).toBe(true);
    expect(trendOf([row(0, 'roles', 2), row(3, 'roles', 3)], ['roles'])[0].attention).toBe(false);
    // Low, then good, then low: not two in a row.
    expect(trendOf([row(0, 'roles', 2), row(1, 'roles', 4), row(2, 'roles', 2)], ['roles'])[0].attention).toBe(false);
  });

  it('leaves out occurrences with notes only', () => {
    expect(trendOf([{ occurrence: week(0), promptId: 'roles', ratings: 0, notes: 2 }], ['roles'])).toEqual([]);
  });
});

describe('the recap', () => {
  it('comes every fourth week and sorts questions into went well and needs attention', () => {
    expect([0, 1, 2, 3, 4, 8, -4].map(isRecapWeek)).toEqual([true, false, false, false, true, true, true]);
    const trends = trendOf([row(0, 'roles', 4.5), row(0, 'goals', 3.5), row(0, 'trust', 2), row(1, 'trust', 2.5)], ['roles', 'goals', 'trust']);
    expect(recapOf(trends)).toEqual({ wentWell: ['roles'], needsAttention: ['trust'] });
  });
});

describe('the chart', () => {
  it('carries only weeks, question ids and averages in its URL, and draws them back', () => {
    const trends = trendOf([row(0, 'roles', 2.5), row(1, 'roles', 3.333), row(1, 'goals', 4)], ['roles', 'goals']);
    const path = chartPath(chartDataOf(trends));
    expect(path.startsWith(`${TREND_CHART_PATH}?`)).toBe(true);
    const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
    expect(query).toEqual({ w: '2025-06-05,2025-06-12', s: 'roles:2.5,3.3;goals:-,4' });
    const data = parseChartQuery(query)!;
    expect(data.series).toEqual([
      { id: 'roles', values: [2.5, 3.3] },
      { id: 'goals', values: [null, 4] },
    ]);
    const svg = chartSvg(data);
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('>roles</text>');
  });

  it('refuses what is not a chart', () => {
    for (const q of [{}, { w: 'x', s: 'roles:1' }, { w: '2025-06-05', s: 'roles:9' }, { w: '2025-06-05', s: '<script>:1' }, { w: '2025-06-05,2025-06-12', s: 'roles:1' }]) {
      expect(parseChartQuery(q), JSON.stringify(q)).toBeUndefined();
    }
  });
});
