/**
 * Playing Slack toward Samen: signed HTTP requests (events, slash commands, interactions)
 * shaped like Slack's, and builders for their payloads.
 */
import { signSlackRequest } from '../../src/support/slack-signature.js';
import { FAKE_TEAM } from '../../src/support/fake-slack.js';

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

/** A fresh message ts, unique within the run. */
export function newTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(100000 + next()).padStart(6, '0')}`;
}

export function eventCallback(event: Record<string, unknown>, options: { eventId?: string } = {}) {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM.team_id,
    api_app_id: FAKE_TEAM.app_id,
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${Date.now()}${next()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: FAKE_TEAM.team_id, user_id: FAKE_TEAM.user_id, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function mentionEvent(text: string, options: { channel?: string; user?: string; ts?: string; threadTs?: string } = {}) {
  const ts = options.ts ?? newTs();
  return {
    type: 'app_mention',
    user: options.user ?? 'U0ASKER',
    text: `<@${FAKE_TEAM.user_id}> ${text}`,
    ts,
    channel: options.channel ?? 'C0GENERAL',
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export function messageEvent(
  text: string,
  options: { channel?: string; channelType?: 'im' | 'channel' | 'group' | 'mpim'; user?: string; ts?: string; threadTs?: string } = {},
) {
  return {
    type: 'message',
    user: options.user ?? 'U0ASKER',
    text,
    ts: options.ts ?? newTs(),
    channel: options.channel ?? 'C0GENERAL',
    channel_type: options.channelType ?? 'channel',
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export interface Sent {
  status: number;
  text: string;
  /** Time from sending to the complete response (the acknowledgement). */
  ms: number;
}

export interface SendOptions {
  /** Unix seconds for X-Slack-Request-Timestamp (default now). */
  timestamp?: number;
  /** Sign with this secret instead of the right one. */
  secret?: string;
  headers?: Record<string, string>;
}

export class SlackSender {
  constructor(
    readonly endpoint: string,
    readonly signingSecret: string,
  ) {}

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<Sent> {
    const signature = signSlackRequest(options.secret ?? this.signingSecret, body, options.timestamp);
    const started = performance.now();
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signature, ...options.headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  }

  /** An Events API request; retryNum adds the headers of Slack's retries. */
  event(body: object, options: SendOptions & { retryNum?: number } = {}): Promise<Sent> {
    const headers = { ...options.headers };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return this.send(JSON.stringify(body), 'application/json', { ...options, headers });
  }

  /** A slash command, form-encoded as Slack sends it; team: the workspace's team_id (default FAKE_TEAM's). */
  command(
    command: string,
    text: string,
    options: SendOptions & { responseUrl: string; channel?: string; user?: string; team?: string },
  ): Promise<Sent> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: options.team ?? FAKE_TEAM.team_id,
      team_domain: 'fake',
      channel_id: options.channel ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: options.user ?? 'U0ASKER',
      user_name: 'asker',
      command,
      text,
      api_app_id: FAKE_TEAM.app_id,
      is_enterprise_install: 'false',
      response_url: options.responseUrl,
      trigger_id: `${next()}.trigger`,
    });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An interaction (block_actions, view_submission): a form with one `payload` field. */
  interaction(payload: object, options: SendOptions = {}): Promise<Sent> {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.send(form.toString(), 'application/x-www-form-urlencoded', options);
  }
}

/** Finds a button in rendered blocks by action id (exact, or prefix before ':'). */
export function findButton(blocks: any[], actionId: string): any | undefined {
  for (const b of blocks ?? []) {
    const elements = b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : [];
    for (const e of elements) {
      if (e.type === 'button' && (e.action_id === actionId || e.action_id.startsWith(`${actionId}:`))) return e;
    }
  }
  return undefined;
}

/** One half of Slack's feedback buttons under an answer, as something blockAction can click. */
export function feedbackButton(blocks: any[], rating: 'helpful' | 'not_helpful'): any | undefined {
  for (const b of blocks ?? []) {
    if (b.type !== 'context_actions') continue;
    const e = b.elements.find((x: any) => x.type === 'feedback_buttons');
    if (e) return { type: 'feedback_buttons', action_id: e.action_id, value: (rating === 'helpful' ? e.positive_button : e.negative_button).value };
  }
  return undefined;
}

export function allButtons(blocks: any[]): any[] {
  return (blocks ?? []).flatMap((b: any) =>
    (b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : []).filter((e: any) => e.type === 'button'),
  );
}

/** A block_actions payload for clicking button, where the message was. */
export function blockAction(
  button: any,
  where: {
    responseUrl?: string;
    channel?: string;
    user?: string;
    messageTs?: string;
    threadTs?: string;
    ephemeral?: boolean;
    view?: boolean;
  },
) {
  const user = where.user ?? 'U0ASKER';
  const container = where.view
    ? { type: 'view', view_id: 'V0HOME' }
    : { type: 'message', message_ts: where.messageTs, channel_id: where.channel, is_ephemeral: Boolean(where.ephemeral) };
  return {
    type: 'block_actions',
    user: { id: user, username: 'asker', name: 'asker', team_id: FAKE_TEAM.team_id },
    api_app_id: FAKE_TEAM.app_id,
    token: 'legacy-verification-token',
    container,
    trigger_id: `${next()}.trigger`,
    team: { id: FAKE_TEAM.team_id, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    ...(where.channel ? { channel: { id: where.channel, name: 'general' } } : {}),
    ...(where.messageTs && !where.ephemeral && !where.view
      ? { message: { type: 'message', ts: where.messageTs, thread_ts: where.threadTs, text: 'answer', user: FAKE_TEAM.user_id } }
      : {}),
    ...(where.view ? { view: { id: 'V0HOME', type: 'home', blocks: [] } } : {}),
    ...(where.responseUrl ? { response_url: where.responseUrl } : {}),
    actions: [
      {
        action_id: button.action_id,
        block_id: 'b1',
        text: button.text,
        value: button.value,
        type: button.type ?? 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
    state: { values: {} },
  };
}
