/**
 * The /goals command, platform-neutral: parse the words after the command into an intent,
 * validate it (alias rules, personal data), do it through the goals service, and say what
 * to show as a {@link GoalsReply}. Slack (src/channels/slack/listeners/commands/goals.ts)
 * and Teams (src/channels/teams/commands.ts) only read their input and render the reply.
 */
import type { Language } from '../answer/reply.js';
import type { Tenant } from '../storage/tenant.js';
import { checkAlias } from './model.js';
import { goalsErrorMessage, parseGoalsCommand, type GoalsCommand, type GoalsService } from './service.js';
import type { StoredCase } from './store.js';
import { GOALS_TEXTS as G } from './texts.js';

/** The channel: its platform and tenant id (Tenant) with its channel id. */
export interface GoalsWhere extends Tenant {
  channelId: string;
  /** The language when the channel has none stored and cannot be read (e.g. the user's locale or SAMEN_LANGUAGE). */
  language: Language;
  /** The command as the user typed it, for the help text ("/goals" in Slack, "goals" in Teams). */
  commandName: string;
}

/** What the channel shows; `language` is the one to render it in. */
export type GoalsReply =
  /**
   * A text for the user: a heading (rendered bold) when there is one, then lines (one item
   * each). `failed` holds the error when the text reports a failure, for the channel to log.
   */
  | { kind: 'notice'; language: Language; heading?: string; lines: string[]; failed?: unknown }
  /** A case to post in the channel, with a note above it (saved, restored, already there). */
  | { kind: 'case'; language: Language; case: StoredCase; note?: string }
  /** A blank form for a new case that asks for its alias too. */
  | { kind: 'new-form'; language: Language };

const notice = (language: Language, ...lines: string[]): GoalsReply => ({ kind: 'notice', language, lines });

/**
 * Runs `/goals …` for one channel. args are the words after the command. Never throws: a
 * failure (database down, nothing to undo, …) becomes a notice with `failed` set.
 */
export async function runGoalsCommand(goals: GoalsService, where: GoalsWhere, args: string | undefined): Promise<GoalsReply> {
  const channel = goals.channel(where, where.channelId);
  let language = where.language;
  try {
    language = await channel.language();
    return await dispatch(goals, where, parseGoalsCommand(args), language);
  } catch (err) {
    return { kind: 'notice', language, lines: [goalsErrorMessage(err, language)], failed: err };
  }
}

async function dispatch(goals: GoalsService, where: GoalsWhere, parsed: GoalsCommand, language: Language): Promise<GoalsReply> {
  const channel = goals.channel(where, where.channelId);
  // Every stored alias passed checkAlias, so one that does not cannot name a case: say what
  // an alias looks like (or that it reads as personal data) without asking the database.
  if (parsed.kind === 'show' || parsed.kind === 'history' || parsed.kind === 'undo') {
    const alias = checkAlias(parsed.alias, language);
    if (!alias.ok) return notice(language, alias.message);
  }
  const show = async (alias: string): Promise<GoalsReply> => {
    const stored = await channel.get(alias);
    return stored ? { kind: 'case', language, case: stored } : notice(language, G.notFound[language](alias));
  };
  switch (parsed.kind) {
    case 'help':
      return notice(language, G.help[language](where.commandName));
    case 'language':
      if (!parsed.language) return notice(language, G.languageUsage[language]);
      await channel.setLanguage(parsed.language);
      return notice(parsed.language, G.languageSet[parsed.language]);
    case 'list': {
      const cases = await channel.list();
      if (cases.length === 0) return notice(language, G.listEmpty[language]);
      return {
        kind: 'notice',
        language,
        heading: G.listHeading[language],
        lines: cases.map((c) => G.listItem[language](c.alias, c.version, c.updatedAt)),
      };
    }
    case 'show':
      return show(parsed.alias);
    case 'history': {
      const stored = await channel.get(parsed.alias);
      if (!stored) return notice(language, G.notFound[language](parsed.alias));
      const versions = await channel.history(parsed.alias);
      return {
        kind: 'notice',
        language,
        heading: G.historyHeading[language](stored.alias),
        lines: versions.map((v) =>
          G.historyItem[language](v.version, v.savedAt, v.restoredFrom ? G.restoredNote[language](v.restoredFrom) : ''),
        ),
      };
    }
    case 'undo': {
      const undone = await channel.undo(parsed.alias);
      return {
        kind: 'case',
        language,
        case: undone,
        note: G.undone[language](undone.alias, undone.version, undone.restoredFrom),
      };
    }
    case 'new': {
      // No alias: the form asks for it with the rest.
      if (parsed.alias === undefined) return { kind: 'new-form', language };
      const alias = checkAlias(parsed.alias, language);
      if (!alias.ok) return notice(language, alias.message);
      const opened = await channel.open(alias.alias);
      return {
        kind: 'case',
        language,
        case: opened.case,
        ...(opened.created ? {} : { note: G.exists[language](opened.case.alias) }),
      };
    }
  }
}
