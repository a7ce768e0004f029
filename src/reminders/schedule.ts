/**
 * Weekly schedule computation, time-zone correct with luxon. A rule is a weekday, a local
 * time and an IANA zone; its occurrences are that weekday at that wall-clock time in that
 * zone. A wall-clock time that does not exist on a day (the spring-forward gap) runs at the
 * first valid minute after it; one that occurs twice (fall back) runs once, at the first.
 */
import { DateTime, IANAZone } from 'luxon';

export interface WeeklyRule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
  /** IANA time zone, e.g. Europe/Amsterdam. */
  zone: string;
}

export const DEFAULT_ZONE = 'Europe/Amsterdam';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The occurrence of rule on one local calendar date (its weekday is not checked). */
export function occurrenceOn(rule: WeeklyRule, date: { year: number; month: number; day: number }): DateTime {
  const wanted = { ...date, hour: rule.hour, minute: rule.minute, second: 0, millisecond: 0 };
  const dt = DateTime.fromObject(wanted, { zone: rule.zone });
  if (dt.hour === rule.hour && dt.minute === rule.minute) return earliestSameWallTime(dt);
  // The wall-clock time falls in a gap: luxon moved it forward by the gap. The first valid
  // minute after it is the moment of the transition: find it by bisection on the offset.
  const after = dt.offset;
  let lo = dt.toMillis() - 48 * 3_600_000;
  let hi = dt.toMillis();
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: rule.zone }).offset;
  if (offsetAt(lo) === after) return dt; // no transition found: keep luxon's answer
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (mid <= lo || mid >= hi) break;
    if (offsetAt(mid) === after) hi = mid;
    else lo = mid;
  }
  return DateTime.fromMillis(hi, { zone: rule.zone }).startOf('minute');
}

/** For a wall time that occurs twice (fall back), the earlier of its instants. */
function earliestSameWallTime(dt: DateTime): DateTime {
  let best = dt;
  for (let k = 1; k <= 6; k += 1) {
    const earlier = DateTime.fromMillis(dt.toMillis() - k * 30 * 60_000, { zone: dt.zone });
    if (earlier.toFormat('yyyy-MM-dd HH:mm') === dt.toFormat('yyyy-MM-dd HH:mm')) best = earlier;
  }
  return best;
}

/** The first occurrence of rule strictly after `after`. */
export function nextRun(rule: WeeklyRule, after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone: rule.zone });
  // Start a day early: a gap-shifted occurrence can fall on the next local day.
  for (let d = -1; d <= 8; d += 1) {
    const day = local.startOf('day').plus({ days: d });
    if (day.weekday !== rule.weekday) continue;
    const occurrence = occurrenceOn(rule, { year: day.year, month: day.month, day: day.day });
    if (occurrence.toMillis() > after.getTime()) return occurrence.toJSDate();
  }
  throw new Error(`No occurrence of ${JSON.stringify(rule)} within a week after ${after.toISOString()}`);
}

/** The next occurrence after `previous` (an earlier occurrence): a week later in local time. */
export function followingRun(rule: WeeklyRule, previous: Date): Date {
  return nextRun(rule, previous);
}

/** A continuous ISO-week counter (weeks since the Monday of 1970-01-05) of an instant in a zone. */
export function isoWeekIndex(at: Date, zone: string): number {
  const monday = DateTime.fromJSDate(at, { zone }).startOf('week'); // luxon weeks start on Monday (ISO)
  const epoch = DateTime.fromObject({ year: 1970, month: 1, day: 5 }, { zone: 'UTC' });
  const mondayUtc = DateTime.fromObject({ year: monday.year, month: monday.month, day: monday.day }, { zone: 'UTC' });
  return Math.round(mondayUtc.diff(epoch, 'days').days / 7);
}

export function formatRule(rule: WeeklyRule): string {
  return `${String(rule.hour).padStart(2, '0')}:${String(rule.minute).padStart(2, '0')} ${rule.zone}`;
}
