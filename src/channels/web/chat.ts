/**
 * The local web chat's conversation: what the chat box sends (a question, `/goals …`,
 * `/reflect preview`) and what a card's Action.Submit posts back (a follow-up question,
 * the goals form, a reminder or feedback button), each answered with one of the shared
 * Adaptive Cards (src/cards). Only translates: the answers are the core's, the goals and
 * reminders services'. The web chat is one "channel" for its cases and feedback: tenant
 * "web", channel "web"; the user is the client's IP address. For the question guard each
 * client is its own channel (see ask).
 */
import type { Logger } from 'pino';
import { ConversationHistories, turnFor } from '../../answer/history.js';
import type { Turn } from '../../answer/llm/composer.js';
import type { Language, Reply } from '../../answer/reply.js';
import { goalsCard, noticeCard, reminderCard, replyCard, textBlock, type AdaptiveCard } from '../../cards/index.js';
import type { CardSubmitData } from '../../cards/submit.js';
import { runGoalsCommand } from '../../goals/command.js';
import { contentToForm, FIELDS, type FormValues } from '../../goals/model.js';
import { caseDocument, goalsErrorMessage, type GoalsService } from '../../goals/service.js';
import type { StoredCase } from '../../goals/store.js';
import { GOALS_TEXTS as G } from '../../goals/texts.js';
import type { ReminderMessage } from '../../reminders/delivery.js';
import { REMINDER_TEXTS as R } from '../../reminders/texts.js';
import type { FeedbackInput, Tenant } from '../../storage/index.js';
import { WEB_TEXTS as W } from './texts.js';

export const WEB_TENANT = 'web';
export const WEB_CHANNEL = 'web';

export interface WebDeps {
  /** The core's answer (through its question guard); userId is the client's IP address, channelId "web:" and that address. */
  answer(question: string, asker: { userId?: string; channelId?: string; history?: Turn[]; all?: boolean }): Reply | Promise<Reply>;
  /** /goals; absent (no database): a notice. */
  goals?: GoalsService;
  /** The reflection reminder preview; absent (no database): a notice. */
  reminders?: { preview(where: Tenant & { channelId: string }): Promise<ReminderMessage> };
  /** Where the thumbs up/down go; absent: not stored. */
  feedback?: { tenant(tenant: Tenant): { feedback: { record(input: FeedbackInput): Promise<void> } } };
  /**
   * Requests per client address to /api/ask and /api/submit (default 60 a minute). Questions also
   * pass the core's question guard; this bounds what it does not see: form saves, feedback, commands.
   */
  rateLimit?: { limit: number; windowMs: number };
  /** Language of the chat's own texts when nothing else tells (SAMEN_LANGUAGE). */
  language?: Language;
  /** WEB_CHAT_TOKEN: when set, the page and the API want it (a bearer, or the cookie of the login form). */
  accessToken?: string;
  logger?: Logger;
}

/** What Samen answers: one card, and for an answer its reply model (for API clients). */
export interface WebResponse {
  card: AdaptiveCard;
  reply?: Reply;
  /** Replace the card whose button was clicked (the goals form after a submit). */
  replace?: boolean;
}

export interface Asker {
  /** The client's IP address. */
  userId?: string;
}

// Platform 'web': a Slack team or Teams tenant with the id "web" never reaches these rows.
const where = { platform: 'web' as const, tenantId: WEB_TENANT, channelId: WEB_CHANNEL };

/** Slack-style *bold* in the shared texts, as the cards' markdown (**bold**). */
const md = (t: string) => t.replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,:;])/g, '$1**$2**');
const notice = (lines: string[], heading?: string): WebResponse => ({ card: noticeCard(lines.map(md), heading) });

export class WebChat {
  private readonly language: Language;
  /** Earlier turns per client, in memory only: a typed follow-up is read with them. */
  private readonly histories = new ConversationHistories(1000);

  constructor(private readonly d: WebDeps) {
    this.language = d.language ?? 'nl';
  }

  /** A line typed in the chat box. */
  async message(text: string, asker: Asker): Promise<WebResponse> {
    const command = /^\/(\S+)\s*([\s\S]*)$/.exec(text.trim());
    const name = command?.[1].toLowerCase();
    if (name === 'goals' || name === 'doelen') return this.goals(command![2]);
    if (name === 'reflect' || name === 'reflectie') return this.reflect(command![2]);
    return this.ask(text, asker, true);
  }

  /** The data of a card's Action.Submit, merged with the card's inputs (parsed by the route). */
  async submit(data: CardSubmitData, asker: Asker): Promise<WebResponse | undefined> {
    switch (data.samen) {
      case 'ask':
        return this.ask(data.question, asker, false, data.all === true);
      case 'goals':
        return this.goalsSubmit(data);
      case 'reminder':
        return this.reminderButton(data);
      case 'feedback':
        return this.feedback(data, asker);
      default:
        // The web chat shows no card that offers to replace a channel's reminder.
        return undefined;
    }
  }

