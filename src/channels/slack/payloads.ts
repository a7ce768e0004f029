/**
 * The shapes of what Slack sends to Samen, as far as Samen and Bolt read them: Events API
 * requests, slash commands and interactions. A signed request that does not fit is refused
 * (400 over HTTP, dropped in Socket Mode) before Bolt or a listener reads a field of it.
 * Objects are loose: Slack adds fields, and only the ones read here are checked. Values are
 * checked for their type; their shape (ids, timestamps) only where they are logged (logIds).
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().optional();

/** What Bolt itself reads of any event, to find its user and conversation. */
const boltEventFields = {
  type: text,
  user: z.union([text, z.looseObject({ id: text })]).optional(),
  channel: z.union([text, z.looseObject({ id: optionalText, creator: optionalText })]).optional(),
  channel_id: optionalText,
  item: z.looseObject({ channel: optionalText }).optional(),
  subteam: z.looseObject({ created_by: optionalText }).optional(),
  thread_ts: optionalText,
};

const MessageEvent = z.looseObject({
  ...boltEventFields,
  type: z.literal('message'),
  subtype: optionalText,
  channel: text,
  ts: text,
  text: optionalText,
  user: optionalText,
  channel_type: optionalText,
  bot_id: z.string().nullish(),
});

const AppMentionEvent = z.looseObject({
  ...boltEventFields,
  type: z.literal('app_mention'),
  channel: text,
  ts: text,
  text: optionalText,
  user: optionalText,
});

const AppHomeOpenedEvent = z.looseObject({
  ...boltEventFields,
  type: z.literal('app_home_opened'),
  user: text,
  tab: optionalText,
});

const ASSISTANT_EVENTS = ['assistant_thread_started', 'assistant_thread_context_changed'] as const;
const AssistantThreadEvent = z.looseObject({
  ...boltEventFields,
  type: z.enum(ASSISTANT_EVENTS),
  assistant_thread: z.looseObject({
    channel_id: text,
    thread_ts: text,
    user_id: optionalText,
    context: z.looseObject({}).optional(),
  }),
});

/** The events Samen listens to must have their listener's fields; any other event only Bolt's. */
const LISTENED = new Set<string>(['message', 'app_mention', 'app_home_opened', ...ASSISTANT_EVENTS]);
const OtherEvent = z.looseObject({ ...boltEventFields, type: text.refine((t) => !LISTENED.has(t)) });

const SlackEvent = z.union([MessageEvent, AppMentionEvent, AppHomeOpenedEvent, AssistantThreadEvent, OtherEvent]);

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: text,
  team_id: optionalText,
  api_app_id: optionalText,
  enterprise_id: z.string().nullish(),
  event: SlackEvent,
  authorizations: z
    .array(
      z.looseObject({
        team_id: z.string().nullish(),
        enterprise_id: z.string().nullish(),
        user_id: optionalText,
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .optional(),
});

const UrlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: text });

/** Slack tells an app that it dropped events for a while; it expects a 200. */
const AppRateLimited = z.looseObject({ type: z.literal('app_rate_limited') });

const User = z.looseObject({ id: text, team_id: optionalText });
/** Null when the app is installed org-wide. */
const Team = z.looseObject({ id: text, enterprise_id: optionalText }).nullish();

const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: User,
  team: Team,
  trigger_id: optionalText,
  response_url: optionalText,
  channel: z.looseObject({ id: text }).optional(),
  container: z
    .looseObject({ type: optionalText, channel_id: optionalText, message_ts: optionalText, is_ephemeral: z.boolean().optional() })
    .optional(),
  message: z.looseObject({ ts: text, thread_ts: optionalText }).optional(),
  view: z.looseObject({ id: text }).optional(),
  actions: z
    .array(z.looseObject({ action_id: text, type: text, block_id: optionalText, value: optionalText }))
    .min(1),
});

const InputState = z.looseObject({ value: z.string().nullish(), selected_date: z.string().nullish() });

const ViewPayload = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  user: User,
  team: Team,
  view: z.looseObject({
    id: text,
    callback_id: text,
    private_metadata: optionalText,
    app_installed_team_id: z.string().nullish(),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), InputState)) }).optional(),
  }),
});

/** Form fields: each one a single string (a repeated field would arrive as a list). */
const SlashCommand = z
  .object({
    command: z.string().startsWith('/'),
    text: optionalText,
    team_id: text,
    channel_id: text,
    user_id: text,
    response_url: text,
    trigger_id: optionalText,
  })
  .catchall(z.string());

/** Slack's check of the endpoint's certificate: answered by Bolt. */
const SslCheck = z.object({ ssl_check: z.literal('1') }).catchall(z.string());

export const SlackRequestSchema = z.union([
  EventCallback,
  UrlVerification,
  AppRateLimited,
  BlockActions,
  ViewPayload,
  SlashCommand,
  SslCheck,
]);
export type SlackRequest = z.infer<typeof SlackRequestSchema>;

/** True when a parsed body (JSON, a form, or an interaction's `payload`) is one Samen can take. */
export function isSlackRequest(body: unknown): body is SlackRequest {
  return SlackRequestSchema.safeParse(body).success;
}
