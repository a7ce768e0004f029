/**
 * The words of the reflection loop (issue 21), in both languages: the answer controls of the
 * reminder, the count, the trend, what the reviews say about a weak spot, the recap and the
 * export. Part of each catalog (nl.ts, en.ts: `reflection`), in the neutral markup.
 */
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../../privacy/personal-data.js';
import type { Direction } from '../../reminders/trend.js';
import { command, em, p, say, type Markup } from '../markup.js';

const score = (v: number) => v.toFixed(1);

export const nl = {
  /** The 1–5 scale, low to high; the ends named. */
  scale: ['1 · aandacht nodig', '2', '3', '4', '5 · gaat goed'],
  scaleLegend: '1 = aandacht nodig … 5 = gaat goed',
  scaleHint: '1 = aandacht nodig … 5 = gaat goed. Eén antwoord per persoon per vraag; opnieuw kiezen past het aan. Niemand ziet wie wat antwoordde.',
  ratingPlaceholder: 'Kies 1–5',
  notePlaceholder: 'Korte toelichting (optioneel, zonder cliëntgegevens)',
  noteButton: 'Toelichting',
  noteTitle: 'Toelichting',
  noteLabel: (question: string) => `Toelichting bij: ${question}`,
  send: 'Antwoorden versturen',
  save: 'Opslaan',
  cancel: 'Annuleren',
  respondents: (n: number) => (n === 0 ? 'Nog niemand heeft geantwoord.' : n === 1 ? '1 persoon heeft geantwoord.' : `${n} mensen hebben geantwoord.`),
  saved: (n: number): Markup => say(`✅ Dank je, je antwoorden zijn opgeslagen. ${n === 1 ? '1 persoon heeft' : `${n} mensen hebben`} deze week geantwoord.`),
  refused: (found: PersonalDataKind[]): Markup =>
    say(
      `Niet opgeslagen. Je toelichting lijkt persoonsgegevens van een cliënt te bevatten (${found.map((k) => PERSONAL_DATA_LABELS[k].nl).join(', ')}). Samen bewaart geen cliëntgegevens: haal dit weg en verstuur opnieuw. Er is niets opgeslagen.`,
    ),
  noteTooLong: (max: number): Markup => say(`Niet opgeslagen: een toelichting mag hoogstens ${max} tekens zijn. Er is niets opgeslagen.`),
  empty: say('Kies eerst een score van 1 tot 5 (of schrijf een toelichting).'),
  gone: say('Deze herinnering kan niet meer beantwoord worden.'),
  attentionHeading: 'Wat de reviews hierover zeggen',
  attentionIntro: (question: string, latest: number): Markup =>
    say('Aandachtspunt: ', em(question), ` scoorde twee keer achter elkaar onder de 3 (laatst ${score(latest)}).`),
  askMore: 'Vraag Samen meer',
  recapHeading: 'Terugblik op de afgelopen vier weken',
  recap: (r: { wentWell: string[]; needsAttention: string[]; casesDue: Array<{ alias: string; reviewDate: string }> }): Markup => [
    p(em('Ging goed:'), ' ', r.wentWell.length ? r.wentWell.join(' · ') : 'nog niets met een gemiddelde van 4 of hoger.'),
    p(em('Vraagt aandacht:'), ' ', r.needsAttention.length ? r.needsAttention.join(' · ') : 'niets onder de 3.'),
    ...(r.casesDue.length
      ? [p(em('Evaluatiedatum verstreken:'), ' ', r.casesDue.map((c) => `${c.alias} (${c.reviewDate})`).join(', '), '. Bekijk ze met ', command('goals', 'show ALIAS'), '.')]
      : []),
  ],
  trendHeading: 'Reflectietrend, afgelopen 8 weken',
  trendNone: say('Nog geen antwoorden in de afgelopen 8 weken. Beantwoord de vragen in de reflectieherinnering; daarna toont ', command('reflect', 'trend'), ' het verloop.'),
  direction: { up: '↑ stijgt', down: '↓ daalt', steady: '→ gelijk', once: 'één week' } satisfies Record<Direction, string>,
  trendItem: (question: string, averages: number[], direction: Direction, attention: boolean) => [
    em(question),
    `: ${averages.map(score).join(' → ')} (${nl.direction[direction]})${attention ? ' · aandachtspunt' : ''}`,
  ],
  chartAlt: 'Lijngrafiek van het gemiddelde per vraag per week',
  exportIntro: (rows: number): Markup =>
    say(`Reflectieantwoorden als CSV: ${rows} ${rows === 1 ? 'regel' : 'regels'}, per week en vraag het gemiddelde en de aantallen (niet wie wat antwoordde).`),
  exportNone: say('Er zijn nog geen reflectieantwoorden om te exporteren.'),
  helpTrend: [command('reflect', 'trend'), ': het verloop van de antwoorden · ', command('reflect', 'export'), ': de antwoorden als CSV'],
};

