import { describe, expect, it } from 'vitest';
import { parseReflect } from '../../src/reminders/parse.js';
import { plainText } from '../../src/conversation/markup.js';
import { texts } from '../../src/conversation/texts/index.js';
import type { ReflectError } from '../../src/reminders/parse.js';

const errorText = (error: ReflectError, language: 'nl' | 'en') => plainText(texts(language).reflect.error(error));

describe('/reflect parsing', () => {
  it('reads English and Dutch day names, the time and the default zone', () => {
    expect(parseReflect('weekly thursday 14:00')).toEqual({ kind: 'weekly', rule: { weekday: 4, hour: 14, minute: 0, zone: 'Europe/Amsterdam' } });
    expect(parseReflect('weekly Donderdag 9:05')).toEqual({ kind: 'weekly', rule: { weekday: 4, hour: 9, minute: 5, zone: 'Europe/Amsterdam' } });
    expect(parseReflect('wekelijks ma 08.30 europe/london')).toEqual({ kind: 'weekly', rule: { weekday: 1, hour: 8, minute: 30, zone: 'Europe/London' } });
    expect(parseReflect('weekly zondag 23:59 America/New_York')).toEqual({ kind: 'weekly', rule: { weekday: 7, hour: 23, minute: 59, zone: 'America/New_York' } });
  });
  it('knows the other subcommands', () => {
    for (const k of ['list', 'pause', 'resume', 'stop', 'now', 'help'] as const) expect(parseReflect(k)).toEqual({ kind: k });
    expect(parseReflect('')).toEqual({ kind: 'help' });
  });
  it('an unknown day gets a message with an example', () => {
    const r = parseReflect('weekly thorsday 14:00');
    expect(r).toEqual({ kind: 'error', error: { code: 'unknown-day', value: 'thorsday' } });
    if (r.kind !== 'error') throw new Error();
    expect(errorText(r.error, 'en')).toMatch(/thorsday.*\/reflect weekly thursday 14:00/s);
    expect(errorText(r.error, 'nl')).toMatch(/donderdag 14:00/);
  });
  it('an impossible time gets a message with an example', () => {
    for (const t of ['25:00', '14:60', '24:00', 'noon', '1400x']) {
      const r = parseReflect(`weekly friday ${t}`);
      expect(r).toEqual({ kind: 'error', error: { code: 'bad-time', value: t } });
      if (r.kind === 'error') expect(errorText(r.error, 'en')).toMatch(/HH:MM.*example/s);
    }
  });
  it('an unknown time zone gets a message with an example', () => {
    const r = parseReflect('weekly friday 09:30 Mars/Olympus');
    expect(r).toEqual({ kind: 'error', error: { code: 'unknown-zone', value: 'Mars/Olympus' } });
    if (r.kind === 'error') expect(errorText(r.error, 'en')).toMatch(/Europe\/Amsterdam.*\/reflect weekly friday 09:30 Europe\/London/s);
  });
  it('missing parts and unknown subcommands are explained', () => {
    expect(parseReflect('weekly')).toEqual({ kind: 'error', error: { code: 'missing-day' } });
    expect(parseReflect('weekly monday')).toEqual({ kind: 'error', error: { code: 'missing-time' } });
    expect(parseReflect('daily 14:00')).toMatchObject({ kind: 'error', error: { code: 'unknown-subcommand' } });
  });
});
