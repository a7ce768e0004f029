/**
 * The trend of a team's reflection answers, pure: per question, its average per occurrence
 * (one a week) over the last weeks, the direction of its last change, and whether it is a
 * point of attention. The tuned constants are here, with their reasons.
 */
import type { OccurrenceAverage } from './answers.js';

/** How far back the trend looks: two months of weekly moments. */
export const TREND_WEEKS = 8;
/** An average below this is low: the middle of the 1–5 scale, "so-so". */
export const ATTENTION_BELOW = 3;
/** Low this many times in a row (the question's last occurrences) makes a point of attention: once can be a bad week. */
export const ATTENTION_RUN = 2;
/** A change of at least this much between two occurrences is a direction; less is steady (one person of four moving one step is 0.25). */
export const DIRECTION_STEP = 0.5;
/** A question whose latest average is at least this went well, for the recap. */
export const WENT_WELL_FROM = 4;
/** A recap every this many weeks (by ISO week of the occurrence): monthly, without a calendar month's uneven length. */
export const RECAP_EVERY_WEEKS = 4;

export type Direction = 'up' | 'down' | 'steady' | 'once';

export interface WeekPoint {
  occurrence: Date;
  average: number;
  count: number;
}

export interface PromptTrend {
  promptId: string;
  /** Oldest first; only occurrences with ratings. */
  points: WeekPoint[];
  latest: number;
  direction: Direction;
  /** The last ATTENTION_RUN occurrences all averaged below ATTENTION_BELOW. */
  attention: boolean;
}

/** The start of the trend's window: TREND_WEEKS before now. */
export function trendSince(now: Date): Date {
  return new Date(now.getTime() - TREND_WEEKS * 7 * 86_400_000);
}

/**
 * The trend of each question with ratings, in the order of `promptOrder` (the prompts file's),
 * questions not in it last. Rows of notes without ratings are left out.
 */
export function trendOf(rows: readonly OccurrenceAverage[], promptOrder: readonly string[]): PromptTrend[] {
  const byPrompt = new Map<string, WeekPoint[]>();
  for (const r of rows) {
    if (r.average === undefined || r.ratings === 0) continue;
    const points = byPrompt.get(r.promptId) ?? [];
    points.push({ occurrence: r.occurrence, average: r.average, count: r.ratings });
    byPrompt.set(r.promptId, points);
  }
  const rank = (id: string) => {
    const i = promptOrder.indexOf(id);
    return i < 0 ? promptOrder.length : i;
  };
  return [...byPrompt.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([promptId, unsorted]) => {
      const points = unsorted.sort((a, b) => a.occurrence.getTime() - b.occurrence.getTime());
      const latest = points[points.length - 1].average;
      const previous = points.length > 1 ? points[points.length - 2].average : undefined;
      const change = previous === undefined ? undefined : latest - previous;
      const direction: Direction =
        change === undefined ? 'once' : change >= DIRECTION_STEP ? 'up' : change <= -DIRECTION_STEP ? 'down' : 'steady';
      const run = points.slice(-ATTENTION_RUN);
      const attention = run.length === ATTENTION_RUN && run.every((p) => p.average < ATTENTION_BELOW);
      return { promptId, points, latest, direction, attention };
    });
}

/** Whether an occurrence's week is a recap week. */
export function isRecapWeek(weekIndex: number): boolean {
  return ((weekIndex % RECAP_EVERY_WEEKS) + RECAP_EVERY_WEEKS) % RECAP_EVERY_WEEKS === 0;
}

/** What went well and what needs attention, for the recap: by the latest average of each question. */
export function recapOf(trends: readonly PromptTrend[]): { wentWell: string[]; needsAttention: string[] } {
  return {
    wentWell: trends.filter((t) => t.latest >= WENT_WELL_FROM).map((t) => t.promptId),
    needsAttention: trends.filter((t) => t.attention || t.latest < ATTENTION_BELOW).map((t) => t.promptId),
  };
}