export const en: typeof nl = {
  scale: ['1 · needs attention', '2', '3', '4', '5 · goes well'],
  scaleLegend: '1 = needs attention … 5 = goes well',
  scaleHint: '1 = needs attention … 5 = goes well. One answer per person per question; choosing again changes it. No one sees who answered what.',
  ratingPlaceholder: 'Choose 1–5',
  notePlaceholder: 'Short note (optional, no client data)',
  noteButton: 'Note',
  noteTitle: 'Note',
  noteLabel: (question: string) => `Note on: ${question}`,
  send: 'Send answers',
  save: 'Save',
  cancel: 'Cancel',
  respondents: (n: number) => (n === 0 ? 'No one has answered yet.' : n === 1 ? '1 person answered.' : `${n} people answered.`),
  saved: (n: number): Markup => say(`✅ Thank you, your answers are saved. ${n === 1 ? '1 person has' : `${n} people have`} answered this week.`),
  refused: (found: PersonalDataKind[]): Markup =>
    say(
      `Not saved. Your note seems to contain personal data of a client (${found.map((k) => PERSONAL_DATA_LABELS[k].en).join(', ')}). Samen keeps no client data: remove it and send again. Nothing has been stored.`,
    ),
  noteTooLong: (max: number): Markup => say(`Not saved: a note may be at most ${max} characters. Nothing has been stored.`),
  empty: say('Choose a score from 1 to 5 first (or write a note).'),
  gone: say('This reminder can no longer be answered.'),
  attentionHeading: 'What the reviews say about this',
  attentionIntro: (question: string, latest: number): Markup =>
    say('Point of attention: ', em(question), ` averaged below 3 twice in a row (latest ${score(latest)}).`),
  askMore: 'Ask Samen more',
  recapHeading: 'Looking back on the past four weeks',
  recap: (r) => [
    p(em('Went well:'), ' ', r.wentWell.length ? r.wentWell.join(' · ') : 'nothing averaged 4 or more yet.'),
    p(em('Needs attention:'), ' ', r.needsAttention.length ? r.needsAttention.join(' · ') : 'nothing below 3.'),
    ...(r.casesDue.length
      ? [p(em('Evaluation date passed:'), ' ', r.casesDue.map((c) => `${c.alias} (${c.reviewDate})`).join(', '), '. Open them with ', command('goals', 'show ALIAS'), '.')]
      : []),
  ],
  trendHeading: 'Reflection trend, last 8 weeks',
  trendNone: say('No answers in the last 8 weeks yet. Answer the questions in the reflection reminder; then ', command('reflect', 'trend'), ' shows how they develop.'),
  direction: { up: '↑ rising', down: '↓ falling', steady: '→ steady', once: 'one week' },
  trendItem: (question, averages, direction, attention) => [
    em(question),
    `: ${averages.map(score).join(' → ')} (${en.direction[direction]})${attention ? ' · point of attention' : ''}`,
  ],
  chartAlt: 'Line chart of the average per question per week',
  exportIntro: (rows) =>
    say(`Reflection answers as CSV: ${rows} ${rows === 1 ? 'row' : 'rows'}, per week and question the average and the counts (not who answered what).`),
  exportNone: say('There are no reflection answers to export yet.'),
  helpTrend: [command('reflect', 'trend'), ': how the answers develop · ', command('reflect', 'export'), ': the answers as CSV'],
};
