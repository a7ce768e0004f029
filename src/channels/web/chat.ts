/**
 * The local web chat's conversation: what the chat box sends (a question, help, `/goals …`,
 * `/reflect preview`) and what a card's Action.Submit posts back (a follow-up question,
 * the goals form, a reminder or feedback button). The conversation layer (src/conversation)
 * reads and does it; this renders its answers as the shared Adaptive Cards (src/cards). The
 * web chat is one "channel" for its cases and feedback: tenant "web", channel "web"; the user
 * is the client's IP address. For the question guard each client is its own channel (see ask).
 */
import type { Logger } from 'pino';
import type { Language, Reply } from '../../shared/reply.js';
import {
  cardStyle,
  exportCard,
  goalsViewCard,
  markupCard,
  reflectionSubmission,
  reminderCard,
  replyCard,
  textBlock,
  trendCard,
  type AdaptiveCard,
} from '../../cards/index.js';
import type { CardSubmitData } from '../../cards/submit.js';
import { ask, noticeOf, replyOf, type Scheduler } from '../../conversation/ask.js';
import { help, parseInput } from '../../conversation/commands.js';
import { formValues, goalsCommand, goalsSubmit, toldOf, type GoalsView } from '../../conversation/goals.js';
import { list, renderMarkup, slashCommand, type Markup } from '../../conversation/markup.js';
import { MemoryState } from '../../conversation/memory-state.js';
import { recordFeedback } from '../../conversation/feedback.js';
import { buttonWords, reflectAnswer, reflectCommand, type Reminders } from '../../conversation/reflect.js';
import { chartPath } from '../../reminders/chart.js';
import type { ConversationState } from '../../conversation/state.js';
import { texts } from '../../conversation/texts/index.js';
import type { GoalsService } from '../../goals/service.js';
import type { ReminderMessage } from '../../reminders/delivery.js';
import type { Core, CoreAskOptions } from '../../conversation/core.js';
import type { FeedbackInput, Tenant } from '../../storage/index.js';
import { WEB_TEXTS as W } from './texts.js';

export const WEB_TENANT = 'web';
export const WEB_CHANNEL = 'web';

export interface WebDeps {
  /** The core (its question guard and engine), asked through the conversation layer; userId is the client's IP address, channelId "web:" and that address. */
  core?: Pick<Core, 'respond'>;
  /** Instead of the core (tools, tests): only its answer; a refused question's notice then shows as any reply. */
  answer?(question: string, asker: CoreAskOptions): Reply | Promise<Reply>;
  /** The server's work queue: a question takes its turn there; absent, it is answered at once. */
  scheduler?: Scheduler;
  /** Where each client's earlier turns are kept (the server's: the shared database); absent: in this process. */
  state?: ConversationState;
  /** /goals; absent (no database): a notice. */
  goals?: GoalsService;
  /** The week's reflection moment, its answers, the trend and the export; absent (no database): a notice. */
  reminders?: Pick<Reminders, 'command' | 'answer'> & { reflectionMoment(where: Tenant & { channelId: string }): Promise<ReminderMessage> };
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

/** Samen's markup in the cards: commands as typed in the chat box (/goals, /reflect preview, help). */
const WEB_STYLE = cardStyle((word, args) => slashCommand(word, args, 'help'));
const notice = (body: Markup, heading?: string): WebResponse => ({ card: markupCard(body, WEB_STYLE, heading) });

export class WebChat {
  private readonly language: Language;
  /** Earlier turns per client: a typed follow-up is read with them. */
  private readonly state: ConversationState;
  private readonly core: Pick<Core, 'respond'>;

  constructor(private readonly d: WebDeps) {
    this.language = d.language ?? 'nl';
    this.state = d.state ?? new MemoryState({ max: 1000 });
    const answer = d.answer ?? (() => Promise.reject(new Error('web chat: no core')));
    this.core = d.core ?? { respond: async (question, options) => ({ kind: 'answered', reply: await answer(question, options ?? {}) }) };
  }

  /** A line typed in the chat box. */
  async message(text: string, asker: Asker): Promise<WebResponse> {
    const input = parseInput(text);
    switch (input.kind) {
      case 'help':
        return this.help();
      case 'goals':
        return this.goalsShown(await goalsCommand(this.d.goals, { ...where, language: this.language }, input.args));
      case 'reflect':
        return this.reflect(input.args);
      case 'question':
        return this.ask(input.question, asker, true);
    }
  }

