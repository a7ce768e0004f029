/**
 * The /reflect command's text, platform-neutral: `weekly DAY HH:MM [TIME_ZONE]` (Dutch and
 * English day names), list, pause, resume, stop, now, trend, export, help. Bad input becomes an error
 * value the texts turn into a clear message with an example.
 */
import { IANAZone } from 'luxon';
import { DEFAULT_ZONE, type WeeklyRule } from './schedule.js';

export type ReflectCommand =
  | { kind: 'weekly'; rule: WeeklyRule }
  | { kind: 'list' | 'pause' | 'resume' | 'stop' | 'now' | 'help' | 'trend' | 'export' }
  | { kind: 'error'; error: ReflectError };

export type ReflectError =
  | { code: 'missing-day' }
  | { code: 'unknown-day'; value: string }
  | { code: 'missing-time' }
  | { code: 'bad-time'; value: string }
  | { code: 'unknown-zone'; value: string }
  | { code: 'too-many'; value: string }
  | { code: 'unknown-subcommand'; value: string };

const DAYS: Record<string, number> = {};
const addDay = (n: number, ...names: string[]) => {
  for (const name of names) DAYS[name] = n;
};
addDay(1, 'monday', 'mon', 'maandag', 'ma', 'maandags');
addDay(2, 'tuesday', 'tue', 'tues', 'dinsdag', 'di', 'dinsdags');
addDay(3, 'wednesday', 'wed', 'woensdag', 'wo', 'woensdags');
addDay(4, 'thursday', 'thu', 'thur', 'thurs', 'donderdag', 'do', 'donderdags');
addDay(5, 'friday', 'fri', 'vrijdag', 'vr', 'vrijdags');
addDay(6, 'saturday', 'sat', 'zaterdag', 'za', 'zaterdags');
addDay(7, 'sunday', 'sun', 'zondag', 'zo', 'zondags');

const SUBCOMMANDS: Record<string, Exclude<ReflectCommand['kind'], 'weekly' | 'error'>> = {
  list: 'list',
  lijst: 'list',
  pause: 'pause',
  pauze: 'pause',
  pauzeer: 'pause',
  resume: 'resume',
  hervat: 'resume',
  stop: 'stop',
  now: 'now',
  nu: 'now',
  help: 'help',
  trend: 'trend',
  export: 'export',
  exporteer: 'export',
  '': 'help',
};

export function parseDay(text: string): number | undefined {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  // Own keys only: "constructor" or "__proto__" is not a day.
  return Object.hasOwn(DAYS, name) ? DAYS[name] : undefined;
}

/** 14:00, 9:30, 14.00, 14u, 14 → hour and minute; undefined when impossible. */
export function parseTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?u?$/i.exec(text.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

let zonesByLowerCase: Map<string, string> | undefined;

/** The canonical IANA name (case-insensitive), or undefined when unknown. */
export function parseZone(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const known = zonesByLowerCase.get(t.toLowerCase());
  if (known) return known;
  // Zones such as UTC or Etc/GMT+1 that supportedValuesOf leaves out but luxon knows.
  return t.includes('/') || /^utc$/i.test(t) ? (IANAZone.isValidZone(t) ? t : undefined) : undefined;
}

export function parseReflect(text: string, defaultZone: string = DEFAULT_ZONE): ReflectCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = (words[0] ?? '').toLowerCase();
  if (first === 'weekly' || first === 'wekelijks') {
    const [, day, time, zone, ...rest] = words;
    if (!day) return { kind: 'error', error: { code: 'missing-day' } };
    const weekday = parseDay(day);
    if (weekday === undefined) return { kind: 'error', error: { code: 'unknown-day', value: day } };
    if (!time) return { kind: 'error', error: { code: 'missing-time' } };
    const t = parseTime(time);
    if (!t) return { kind: 'error', error: { code: 'bad-time', value: time } };
    let resolvedZone = defaultZone;
    if (zone) {
      const z = parseZone(zone);
      if (!z) return { kind: 'error', error: { code: 'unknown-zone', value: zone } };
      resolvedZone = z;
    }
    if (rest.length) return { kind: 'error', error: { code: 'too-many', value: rest.join(' ') } };
    return { kind: 'weekly', rule: { weekday, ...t, zone: resolvedZone } };
  }
  const sub = Object.hasOwn(SUBCOMMANDS, first) ? SUBCOMMANDS[first] : undefined;
  if (sub && words.length <= 1) return { kind: sub };
  return { kind: 'error', error: { code: 'unknown-subcommand', value: words.join(' ') } };
}
