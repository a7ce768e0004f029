/** Samen's own texts in English: the same keys as the Dutch catalog (nl.ts). */
import { code, command, em, list, p, person, say, type CommandWord, type Inline, type Markup } from '../markup.js';
import type { ReflectError } from '../../reminders/parse.js';
import type { GoalsSummaryCase } from '../../reminders/delivery.js';
import { formatRule, type WeeklyRule } from '../../reminders/schedule.js';
import { formatWhen, utcDate, utcMinute } from './format.js';
import type { Catalog } from './index.js';
import { en as reflection } from './reflection.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const rule = (r: WeeklyRule) => `every ${DAYS[r.weekday - 1]} at ${formatRule(r)}`;
const when = (at: Date, zone: string) => formatWhen(at, zone, 'en');
const EXAMPLE = command('reflect', 'weekly thursday 14:00');
const EXAMPLE_ZONE = command('reflect', 'weekly friday 09:30 Europe/London');

const COMMANDS: Record<CommandWord, string> = {
  help: 'what Samen does, with example questions',
  goals: 'record working agreements around one family together, without personal data',
  reflect: 'a weekly reflection reminder for the channel',
};

const reflectHelp: Markup = [
  p(em('Weekly reflection reminder')),
  list(
    [command('reflect', 'weekly DAY HH:MM [TIME_ZONE]'), ': for example ', EXAMPLE, ' (default Europe/Amsterdam)'],
    [command('reflect', 'list'), ': show this channel’s reminder'],
    [command('reflect', 'pause'), ' · ', command('reflect', 'resume'), ' · ', command('reflect', 'stop')],
    reflection.helpTrend,
    [command('reflect', 'now'), ': post one now'],
  ),
];

