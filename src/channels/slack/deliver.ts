/**
 * The one path from what a user typed in Slack to what Samen posts, shared by every
 * listener: read the input (help, goals, reflect or a question), let the conversation layer
 * do it (src/conversation), render its outcome as Block Kit, post it, and handle what Slack
 * says back. A message too big for Slack is posted again in its compact form; a place Samen
 * cannot post to is reported to the user another way; every failure is logged, none is
 * thrown to Bolt.
 */
import type { types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Language, Reply } from '../../shared/reply.js';
import { ask, replyOf, type AskListener, type AskOutcome } from '../../conversation/ask.js';
import { help, type Input } from '../../conversation/commands.js';
import { goalsCommand, type GoalsView } from '../../conversation/goals.js';
import { reflectCommand, type ReflectView } from '../../conversation/reflect.js';
import { texts } from '../../conversation/texts/index.js';
import type { Tenant } from '../../storage/tenant.js';
import type { SlackDeps } from './deps.js';
import { CANNOT_POST, TOO_LONG, slackErrorCode } from './errors.js';
import { renderCaseMessage, renderGoalsModal } from './goals-render.js';
import { logIds } from './logger.js';
import type { Progress } from './progress.js';
import { reflectViewMessage, replaceOfferBlocks } from './reminder-render.js';
import { mrkdwnOf, renderAnswer, renderHelp, renderNotice, renderReply, renderSaid, type RenderOptions, type SlackMessage } from './render.js';
import { SLACK_TEXTS as T } from './texts.js';

type WebClient = webApi.WebClient;

export interface Destination {
  /** Posts a message where the answer belongs; resolves to Slack's answer. */
  post(message: SlackMessage): Promise<unknown>;
  /** Tells the user something another way when posting failed. */
  tell(text: string): Promise<unknown>;
  /** The conversation, for the "I am not a member" text, the rate limit and /goals. */
  channel?: string;
  /** Where a goals case goes when the answers go to the user alone (a command's): the channel itself. */
  postInChannel?(message: SlackMessage): Promise<unknown>;
  /** Opens a modal (the goals form); only where Slack gave a trigger (commands, buttons). */
  openModal?(view: types.ModalView): Promise<unknown>;
  /** How a model-written answer shows on its way here (progress.ts); absent: it is posted when done. */
  progress?: Progress;
}

export interface Asker {
  /** The workspace: the tenant whose conversations, cases and reminders these are. */
  scope: Tenant;
  /** The Slack user who asked, for the per-user rate limit. */
  user?: string;
  /** The thread (threadKey): a question is read with its earlier turns, and remembered there. */
  conversation?: string;
  /** False: the question stands alone (a button's), though it is remembered in the thread. */
  followUp?: boolean;
  language?: Language;
  /** Every relevant finding instead of the short answer ("More findings"). */
  all?: boolean;
  render?: RenderOptions;
  log: Logger;
}

export interface Delivered {
  outcome: AskOutcome;
  /** What Slack answered to the post (channel, ts). */
  posted: unknown;
}

async function tellSafely(dest: Destination, text: string, log: Logger): Promise<void> {
  try {
    await dest.tell(text);
  } catch (err) {
    log.warn({ code: slackErrorCode(err) }, 'could not tell the user either');
  }
}

/**
 * Posts message with post; when Slack finds it too big, its compact form (when there is one);
 * when Samen cannot post there, tells the user so. Resolves to Slack's answer, or undefined.
 */
async function postSafely(
  dest: Destination,
  message: SlackMessage,
  log: Logger,
  language: Language,
  options: { post?: (m: SlackMessage) => Promise<unknown>; compact?: () => SlackMessage } = {},
): Promise<unknown> {
  const post = options.post ?? ((m: SlackMessage) => dest.post(m));
  try {
    return (await post(message)) ?? {};
  } catch (err) {
    let code = slackErrorCode(err);
    if (TOO_LONG.has(code) && options.compact) {
      try {
        const posted = await post(options.compact());
        log.warn({ code }, 'message too big for Slack; posted the compact form');
        return posted ?? {};
      } catch (err2) {
        code = slackErrorCode(err2);
      }
    }
    const cannotPost = CANNOT_POST.has(code);
    log[cannotPost ? 'warn' : 'error']({ code, ...logIds({ channel: dest.channel }) }, 'could not post the message');
    await tellSafely(dest, cannotPost && dest.channel ? T.notInChannel[language](dest.channel) : mrkdwnOf(texts(language).failed), log);
    return undefined;
  }
}

