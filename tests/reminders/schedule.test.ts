import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWeekIndex, nextRun, type WeeklyRule } from '../../src/reminders/schedule.js';

// A subset of the IANA zones, with DST in both hemispheres, half-hour offsets and none.
const ZONES = [
  'Europe/Amsterdam', 'Europe/London', 'America/New_York', 'America/Sao_Paulo', 'Australia/Sydney',
  'Australia/Lord_Howe', 'Pacific/Auckland', 'Asia/Kolkata', 'Asia/Tokyo', 'America/Santiago',
  'Africa/Casablanca', 'America/St_Johns', 'Asia/Tehran', 'Pacific/Chatham', 'UTC',
].filter((z) => Intl.supportedValuesOf('timeZone').includes(z) || z === 'UTC');

const ruleArb = fc.record({
  weekday: fc.integer({ min: 1, max: 7 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  zone: fc.constantFrom(...ZONES),
});
// 2015–2040, to the minute.
const instantArb = fc.integer({ min: Date.UTC(2015, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));

const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone });
/** Does rule's wall time exist on that local date? */
const exists = (rule: WeeklyRule, at: DateTime) => {
  const dt = DateTime.fromObject({ year: at.year, month: at.month, day: at.day, hour: rule.hour, minute: rule.minute }, { zone: rule.zone });
  return dt.hour === rule.hour && dt.minute === rule.minute;
};

describe('weekly schedule (properties)', () => {
  it('next run is in the future, within a week, on the weekday, at the local time or the first valid minute after a gap', () => {
    fc.assert(
      fc.property(ruleArb, instantArb, (rule, now) => {
        const next = nextRun(rule, now);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
        const l = local(next, rule.zone);
        if (exists(rule, l)) {
          expect(l.weekday).toBe(rule.weekday);
          expect([l.hour, l.minute]).toEqual([rule.hour, rule.minute]);
        } else {
          // In a gap: the first valid minute after it, which is later on the same day or just after.
          const minute = l.minus({ minutes: 1 });
          expect(l.toFormat('HH:mm') > `${String(rule.hour).padStart(2, '0')}:${String(rule.minute).padStart(2, '0')}` || l.weekday !== rule.weekday).toBe(true);
          // One real minute earlier the local clock read before the requested time (the jump).
          expect(minute.offset).not.toBe(l.offset);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('the next run after a run is a week later in local time, across DST both ways', () => {
    fc.assert(
      fc.property(ruleArb, instantArb, (rule, now) => {
        const first = nextRun(rule, now);
        const second = nextRun(rule, first);
        const a = local(first, rule.zone);
        const b = local(second, rule.zone);
        const aExact = exists(rule, a);
        const bExact = exists(rule, b);
        if (aExact && bExact) {
          expect(b.toISODate()).toBe(a.plus({ days: 7 }).toISODate());
          expect(b.toFormat('HH:mm')).toBe(a.toFormat('HH:mm'));
        }
        // Whatever the offsets, between 6 and 8 days of real time.
        const days = (second.getTime() - first.getTime()) / 86_400_000;
        expect(days).toBeGreaterThan(6);
        expect(days).toBeLessThan(8);
      }),
      { numRuns: 600 },
    );
  });

  it('an ambiguous local time runs once', () => {
    fc.assert(
      fc.property(ruleArb, instantArb, (rule, now) => {
        // Consecutive runs over five weeks are distinct weeks: never twice in one local week.
        let at = now;
        const weeks = new Set<number>();
        for (let i = 0; i < 5; i += 1) {
          at = nextRun(rule, at);
          weeks.add(isoWeekIndex(at, rule.zone) * 10 + local(at, rule.zone).weekday);
        }
        expect(weeks.size).toBe(5);
      }),
      { numRuns: 300 },
    );
  });
});

describe('weekly schedule (examples)', () => {
  const thursday = { weekday: 4, hour: 14, minute: 0, zone: 'Europe/Amsterdam' };
  it('Thursday 14:00 Amsterdam is 14:00 local in summer and winter', () => {
    const summer = nextRun(thursday, new Date('2025-07-01T00:00:00Z'));
    const winter = nextRun(thursday, new Date('2025-12-01T00:00:00Z'));
    expect(summer.toISOString()).toBe('2025-07-03T12:00:00.000Z');
    expect(winter.toISOString()).toBe('2025-12-04T13:00:00.000Z');
  });
  it('runs a week apart across the October change', () => {
    const before = nextRun(thursday, new Date('2025-10-20T00:00:00Z'));
    expect(before.toISOString()).toBe('2025-10-23T12:00:00.000Z');
    expect(nextRun(thursday, before).toISOString()).toBe('2025-10-30T13:00:00.000Z');
  });
  it('02:30 on the last Sunday of March runs at 03:00, the first valid minute', () => {
    const rule = { weekday: 7, hour: 2, minute: 30, zone: 'Europe/Amsterdam' };
    const at = nextRun(rule, new Date('2025-03-25T00:00:00Z'));
    expect(local(at, rule.zone).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-03-30 03:00');
    expect(local(nextRun(rule, at), rule.zone).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-04-06 02:30');
  });
  it('02:30 on the last Sunday of October runs once, at the first of the two', () => {
    const rule = { weekday: 7, hour: 2, minute: 30, zone: 'Europe/Amsterdam' };
    const at = nextRun(rule, new Date('2025-10-20T00:00:00Z'));
    expect(at.toISOString()).toBe('2025-10-26T00:30:00.000Z'); // 02:30 CEST
    expect(nextRun(rule, at).toISOString()).toBe('2025-11-02T01:30:00.000Z');
  });
});
