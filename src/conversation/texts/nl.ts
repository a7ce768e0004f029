/**
 * Samen's own texts in Dutch: what the conversation layer and the features (goals,
 * reflection reminders) say, in the neutral markup of src/conversation/markup.ts. The
 * English catalog (en.ts) has the same keys. The answers' frame (src/answer/messages.ts)
 * and each platform's own frame texts (buttons, home tab) live elsewhere.
 */
import { code, command, em, list, p, person, say, type CommandWord, type Inline, type Markup } from '../markup.js';
import type { ReflectError } from '../../reminders/parse.js';
import type { GoalsSummaryCase } from '../../reminders/delivery.js';
import { formatRule, type WeeklyRule } from '../../reminders/schedule.js';
import { formatWhen, utcDate, utcMinute } from './format.js';
import { nl as reflection } from './reflection.js';

const DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const rule = (r: WeeklyRule) => `elke ${DAYS[r.weekday - 1]} om ${formatRule(r)}`;
const when = (at: Date, zone: string) => formatWhen(at, zone, 'nl');
const EXAMPLE = command('reflect', 'weekly donderdag 14:00');
const EXAMPLE_ZONE = command('reflect', 'weekly vrijdag 09:30 Europe/London');

const COMMANDS: Record<CommandWord, string> = {
  help: 'uitleg over Samen, met voorbeeldvragen',
  goals: 'werkafspraken rond één gezin samen vastleggen, zonder persoonsgegevens',
  reflect: 'een wekelijkse reflectieherinnering voor het kanaal',
};

const reflectHelp: Markup = [
  p(em('Wekelijkse reflectieherinnering')),
  list(
    [command('reflect', 'weekly DAG UU:MM [TIJDZONE]'), ': bijvoorbeeld ', EXAMPLE, ' (standaard Europe/Amsterdam)'],
    [command('reflect', 'list'), ': toon de herinnering van dit kanaal'],
    [command('reflect', 'pause'), ' · ', command('reflect', 'resume'), ' · ', command('reflect', 'stop')],
    reflection.helpTrend,
    [command('reflect', 'now'), ': plaats er nu één'],
  ),
];