/** Answers question at dest through the conversation layer. Resolves to the outcome when something was posted. */
export async function answerTo(deps: SlackDeps, dest: Destination, question: string, asker: Asker): Promise<Delivered | undefined> {
  const { log } = asker;
  const { progress } = dest;
  // Progress is shown in order, beside the answering: a slow Slack call never holds up the model.
  let shown = Promise.resolve();
  const listener: AskListener | undefined =
    progress &&
    ((event) => {
      shown = shown
        .then(() => (event.kind === 'writing' ? progress.start(event.language) : progress.point(event.text)))
        .catch((err: unknown) => log.warn({ code: slackErrorCode(err) }, 'could not show the answer on its way'));
    });
  const outcome = await ask(
    { core: deps.core, state: deps.state, scheduler: deps.scheduler, language: deps.language, logger: log },
    {
      question,
      scope: asker.scope,
      userId: asker.user,
      channelId: dest.channel,
      conversation: asker.conversation,
      followUp: asker.followUp,
      language: asker.language,
      all: asker.all,
    },
    listener,
  );
  await shown;
  // Where progress shows (a stream, a placeholder), the answer takes its place; else it is posted.
  const post = progress ? async (m: SlackMessage) => (await progress.finish(m)) ?? dest.post(m) : undefined;
  const reply: Reply | undefined = replyOf(outcome);
  if (!reply) {
    if (outcome.kind === 'busy' || outcome.kind === 'failed') {
      const notice = mrkdwnOf(outcome.notice);
      const replaced = progress && (await progress.finish(renderNotice(notice)).catch(() => undefined));
      if (!replaced) await tellSafely(dest, notice, log);
    }
    return undefined;
  }
  const posted = await postSafely(dest, renderAnswer(reply, asker.render), log, reply.language, {
    post,
    compact: () => renderReply(reply, { ...asker.render, compact: true }),
  });
  return posted === undefined ? undefined : { outcome, posted };
}

/** What a user typed, read as one of the conversation's inputs: each answered at dest. */
export async function respondTo(deps: SlackDeps, dest: Destination, input: Input, asker: Asker): Promise<Delivered | undefined> {
  const language = asker.language ?? deps.language;
  const where = { ...asker.scope, channelId: dest.channel ?? asker.user ?? 'unknown', language };
  switch (input.kind) {
    case 'help':
      await postSafely(dest, renderHelp(help(language)), asker.log, language);
      return undefined;
    case 'goals':
      await showGoals(await goalsCommand(deps.goals, where, input.args), dest, asker.log);
      return undefined;
    case 'reflect':
      await showReflect(await reflectCommand(deps.reminders, where, input.args, language), dest, asker.log, deps.publicUrl);
      return undefined;
    case 'question':
      return answerTo(deps, dest, input.question, asker);
  }
}

/** A goals command's view: notices where the answers go, a case in the channel, the new-case form in a modal. */
async function showGoals(view: GoalsView, dest: Destination, log: Logger): Promise<void> {
  const { language } = view;
  switch (view.kind) {
    case 'new-form':
      if (dest.openModal && dest.channel) {
        try {
          await dest.openModal(renderGoalsModal(view.doc, { c: dest.channel, v: 0, l: language }, {}, language));
          return;
        } catch (err) {
          log.warn({ code: slackErrorCode(err) }, 'could not open the goals form');
        }
      }
      // No trigger for a form here (a mention): the command names the case instead.
      await postSafely(dest, renderSaid(texts(language).goals.aliasFirst), log, language);
      return;
    case 'case':
    case 'conflict':
      await postSafely(dest, renderCaseMessage(view.doc, language, view.kind === 'case' ? view.note : undefined), log, language, {
        post: dest.postInChannel,
      });
      return;
    default: {
      if (view.kind === 'notice' && view.failed !== undefined) log.error({ err: view.failed, code: slackErrorCode(view.failed) }, 'goals failed');
      await postSafely(dest, renderSaid(view.body, view.heading), log, language);
    }
  }
}

/** A reflect command's view: the text, and for a second reminder the offer to replace the first. */
async function showReflect(view: ReflectView, dest: Destination, log: Logger, publicUrl?: string): Promise<void> {
  const text = mrkdwnOf(view.body);
  if (view.kind === 'notice' && view.failed !== undefined) log.error({ err: view.failed }, 'reflect failed');
  const message =
    view.kind === 'offer-replace'
      ? { text, blocks: replaceOfferBlocks(text, view.proposed, view) }
      : view.kind === 'trend' || view.kind === 'export'
        ? reflectViewMessage(view, publicUrl)
        : renderSaid(view.body);
  await postSafely(dest, message, log, view.language);
}

/**
 * Tells one user something in a conversation: an ephemeral message there, or, when Samen
 * cannot post there, a direct message.
 */
export async function tellUser(
  client: WebClient,
  where: { channel: string; user?: string; threadTs?: string },
  text: string,
): Promise<void> {
  if (!where.user) return;
  try {
    await client.chat.postEphemeral({ channel: where.channel, user: where.user, text, thread_ts: where.threadTs });
  } catch {
    await client.chat.postMessage({ channel: where.user, text });
  }
}

/** Options for every message Samen posts: links in sources are not unfurled into previews. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;
