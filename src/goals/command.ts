/**
 * The /goals command, platform-neutral: parse the words after the command into an intent,
 * validate it (alias rules, personal data), and do it through the goals service. It answers
 * with a model of what happened ({@link GoalsReply}); the conversation layer
 * (src/conversation/goals.ts) words it and each channel renders that.
 */
import type { Language } from '../shared/reply.js';
import type { Tenant } from '../storage/tenant.js';
import { checkAlias } from './model.js';
import { parseGoalsCommand, type GoalsCommand, type GoalsService } from './service.js';
import type { CaseVersion, StoredCase } from './store.js';

/** The channel: its platform and tenant id (Tenant) with its channel id. */
export interface GoalsWhere extends Tenant {
  channelId: string;
  /** The language when the channel has none stored and cannot be read (e.g. the user's locale or SAMEN_LANGUAGE). */
  language: Language;
}

/** What the command did. */
export type GoalsResult =
  | { kind: 'help' | 'language-usage' | 'language-set' | 'new-form' }
  | { kind: 'list'; cases: StoredCase[] }
  | { kind: 'history'; alias: string; versions: CaseVersion[] }
  | { kind: 'not-found'; alias: string }
  /** The alias given is not one: the message says why (or that it reads as a client's data). */
  | { kind: 'bad-alias'; message: string }
  /** A case to post in the channel; `note` says why it is shown (it existed already, an edit was undone). */
  | { kind: 'case'; case: StoredCase; note?: { kind: 'exists' } | { kind: 'undone'; from: number } }
  /** The command failed (database down, nothing to undo, …): the error, for the channel to log and word. */
  | { kind: 'failed'; error: unknown };

/** What the command did, and the language to say it in (the channel's). */
export type GoalsReply = GoalsResult & { language: Language };

/**
 * Runs `/goals …` for one channel. args are the words after the command. Never throws: a
 * failure becomes a result of kind "failed" carrying the error.
 */
export async function runGoalsCommand(goals: GoalsService, where: GoalsWhere, args: string | undefined): Promise<GoalsReply> {
  const channel = goals.channel(where, where.channelId);
  let language = where.language;
  try {
    language = await channel.language();
    const parsed = parseGoalsCommand(args);
    const result = await dispatch(goals, where, parsed, language);
    return { ...result, language: parsed.kind === 'language' && parsed.language ? parsed.language : language };
  } catch (error) {
    return { kind: 'failed', error, language };
  }
}

async function dispatch(goals: GoalsService, where: GoalsWhere, parsed: GoalsCommand, language: Language): Promise<GoalsResult> {
  const channel = goals.channel(where, where.channelId);
  // Every stored alias passed checkAlias, so one that does not cannot name a case: say what
  // an alias looks like (or that it reads as personal data) without asking the database.
  if (parsed.kind === 'show' || parsed.kind === 'history' || parsed.kind === 'undo') {
    const alias = checkAlias(parsed.alias, language);
    if (!alias.ok) return { kind: 'bad-alias', message: alias.message };
  }
  switch (parsed.kind) {
    case 'help':
      return { kind: 'help' };
    case 'language':
      if (!parsed.language) return { kind: 'language-usage' };
      await channel.setLanguage(parsed.language);
      return { kind: 'language-set' };
    case 'list':
      return { kind: 'list', cases: await channel.list() };
    case 'show': {
      const stored = await channel.get(parsed.alias);
      return stored ? { kind: 'case', case: stored } : { kind: 'not-found', alias: parsed.alias };
    }
    case 'history': {
      const stored = await channel.get(parsed.alias);
      if (!stored) return { kind: 'not-found', alias: parsed.alias };
      return { kind: 'history', alias: stored.alias, versions: await channel.history(parsed.alias) };
    }
    case 'undo': {
      const undone = await channel.undo(parsed.alias);
      return { kind: 'case', case: undone, note: { kind: 'undone', from: undone.restoredFrom } };
    }
    case 'new': {
      // No alias: the form asks for it with the rest.
      if (parsed.alias === undefined) return { kind: 'new-form' };
      const alias = checkAlias(parsed.alias, language);
      if (!alias.ok) return { kind: 'bad-alias', message: alias.message };
      const opened = await channel.open(alias.alias);
      return { kind: 'case', case: opened.case, ...(opened.created ? {} : { note: { kind: 'exists' } as const }) };
    }
  }
}
