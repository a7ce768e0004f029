/** Every text of the reflection reminders, in both languages. Channels only lay them out. */
import type { Language } from '../answer/reply.js';
import type { ReflectError } from './parse.js';
import { formatRule, type WeeklyRule } from './schedule.js';

type L<T> = Record<Language, T>;

const DAY_NAMES: L<string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

export const dayName = (weekday: number, lang: Language) => DAY_NAMES[lang][weekday - 1];
export const describeRule = (rule: WeeklyRule, lang: Language) =>
  lang === 'nl' ? `elke ${dayName(rule.weekday, lang)} om ${formatRule(rule)}` : `every ${dayName(rule.weekday, lang)} at ${formatRule(rule)}`;

const EXAMPLE = '`/reflect weekly thursday 14:00`';
const EXAMPLE_NL = '`/reflect weekly donderdag 14:00`';
const EXAMPLE_TZ = '`/reflect weekly friday 09:30 Europe/London`';

export const REMINDER_TEXTS = {
  title: { nl: 'Tijd voor het reflectiemoment', en: 'Time for the reflection moment' },
  intro: {
    nl: 'Neem deze week samen even de tijd om terug te kijken op de samenwerking rond het gezin. Regelmatige gezamenlijke reflectiemomenten in casusoverleg bevorderen de afstemming en versterken de gedeelde verantwoordelijkheid.',
    en: 'Take a moment together this week to look back on the collaboration around the family. Regular joint reflection moments in case consultation promote alignment and strengthen shared responsibility.',
  },
  questionsHeading: { nl: 'Drie vragen voor deze week', en: 'Three questions for this week' },
  goalsHeading: { nl: 'Werkafspraken in dit kanaal (/goals)', en: 'Working agreements in this channel (/goals)' },
  noGoals: {
    nl: 'Nog geen werkafspraken in dit kanaal: leg ze vast met `/goals`.',
    en: 'No working agreements in this channel yet: record them with `/goals`.',
  },
  done: { nl: 'Gedaan', en: 'Done' },
  snooze: { nl: 'Morgen herinneren', en: 'Snooze one day' },
  skip: { nl: 'Deze week overslaan', en: 'Skip this week' },
  markedDone: { nl: (u: string) => `✅ Reflectiemoment gehouden (gemarkeerd door ${u}).`, en: (u: string) => `✅ Reflection moment held (marked by ${u}).` },
  snoozed: { nl: (u: string) => `⏰ ${u} heeft de herinnering een dag uitgesteld.`, en: (u: string) => `⏰ ${u} snoozed the reminder for one day.` },
  skipped: { nl: (u: string) => `⏭️ ${u} heeft het reflectiemoment van deze week overgeslagen.`, en: (u: string) => `⏭️ ${u} skipped this week's reflection moment.` },
  alreadyHandled: { nl: 'Deze herinnering is al afgehandeld.', en: 'This reminder has already been handled.' },
  reminderGone: { nl: 'Deze herinnering bestaat niet meer.', en: 'This reminder no longer exists.' },
  set: {
    nl: (r: WeeklyRule, next: string) => `Reflectieherinnering ingesteld: ${describeRule(r, 'nl')}. De eerste komt ${next}.`,
    en: (r: WeeklyRule, next: string) => `Reflection reminder set: ${describeRule(r, 'en')}. The first one comes ${next}.`,
  },
  replaced: {
    nl: (r: WeeklyRule, next: string) => `Reflectieherinnering vervangen: nu ${describeRule(r, 'nl')}. De volgende komt ${next}.`,
    en: (r: WeeklyRule, next: string) => `Reflection reminder replaced: now ${describeRule(r, 'en')}. The next one comes ${next}.`,
  },
  offerReplace: {
    nl: (old: WeeklyRule, neu: WeeklyRule) =>
      `Dit kanaal heeft al een reflectieherinnering (${describeRule(old, 'nl')}). Wil je die vervangen door ${describeRule(neu, 'nl')}?`,
    en: (old: WeeklyRule, neu: WeeklyRule) =>
      `This channel already has a reflection reminder (${describeRule(old, 'en')}). Replace it with ${describeRule(neu, 'en')}?`,
  },
  replace: { nl: 'Vervangen', en: 'Replace' },
  keep: { nl: 'Behouden', en: 'Keep' },
  kept: { nl: 'De bestaande herinnering blijft staan.', en: 'The existing reminder stays as it is.' },
  none: {
    nl: `Dit kanaal heeft geen reflectieherinnering. Stel er een in met ${EXAMPLE_NL}.`,
    en: `This channel has no reflection reminder. Set one with ${EXAMPLE}.`,
  },
  list: {
    nl: (r: WeeklyRule, status: string, next: string | undefined) =>
      `Reflectieherinnering: ${describeRule(r, 'nl')} (${status})${next ? `. Volgende: ${next}` : ''}.`,
    en: (r: WeeklyRule, status: string, next: string | undefined) =>
      `Reflection reminder: ${describeRule(r, 'en')} (${status})${next ? `. Next: ${next}` : ''}.`,
  },
  statusActive: { nl: 'actief', en: 'active' },
  statusPaused: {
    nl: (reason: string | null) => (reason && reason !== 'user' ? `gepauzeerd: Samen kon niet in dit kanaal posten (${reason})` : 'gepauzeerd'),
    en: (reason: string | null) => (reason && reason !== 'user' ? `paused: Samen could not post in this channel (${reason})` : 'paused'),
  },
  paused: { nl: 'Reflectieherinnering gepauzeerd. Hervat met `/reflect resume`.', en: 'Reflection reminder paused. Resume with `/reflect resume`.' },
  alreadyPaused: { nl: 'De herinnering was al gepauzeerd.', en: 'The reminder was already paused.' },
  resumed: { nl: (next: string) => `Reflectieherinnering hervat. De volgende komt ${next}.`, en: (next: string) => `Reflection reminder resumed. The next one comes ${next}.` },
  notPaused: { nl: 'De herinnering is niet gepauzeerd.', en: 'The reminder is not paused.' },
  stopped: { nl: 'Reflectieherinnering verwijderd.', en: 'Reflection reminder removed.' },
  postedNow: { nl: 'Reflectieherinnering nu geplaatst.', en: 'Reflection reminder posted now.' },
  postFailed: {
    nl: (code: string) => `Samen kon de herinnering niet plaatsen (${code}). Is Samen nog lid van dit kanaal?`,
    en: (code: string) => `Samen could not post the reminder (${code}). Is Samen still a member of this channel?`,
  },
  help: {
    nl: [
      '*Wekelijkse reflectieherinnering*',
      '`/reflect weekly DAG UU:MM [TIJDZONE]` — bijvoorbeeld `/reflect weekly donderdag 14:00` (standaard Europe/Amsterdam)',
      '`/reflect list` — toon de herinnering van dit kanaal',
      '`/reflect pause` · `/reflect resume` · `/reflect stop`',
      '`/reflect now` — plaats er nu één',
    ].join('\n'),
    en: [
      '*Weekly reflection reminder*',
      '`/reflect weekly DAY HH:MM [TIME_ZONE]` — for example `/reflect weekly thursday 14:00` (default Europe/Amsterdam)',
      '`/reflect list` — show this channel’s reminder',
      '`/reflect pause` · `/reflect resume` · `/reflect stop`',
      '`/reflect now` — post one now',
    ].join('\n'),
  },
} as const;

