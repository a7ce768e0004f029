/**
 * The reflection trend's chart image (src/reminders/chart.ts) at TREND_CHART_PATH: drawn from
 * the data in its URL (weeks, question ids, averages; no person, client or channel), so it
 * needs no login and no database, and any instance draws the same image. Malformed data is a 400.
 */
import type { RequestHandler } from 'express';
import { chartSvg, parseChartQuery } from '../reminders/chart.js';

export const trendChart: RequestHandler = (req, res) => {
  const data = parseChartQuery(req.query);
  if (!data) return void res.status(400).json({ error: 'bad_chart' });
  res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(chartSvg(data));
};