  /** typed: a question typed in the box may follow up the earlier ones; a suggested question stands alone. */
  private async ask(question: string, asker: Asker, typed = false, all = false): Promise<WebResponse> {
    const client = asker.userId ?? 'unknown';
    const history = typed ? this.histories.get(client) : [];
    // Length, rate limits and the personal-data warning are the core's question guard's. Its per-channel
    // limit is per client here: with the one channel "web", three busy clients would lock out everyone else.
    const reply = await this.d.answer(question, { userId: asker.userId, channelId: `${WEB_CHANNEL}:${client}`, history, all });
    if (reply.kind === 'answer') this.histories.add(client, turnFor(question, reply));
    return {
      reply,
      card: replyCard(reply, {
        feedback: W.feedback[reply.language],
        examplesHeading: W.examplesHeading[reply.language],
        showQuotes: W.showQuotes[reply.language],
      }),
    };
  }

  private caseCard(goals: GoalsService, stored: Pick<StoredCase, 'alias' | 'version' | 'content'>, language: Language, note?: string): AdaptiveCard {
    const doc = caseDocument(goals.template, stored, language);
    return goalsCard(doc, language, contentToForm(stored.alias, stored.content), { note });
  }

  private async goals(args: string): Promise<WebResponse> {
    const goals = this.d.goals;
    if (!goals) return notice([W.comingSoon[this.language]('/goals')]);
    const reply = await runGoalsCommand(goals, { ...where, language: this.language, commandName: '/goals' }, args);
    if (reply.kind === 'notice' && reply.failed) this.d.logger?.error({ channel: 'web', err: reply.failed }, '/goals failed');
    switch (reply.kind) {
      case 'notice':
        return notice(reply.lines, reply.heading);
      case 'case':
        return { card: this.caseCard(goals, reply.case, reply.language, reply.note) };
      case 'new-form':
        return { card: this.caseCard(goals, { alias: '…', version: 0, content: null }, reply.language) };
    }
  }

  private async goalsSubmit(value: Extract<CardSubmitData, { samen: 'goals' }>): Promise<WebResponse> {
    const goals = this.d.goals;
    const language: Language = value.language ?? this.language;
    if (!goals) return notice([W.comingSoon[language]('/goals')]);
    const values: FormValues = {};
    for (const f of FIELDS) {
      const v = value[f.key];
      if (typeof v === 'string' && v.trim() !== '') values[f.key] = v;
    }
    if (typeof value.alias === 'string') values.alias = value.alias;
    const { version } = value;
    try {
      const outcome = await goals.channel(where, where.channelId).submit(values, version, language);
      switch (outcome.kind) {
        case 'saved':
          return { replace: true, card: this.caseCard(goals, outcome.case, language, G.savedBy[language](outcome.case.version)) };
        case 'invalid': {
          const alias = typeof value.alias === 'string' ? value.alias : '…';
          const doc = caseDocument(goals.template, { alias, version, content: null }, language);
          const summary = Object.values(outcome.errors).join(' ');
          return { replace: true, card: goalsCard(doc, language, values, { values, errors: outcome.errors, note: summary }) };
        }
        case 'personal-data':
          // Not echoed back into a card: the form keeps what was typed, for the user to change.
          return notice([outcome.message], G.privacyTitle[language]);
        case 'conflict':
          return {
            card: this.caseCard(goals, outcome.current, language, `${G.conflictTitle[language]}: ${G.conflict[language](outcome.current.alias, outcome.current.version)}`),
          };
      }
    } catch (err) {
      this.d.logger?.error({ channel: 'web', err }, 'goals submit failed');
      return notice([goalsErrorMessage(err, language)]);
    }
  }

  private async reflect(args: string): Promise<WebResponse> {
    const reminders = this.d.reminders;
    if (!reminders) return notice([W.comingSoon[this.language]('/reflect')]);
    if (!/^(preview|voorbeeld)?$/i.test(args.trim())) return notice([W.reflectOnlyPreview[this.language]]);
    const message = await reminders.preview(where);
    const card = reminderCard({ ...message, goals: { ...message.goals, text: md(message.goals.text) } });
    card.body.unshift(textBlock(W.previewNote[message.language], { isSubtle: true, size: 'Small' }));
    return { card };
  }

  private async reminderButton(value: Extract<CardSubmitData, { samen: 'reminder' }>): Promise<WebResponse> {
    const lang = this.language;
    const you = W.you[lang];
    const what = value.action === 'snooze' ? R.snoozed[lang](you) : value.action === 'skip' ? R.skipped[lang](you) : R.markedDone[lang](you);
    return notice([W.previewButton[lang], what]);
  }

  private async feedback(value: Extract<CardSubmitData, { samen: 'feedback' }>, asker: Asker): Promise<WebResponse> {
    const lang = this.language;
    const { rating } = value;
    if (!this.d.feedback) return notice([W.feedbackNotStored[lang]]);
    const findingIds = value.findingIds.slice(0, 50);
    // The rating, the cited findings and the (hashed) client address: never the question.
    await this.d.feedback.tenant(where).feedback.record({ channelId: WEB_CHANNEL, findingIds, rating, userId: asker.userId ?? 'unknown' });
    return notice([W.feedbackThanks[lang]]);
  }
}