export function errorText(error: ReflectError, lang: Language): string {
  const nl = lang === 'nl';
  switch (error.code) {
    case 'missing-day':
      return nl ? `Welke dag? Bijvoorbeeld ${EXAMPLE_NL}.` : `Which day? For example ${EXAMPLE}.`;
    case 'unknown-day':
      return nl
        ? `“${error.value}” is geen dag die ik ken. Gebruik een dagnaam (maandag … zondag, of monday … sunday), bijvoorbeeld ${EXAMPLE_NL}.`
        : `“${error.value}” is not a day I know. Use a day name (monday … sunday, or maandag … zondag), for example ${EXAMPLE}.`;
    case 'missing-time':
      return nl ? `Hoe laat? Bijvoorbeeld ${EXAMPLE_NL}.` : `At what time? For example ${EXAMPLE}.`;
    case 'bad-time':
      return nl
        ? `“${error.value}” is geen geldige tijd. Gebruik UU:MM tussen 00:00 en 23:59, bijvoorbeeld ${EXAMPLE_NL}.`
        : `“${error.value}” is not a valid time. Use HH:MM between 00:00 and 23:59, for example ${EXAMPLE}.`;
    case 'unknown-zone':
      return nl
        ? `“${error.value}” is geen tijdzone die ik ken. Gebruik een IANA-naam zoals Europe/Amsterdam of Europe/London, bijvoorbeeld ${EXAMPLE_TZ}.`
        : `“${error.value}” is not a time zone I know. Use an IANA name such as Europe/Amsterdam or Europe/London, for example ${EXAMPLE_TZ}.`;
    case 'too-many':
      return nl
        ? `Ik begrijp “${error.value}” niet. Gebruik \`/reflect weekly DAG UU:MM [TIJDZONE]\`, bijvoorbeeld ${EXAMPLE_TZ}.`
        : `I do not understand “${error.value}”. Use \`/reflect weekly DAY HH:MM [TIME_ZONE]\`, for example ${EXAMPLE_TZ}.`;
    case 'unknown-subcommand':
      return `${nl ? `Ik ken “${error.value}” niet.` : `I do not know “${error.value}”.`}\n${REMINDER_TEXTS.help[lang]}`;
  }
}