  /** The data of a card's Action.Submit, merged with the card's inputs (parsed by the route). */
  async submit(data: CardSubmitData, asker: Asker): Promise<WebResponse | undefined> {
    switch (data.samen) {
      case 'ask':
        return this.ask(data.question, asker, false, data.all === true);
      case 'goals': {
        const language: Language = data.language ?? this.language;
        const input = { values: formValues(data), version: data.version, language, newCase: data.newCase === true };
        return this.goalsShown(await goalsSubmit(this.d.goals, { ...where, language }, input));
      }
      case 'reminder':
        return this.reminderButton(data);
      case 'reflection':
        return this.reflectionAnswer(data, asker);
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
    // Length, rate limits and the personal-data warning are the core's question guard's. Its per-channel
    // limit is per client here: with the one channel "web", three busy clients would lock out everyone else.
    const outcome = await ask(
      { core: this.core, state: this.state, scheduler: this.d.scheduler, language: this.language, logger: this.d.logger },
      { question, scope: where, userId: asker.userId, channelId: `${WEB_CHANNEL}:${client}`, conversation: `client:${client}`, followUp: typed, all },
    );
    // A failure is the route's to answer (500, the server's log).
    if (outcome.kind === 'failed') throw outcome.error;
    const reply = replyOf(outcome);
    if (!reply) return notice(noticeOf(outcome));
    return { reply, card: replyCard(reply, this.cardOptions(reply.language)) };
  }

  private cardOptions(language: Language) {
    // No answer title: the question is right above, in the user's own bubble.
    return { answerTitle: false, feedback: W.feedback[language], examplesHeading: W.examplesHeading[language], showQuotes: W.showQuotes[language] };
  }

  /** The help: the core's help text, the commands (after it) and the example questions. */
  private help(): WebResponse {
    const view = help(this.language);
    const card = replyCard(view.reply, this.cardOptions(this.language));
    const { heading, items } = view.commands;
    card.body.splice(1 + view.reply.intro.length, 0, textBlock(heading, { weight: 'Bolder' }), textBlock(renderMarkup([list(...items)], WEB_STYLE)));
    return { reply: view.reply, card };
  }

  /** A goals view: a case or form as a card (in place of the submitted one where it replaces it), else a notice. */
  private goalsShown(view: GoalsView): WebResponse {
    if (view.kind === 'notice' && view.failed !== undefined) this.d.logger?.error({ channel: 'web', err: view.failed }, 'goals failed');
    const told = toldOf(view);
    const card: AdaptiveCard = goalsViewCard(view, WEB_STYLE) ?? markupCard(told?.body ?? [], WEB_STYLE, told?.heading);
    return 'replace' in view && view.replace ? { replace: true, card } : { card };
  }

  /**
   * The web chat posts no reminders: `/reflect` (or `preview`) shows this week's reflection moment to
   * answer; `trend` and `export` read the answers as in a channel; the rest is set in Slack or Teams.
   */
  private async reflect(args: string): Promise<WebResponse> {
    const reminders = this.d.reminders;
    if (!reminders) return notice(texts(this.language).unavailable('reflect'));
    const word = args.trim().toLowerCase();
    if (/^(trend|export|exporteer)$/.test(word)) {
      const view = await reflectCommand(reminders, where, word, this.language);
      if (view.kind === 'notice' && view.failed !== undefined) throw view.failed;
      if (view.kind === 'trend') return { card: trendCard(view, WEB_STYLE, view.chart ? chartPath(view.chart) : undefined) };
      if (view.kind === 'export') return { card: exportCard(view, WEB_STYLE) };
      return notice(view.body);
    }
    if (!/^(preview|voorbeeld)?$/.test(word)) return notice(W.reflectOnlyPreview[this.language]);
    return { card: this.momentCard(await reminders.reflectionMoment(where)) };
  }

  private momentCard(message: ReminderMessage, saved?: Markup): AdaptiveCard {
    const card = reminderCard(message, WEB_STYLE);
    card.body.unshift(textBlock(renderMarkup(W.previewNote[message.language], WEB_STYLE), { isSubtle: true, size: 'Small' }));
    if (saved) card.body.unshift(textBlock(renderMarkup(saved, WEB_STYLE), { color: 'Good', weight: 'Bolder' }));
    return card;
  }

  /** "Send answers" under the week's moment: saved, the card shows the new count; refused, the card stays as typed. */
  private async reflectionAnswer(data: Extract<CardSubmitData, { samen: 'reflection' }>, asker: Asker): Promise<WebResponse> {
    const view = await reflectAnswer(this.d.reminders, where, reflectionSubmission(data), asker.userId ?? 'unknown', this.language);
    if (view.kind === 'notice' && view.failed !== undefined) throw view.failed;
    if (view.kind === 'answered') return { replace: true, card: this.momentCard(view.message, view.body) };
    return notice('body' in view ? view.body : []);
  }

  private async reminderButton(value: Extract<CardSubmitData, { samen: 'reminder' }>): Promise<WebResponse> {
    const lang = this.language;
    const kind = value.action === 'snooze' ? 'snoozed' : value.action === 'skip' ? 'skipped' : 'done';
    return notice([...W.previewButton[lang], ...buttonWords(lang, { kind, by: W.you[lang] })]);
  }

  private async feedback(value: Extract<CardSubmitData, { samen: 'feedback' }>, asker: Asker): Promise<WebResponse> {
    const { rating } = value;
    // The rating, the cited findings and the (hashed) client address: never the question.
    const input = { channelId: WEB_CHANNEL, findingIds: value.findingIds.slice(0, 50), rating, userId: asker.userId ?? 'unknown' };
    const outcome = await recordFeedback(this.d.feedback, where, input, this.d.logger);
    const t = texts(this.language);
    return notice(outcome === 'stored' ? t.feedbackThanks : t.feedbackNotStored);
  }
}