export const en: Catalog = {
  writing: say('Looking it up in the reviews…'),
  reflection,
  busy: say('Samen is very busy right now. Please ask again in a minute.'),
  failed: say('Something went wrong while answering your question. Please try again; if it keeps failing, tell your administrator.'),
  unavailable: (word) =>
    say(command(word), ` is not switched on in this Samen: it needs a database. You can still ask me about collaboration around families.`),

  feedbackThanks: say('Thank you! Your feedback has been saved (without your question or name).'),
  feedbackNotStored: say('Your feedback could not be saved right now. Please try again later.'),

  help: {
    commandsHeading: 'Commands',
    commands: (Object.keys(COMMANDS) as CommandWord[]).map((word): Inline[] => [command(word), `: ${COMMANDS[word]}`]),
  },

  goals: {
    help: [
      p(command('goals'), ': ', em('a working agreement around one family, filled in together in this channel')),
      list(
        [command('goals', 'ALIAS'), ': posts the template for a new case in the channel (without an alias, a form asks for it).'],
        [command('goals', 'list'), ': this channel’s cases.'],
        [command('goals', 'show ALIAS'), ': shows the current state again.'],
        [command('goals', 'history ALIAS'), ' and ', command('goals', 'undo ALIAS'), ': see versions and undo the last edit.'],
        [command('goals', 'language nl|en'), ': the language of the working agreements in this channel.'],
      ),
      p('Use a code as alias (e.g. ', code('family-A7'), '), never a name: Samen keeps no client identifiers.'),
    ],
    aliasFirst: say('Give the case an alias: ', command('goals', 'ALIAS'), ', with a code as alias (e.g. ', code('family-A7'), '), never a name.'),
    languageUsage: say('Usage: ', command('goals', 'language nl'), ' or ', command('goals', 'language en'), '.'),
    languageSet: say('This channel now uses English for its working agreements.'),
    listEmpty: say('This channel has no cases yet. Start one with ', command('goals', 'ALIAS'), '.'),
    listHeading: 'Cases in this channel',
    listItem: (alias, version, updatedAt) => [
      em(alias),
      `: ${version === 0 ? 'not filled in yet' : `version ${version}`}, updated ${utcDate(updatedAt)}`,
    ],
    historyHeading: (alias) => `History of ${alias}`,
    historyItem: (version, savedAt, restoredFrom) => [
      `version ${version}: ${utcMinute(savedAt)} UTC${restoredFrom ? ` (back to version ${restoredFrom})` : ''}`,
    ],
    notFound: (alias) => say(`This channel has no case ${alias}. See the cases with `, command('goals', 'list'), '.'),
    nothingToUndo: (alias) => say(`There is no earlier version of ${alias} to go back to.`),
    dbDown: say('The case could not be saved or read: the database is unavailable right now. Nothing was half-saved. Please try again in a few minutes.'),
    failed: say('Something went wrong with the working agreements. Nothing was half-saved; please try again.'),
    exists: (alias) => `Case ${alias} already exists in this channel; here is its current state.`,
    undone: (alias, version, from) => `Undid the last edit of ${alias}: version ${version} restores the content of version ${from}.`,
    savedBy: (version) => `Saved as version ${version}.`,
    conflictTitle: 'Case changed',
    conflict: (alias, version) =>
      `Case ${alias} changed since you opened the form: it is now at version ${version}. Your changes were not saved, so nothing is overwritten without notice. The newer version is below; open "Edit" again to apply your changes to it.`,
    privacyTitle: 'Not saved: personal data',
  },

  reflect: {
    describe: rule,
    when,
    title: 'Time for the reflection moment',
    intro:
      'Take a moment together this week to look back on the collaboration around the family. Regular joint reflection moments in case consultation promote alignment and strengthen shared responsibility.',
    questionsHeading: 'Three questions for this week',
    goalsHeading: 'Working agreements in this channel',
    goals: (cases: GoalsSummaryCase[]) =>
      cases.length === 0
        ? say('No working agreements in this channel yet: record them with ', command('goals'), '.')
        : say(
            ...cases.flatMap((c, i): Inline[] => [
              ...(i > 0 ? [', '] : []),
              em(c.alias),
              c.version === 0 ? ' (not filled in yet)' : c.reviewDate ? ` (review ${c.reviewDate})` : '',
            ]),
            '. Open with ',
            command('goals', 'show ALIAS'),
            ': are the goals and roles still current?',
          ),
    done: 'Done',
    snooze: 'Snooze one day',
    skip: 'Skip this week',
    replace: 'Replace',
    keep: 'Keep',
    markedDone: (who) => say('✅ Reflection moment held (marked by ', person(who), ').'),
    snoozed: (who) => say('⏰ ', person(who), ' snoozed the reminder for one day.'),
    skipped: (who) => say('⏭️ ', person(who), ' skipped this week’s reflection moment.'),
    alreadyHandled: say('This reminder has already been handled.'),
    gone: say('This reminder no longer exists.'),
    set: (r, next) => say(`Reflection reminder set: ${rule(r)}. The first one comes ${when(next, r.zone)}.`),
    replaced: (r, next) => say(`Reflection reminder replaced: now ${rule(r)}. The next one comes ${when(next, r.zone)}.`),
    offerReplace: (old, neu) => say(`This channel already has a reflection reminder (${rule(old)}). Replace it with ${rule(neu)}?`),
    kept: say('The existing reminder stays as it is.'),
    none: say('This channel has no reflection reminder. Set one with ', EXAMPLE, '.'),
    list: (r, next, paused) =>
      say(
        `Reflection reminder: ${rule(r)} (${
          !paused ? 'active' : paused.reason && paused.reason !== 'user' ? `paused: Samen could not post in this channel (${paused.reason})` : 'paused'
        })${next ? `. Next: ${when(next, r.zone)}` : ''}.`,
      ),
    paused: say('Reflection reminder paused. Resume with ', command('reflect', 'resume'), '.'),
    alreadyPaused: say('The reminder was already paused.'),
    resumed: (r, next) => say(`Reflection reminder resumed. The next one comes ${when(next, r.zone)}.`),
    notPaused: say('The reminder is not paused.'),
    stopped: say('Reflection reminder removed.'),
    postedNow: say('Reflection reminder posted now.'),
    postFailed: (code) => say(`Samen could not post the reminder (${code}). Is Samen still a member of this channel?`),
    help: reflectHelp,
    error: (error: ReflectError): Markup => {
      switch (error.code) {
        case 'missing-day':
          return say('Which day? For example ', EXAMPLE, '.');
        case 'unknown-day':
          return say(`“${error.value}” is not a day I know. Use a day name (monday … sunday, or maandag … zondag), for example `, EXAMPLE, '.');
        case 'missing-time':
          return say('At what time? For example ', EXAMPLE, '.');
        case 'bad-time':
          return say(`“${error.value}” is not a valid time. Use HH:MM between 00:00 and 23:59, for example `, EXAMPLE, '.');
        case 'unknown-zone':
          return say(`“${error.value}” is not a time zone I know. Use an IANA name such as Europe/Amsterdam or Europe/London, for example `, EXAMPLE_ZONE, '.');
        case 'too-many':
          return say(`I do not understand “${error.value}”. Use `, command('reflect', 'weekly DAY HH:MM [TIME_ZONE]'), ', for example ', EXAMPLE_ZONE, '.');
        case 'unknown-subcommand':
          return [p(`I do not know “${error.value}”.`), ...reflectHelp];
      }
    },
  },
};