export const nl = {
  /** Shown at once while a language model writes the answer (a Slack message the answer replaces, Teams' informative update). */
  writing: say('Even opzoeken in de reviews…'),
  reflection,
  busy: say('Samen heeft het nu erg druk. Stel je vraag over een minuut opnieuw.'),
  failed: say('Er ging iets mis bij het beantwoorden van je vraag. Probeer het nog eens; blijft het misgaan, meld het dan bij je beheerder.'),
  /** goals or reflect where this Samen has no database behind it. */
  unavailable: (word: CommandWord): Markup =>
    say(command(word), ` staat in deze Samen niet aan: daarvoor is een database nodig. Je kunt me wel vragen stellen over samenwerking rond gezinnen.`),

  feedbackThanks: say('Bedankt! Je feedback is opgeslagen (zonder je vraag of naam).'),
  feedbackNotStored: say('Je feedback kon nu niet worden opgeslagen. Probeer het later nog eens.'),

  help: {
    commandsHeading: 'Opdrachten',
    commands: (Object.keys(COMMANDS) as CommandWord[]).map((word): Inline[] => [command(word), `: ${COMMANDS[word]}`]),
  },

  goals: {
    help: [
      p(command('goals'), ': ', em('samenwerkingsafspraken rond één gezin, samen ingevuld in dit kanaal')),
      list(
        [command('goals', 'ALIAS'), ': zet het sjabloon voor een nieuwe casus in het kanaal (zonder alias vraagt een formulier erom).'],
        [command('goals', 'list'), ': de casussen van dit kanaal.'],
        [command('goals', 'show ALIAS'), ': de huidige stand opnieuw tonen.'],
        [command('goals', 'history ALIAS'), ' en ', command('goals', 'undo ALIAS'), ': versies bekijken en de laatste wijziging terugdraaien.'],
        [command('goals', 'language nl|en'), ': de taal van de werkafspraken in dit kanaal.'],
      ),
      p('Gebruik als alias een code (bijv. ', code('gezin-A7'), '), nooit een naam: Samen bewaart geen cliëntgegevens.'),
    ] as Markup,
    /** A new case asked for where no form can be opened (a mention): name it. */
    aliasFirst: say('Geef de casus een alias: ', command('goals', 'ALIAS'), ', met een code als alias (bijv. ', code('gezin-A7'), '), nooit een naam.'),
    languageUsage: say('Gebruik: ', command('goals', 'language nl'), ' of ', command('goals', 'language en'), '.'),
    languageSet: say('Dit kanaal gebruikt voortaan Nederlands voor de werkafspraken.'),
    listEmpty: say('Dit kanaal heeft nog geen casussen. Begin er een met ', command('goals', 'ALIAS'), '.'),
    listHeading: 'Casussen in dit kanaal',
    listItem: (alias: string, version: number, updatedAt: Date): Inline[] => [
      em(alias),
      `: ${version === 0 ? 'nog niet ingevuld' : `versie ${version}`}, bijgewerkt ${utcDate(updatedAt)}`,
    ],
    historyHeading: (alias: string) => `Geschiedenis van ${alias}`,
    historyItem: (version: number, savedAt: Date, restoredFrom?: number): Inline[] => [
      `versie ${version}: ${utcMinute(savedAt)} UTC${restoredFrom ? ` (terug naar versie ${restoredFrom})` : ''}`,
    ],
    notFound: (alias: string) => say(`Dit kanaal heeft geen casus ${alias}. Zie de casussen met `, command('goals', 'list'), '.'),
    nothingToUndo: (alias: string) => say(`Er is geen eerdere versie van ${alias} om naar terug te gaan.`),
    dbDown: say('De casus kon niet worden opgeslagen of gelezen: de database is nu niet bereikbaar. Er is niets half opgeslagen. Probeer het over een paar minuten opnieuw.'),
    failed: say('Er ging iets mis met de werkafspraken. Er is niets half opgeslagen; probeer het opnieuw.'),
    // Notes above a case: plain sentences.
    exists: (alias: string) => `Casus ${alias} bestaat al in dit kanaal; hier is de huidige stand.`,
    undone: (alias: string, version: number, from: number) =>
      `Laatste wijziging van ${alias} ongedaan gemaakt: versie ${version} is weer de inhoud van versie ${from}.`,
    savedBy: (version: number) => `Opgeslagen als versie ${version}.`,
    conflictTitle: 'Casus gewijzigd',
    conflict: (alias: string, version: number) =>
      `Casus ${alias} is gewijzigd sinds je het formulier opende: er is nu versie ${version}. Je wijzigingen zijn niet opgeslagen, zodat niets ongemerkt wordt overschreven. Hieronder de nieuwere versie; open "Bewerken" opnieuw om je wijzigingen daarop aan te brengen.`,
    privacyTitle: 'Niet opgeslagen: persoonsgegevens',
  },

  reflect: {
    describe: rule,
    when,
    title: 'Tijd voor het reflectiemoment',
    intro:
      'Neem deze week samen even de tijd om terug te kijken op de samenwerking rond het gezin. Regelmatige gezamenlijke reflectiemomenten in casusoverleg bevorderen de afstemming en versterken de gedeelde verantwoordelijkheid.',
    questionsHeading: 'Drie vragen voor deze week',
    goalsHeading: 'Werkafspraken in dit kanaal',
    goals: (cases: GoalsSummaryCase[]): Markup =>
      cases.length === 0
        ? say('Nog geen werkafspraken in dit kanaal: leg ze vast met ', command('goals'), '.')
        : say(
            ...cases.flatMap((c, i): Inline[] => [
              ...(i > 0 ? [', '] : []),
              em(c.alias),
              c.version === 0 ? ' (nog niet ingevuld)' : c.reviewDate ? ` (evaluatie ${c.reviewDate})` : '',
            ]),
            '. Bekijk met ',
            command('goals', 'show ALIAS'),
            ': zijn de doelen en rollen nog actueel?',
          ),
    done: 'Gedaan',
    snooze: 'Morgen herinneren',
    skip: 'Deze week overslaan',
    replace: 'Vervangen',
    keep: 'Behouden',
    markedDone: (who: string) => say(`✅ Reflectiemoment gehouden (gemarkeerd door `, person(who), ').'),
    snoozed: (who: string) => say('⏰ ', person(who), ' heeft de herinnering een dag uitgesteld.'),
    skipped: (who: string) => say('⏭️ ', person(who), ' heeft het reflectiemoment van deze week overgeslagen.'),
    alreadyHandled: say('Deze herinnering is al afgehandeld.'),
    gone: say('Deze herinnering bestaat niet meer.'),
    set: (r: WeeklyRule, next: Date) => say(`Reflectieherinnering ingesteld: ${rule(r)}. De eerste komt ${when(next, r.zone)}.`),
    replaced: (r: WeeklyRule, next: Date) => say(`Reflectieherinnering vervangen: nu ${rule(r)}. De volgende komt ${when(next, r.zone)}.`),
    offerReplace: (old: WeeklyRule, neu: WeeklyRule) =>
      say(`Dit kanaal heeft al een reflectieherinnering (${rule(old)}). Wil je die vervangen door ${rule(neu)}?`),
    kept: say('De bestaande herinnering blijft staan.'),
    none: say('Dit kanaal heeft geen reflectieherinnering. Stel er een in met ', EXAMPLE, '.'),
    list: (r: WeeklyRule, next: Date | undefined, paused?: { reason: string | null }) =>
      say(
        `Reflectieherinnering: ${rule(r)} (${
          !paused ? 'actief' : paused.reason && paused.reason !== 'user' ? `gepauzeerd: Samen kon niet in dit kanaal posten (${paused.reason})` : 'gepauzeerd'
        })${next ? `. Volgende: ${when(next, r.zone)}` : ''}.`,
      ),
    paused: say('Reflectieherinnering gepauzeerd. Hervat met ', command('reflect', 'resume'), '.'),
    alreadyPaused: say('De herinnering was al gepauzeerd.'),
    resumed: (r: WeeklyRule, next: Date) => say(`Reflectieherinnering hervat. De volgende komt ${when(next, r.zone)}.`),
    notPaused: say('De herinnering is niet gepauzeerd.'),
    stopped: say('Reflectieherinnering verwijderd.'),
    postedNow: say('Reflectieherinnering nu geplaatst.'),
    postFailed: (code: string) => say(`Samen kon de herinnering niet plaatsen (${code}). Is Samen nog lid van dit kanaal?`),
    help: reflectHelp,
    error: (error: ReflectError): Markup => {
      switch (error.code) {
        case 'missing-day':
          return say('Welke dag? Bijvoorbeeld ', EXAMPLE, '.');
        case 'unknown-day':
          return say(`“${error.value}” is geen dag die ik ken. Gebruik een dagnaam (maandag … zondag, of monday … sunday), bijvoorbeeld `, EXAMPLE, '.');
        case 'missing-time':
          return say('Hoe laat? Bijvoorbeeld ', EXAMPLE, '.');
        case 'bad-time':
          return say(`“${error.value}” is geen geldige tijd. Gebruik UU:MM tussen 00:00 en 23:59, bijvoorbeeld `, EXAMPLE, '.');
        case 'unknown-zone':
          return say(`“${error.value}” is geen tijdzone die ik ken. Gebruik een IANA-naam zoals Europe/Amsterdam of Europe/London, bijvoorbeeld `, EXAMPLE_ZONE, '.');
        case 'too-many':
          return say(`Ik begrijp “${error.value}” niet. Gebruik `, command('reflect', 'weekly DAG UU:MM [TIJDZONE]'), ', bijvoorbeeld ', EXAMPLE_ZONE, '.');
        case 'unknown-subcommand':
          return [p(`Ik ken “${error.value}” niet.`), ...reflectHelp];
      }
    },
  },
};
