/**
 * All of Samen's settings, in one zod schema, read from the environment (and a `.env`
 * file when present). Each setting keeps the name of its environment variable, so adding
 * a channel's settings is adding lines here. A missing or malformed setting stops start-up
 * with a message that names it, and never repeats a secret's value.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { TEAMS_CONFIG_FIELDS, teamsConfigIssues } from './channels/teams/settings.js';

/** An empty variable (`FOO=`) counts as unset, so a blank line in `.env` never trips validation. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unsetIfEmpty, schema.default(fallback as never));

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });
const portNumber = (() => {
  const error = 'must be a whole number from 0 to 65535';
  return z.coerce.number({ error }).int(error).min(0, error).max(65535, error);
})();
const noSpaces = (what: string) => z.string().regex(/^\S+$/, `must be one ${what} without spaces`);
const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL');

export const ConfigSchema = z
  .object({
    NODE_ENV: withDefault(oneOf(['development', 'production', 'test']), 'development'),
    /** The one HTTP server's port; 0 picks a free one (tests). */
    PORT: withDefault(portNumber, 3978),
    /** Interface to listen on: this machine only by default; 0.0.0.0 to accept other machines (containers, a proxy elsewhere). */
    HOST: withDefault(z.string(), '127.0.0.1'),
    /** The local web chat at /; see webChatSettings for when it is served. */
    WEB_CHAT_ENABLED: z.preprocess(unsetIfEmpty, z.stringbool({ error: 'must be true or false' }).prefault('true')),
    /** The web chat's access token (a bearer, or typed into its login form); without it the web chat has no login. */
    WEB_CHAT_TOKEN: optional(z.string().min(16, 'must be at least 16 characters: a long random string, e.g. from `openssl rand -base64 24`')),
    LOG_LEVEL: withDefault(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    /** Language of Samen's own texts (help, home tab) when a question does not decide it. */
    SAMEN_LANGUAGE: withDefault(oneOf(['nl', 'en']), 'nl'),
    /** The embedded database's directory. */
    SAMEN_DATA_DIR: withDefault(z.string(), './data'),
    /** A PostgreSQL server; when unset the embedded database in SAMEN_DATA_DIR is used. */
    DATABASE_URL: optional(
      z.string().refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), {
        message: 'must be a postgres:// or postgresql:// URL',
      }),
    ),
    /** Salt for hashing user ids in stored feedback; a random per-database salt when unset. */
    SAMEN_HASH_SALT: optional(z.string().min(16, 'must be at least 16 characters')),

    /** Slack: the bot token (OAuth & Permissions → Bot User OAuth Token). */
    SLACK_BOT_TOKEN: optional(noSpaces('token').startsWith('xoxb-', 'must be a bot token starting with xoxb-')),
    /** Slack: the signing secret (Basic Information → App Credentials); HTTP mode. */
    SLACK_SIGNING_SECRET: optional(noSpaces('secret').min(8, 'is too short to be a Slack signing secret')),
    /** Slack: an app-level token with connections:write; turns on Socket Mode. */
    SLACK_APP_TOKEN: optional(noSpaces('token').startsWith('xapp-', 'must be an app-level token starting with xapp-')),
    /** Slack: where the Web API lives (default https://slack.com/api/); for tests and proxies. */
    SLACK_API_URL: optional(httpUrl),

    /** Language model (optional): an API key turns on model-written, verified answers; unset means extractive answers. */
    OPENAI_API_KEY: optional(noSpaces('key')),
    /** Chat model name (OpenAI, Azure deployment, or the name a local OpenAI-compatible server knows). */
    OPENAI_MODEL: withDefault(z.string().min(1), 'gpt-4o-mini'),
    /** An OpenAI-compatible server (Azure OpenAI, Ollama, vLLM, llama.cpp); default is OpenAI itself. */
    OPENAI_BASE_URL: optional(httpUrl),
    /** Time budget for one model answer, retries included, in milliseconds; past it the extractive answer is given. */
    OPENAI_TIMEOUT_MS: withDefault(z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(600_000), 20_000),
    /** Use OpenAI embeddings for retrieval (rebuilds the index); only with OPENAI_API_KEY. */
    // prefault, not default: the default goes through stringbool too (a default 'false' would be a truthy string).
    OPENAI_EMBEDDINGS: z.preprocess(unsetIfEmpty, z.stringbool({ error: 'must be true or false' }).prefault('false')),
    /** The embedding model with OPENAI_EMBEDDINGS (a change rebuilds the index at start-up). */
    OPENAI_EMBEDDINGS_MODEL: withDefault(z.string().min(1), 'text-embedding-3-small'),

    /** Teams: MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE, certificate, TEAMS_ENABLED. */
    ...TEAMS_CONFIG_FIELDS,
  })
  .superRefine((c, ctx) => {
    for (const issue of teamsConfigIssues(c)) ctx.addIssue({ code: 'custom', path: [issue.setting], message: issue.message });
    const slackSet = c.SLACK_SIGNING_SECRET !== undefined || c.SLACK_APP_TOKEN !== undefined;
    if (slackSet && c.SLACK_BOT_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
      });
    }
    if (c.SLACK_BOT_TOKEN !== undefined && c.SLACK_SIGNING_SECRET === undefined && c.SLACK_APP_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

export type Config = z.output<typeof ConfigSchema>;

export interface SettingProblem {
  setting: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(
      `Samen cannot start: ${problems.length === 1 ? 'a setting is' : 'some settings are'} missing or malformed.\n` +
        problems.map((p) => `  - ${p.setting} ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates settings. Messages name the setting and say what is wrong, never what the
 * value was (it may be a secret).
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    setting: String(issue.path[0] ?? '(settings)'),
    message: issue.message,
  }));
  throw new ConfigError(problems);
}

/** Reads `.env` (when present; real environment variables win) and validates process.env. */
export function loadConfig(options: { envFile?: string } = {}): Config {
  loadDotenv({ path: options.envFile, quiet: true });
  return parseConfig(process.env);
}

/** 127.0.0.0/8, ::1 and localhost: only this machine reaches a server listening there. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type WebChatSettings =
  /** WEB_CHAT_ENABLED=false. */
  | { status: 'disabled' }
  /** Production on a non-loopback HOST without WEB_CHAT_TOKEN: not served, the rest of Samen runs. */
  | { status: 'refused' }
  /** No login: on this machine, or outside production. */
  | { status: 'open'; loopback: boolean }
  /** Every route but the static files wants WEB_CHAT_TOKEN. */
  | { status: 'protected'; token: string };

/**
 * Whether and how the web chat is served. It has one shared case store and no accounts, so in
 * production anyone who can reach a non-loopback HOST would be using it: there it needs WEB_CHAT_TOKEN.
 */
export function webChatSettings(config: Config): WebChatSettings {
  if (!config.WEB_CHAT_ENABLED) return { status: 'disabled' };
  if (config.WEB_CHAT_TOKEN) return { status: 'protected', token: config.WEB_CHAT_TOKEN };
  const loopback = isLoopbackHost(config.HOST);
  if (config.NODE_ENV === 'production' && !loopback) return { status: 'refused' };
  return { status: 'open', loopback };
}

export type SlackMode = 'http' | 'socket';

export interface SlackSettings {
  mode: SlackMode;
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

/** Slack's settings when Slack is configured: Socket Mode with an app token, HTTP otherwise. */
export function slackSettings(config: Config): SlackSettings | undefined {
  if (!config.SLACK_BOT_TOKEN) return undefined;
  if (config.SLACK_APP_TOKEN) {
    return {
      mode: 'socket',
      botToken: config.SLACK_BOT_TOKEN,
      appToken: config.SLACK_APP_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      apiUrl: config.SLACK_API_URL,
    };
  }
  if (!config.SLACK_SIGNING_SECRET) return undefined;
  return {
    mode: 'http',
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    apiUrl: config.SLACK_API_URL,
  };
}
