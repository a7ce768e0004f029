/**
 * All of Samen's settings, in one zod schema, read from the environment (and a `.env`
 * file when present). Each setting keeps the name of its environment variable, so adding
 * a channel's settings is adding lines here. A missing or malformed setting stops start-up
 * with a message that names it, and never repeats a secret's value.
 */
import { existsSync, statSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

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

// ---- Teams (Bot Framework) --------------------------------------------------------------
// Names are Bot Framework's own (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD,
// MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE), so an Azure Bot's values go in unchanged.
// The channel resolves them into its credentials (teamsSettings in src/channels/teams/settings.ts).

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant is its GUID or one of its domain names (contoso.onmicrosoft.com). */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];


/** Accepts any capitalisation (botbuilder's own samples write UserAssignedMsi). */
const appType = z.preprocess(
  (v) => (typeof v === 'string' ? (APP_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v) : v),
  z.enum(APP_TYPES, { error: `must be one of: ${APP_TYPES.join(', ')}` }),
);

/** The Teams fields of Samen's settings schema (spread into ConfigSchema below). */
export const TEAMS_CONFIG_FIELDS = {
  /** Teams: the bot's Microsoft Entra application (client) id (Azure Bot → Configuration). */
  MICROSOFT_APP_ID: optional(
    z.string().trim().regex(GUID, 'must be the application (client) id: a GUID like 00000000-0000-0000-0000-000000000000'),
  ),
  /** Teams: a client secret of that application (SingleTenant and MultiTenant). */
  MICROSOFT_APP_PASSWORD: optional(z.string().min(8, 'is too short to be a client secret')),
  /** Teams: the directory (tenant) id the application lives in (SingleTenant, UserAssignedMSI). */
  MICROSOFT_APP_TENANT_ID: optional(
    z.string().trim().refine((v) => GUID.test(v) || DOMAIN.test(v), 'must be a tenant id (a GUID) or a domain such as contoso.onmicrosoft.com'),
  ),
  /** Teams: SingleTenant, MultiTenant or UserAssignedMSI; default SingleTenant with a tenant id, else MultiTenant. */
  MICROSOFT_APP_TYPE: optional(appType),
  /** Teams: certificate credentials instead of a secret: the certificate's thumbprint... */
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: optional(
    z.string().trim().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/i, 'must be the certificate thumbprint: 40 (SHA-1) or 64 (SHA-256) hex digits'),
  ),
  /** ...and a PEM file with its private key. */
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: optional(
    z.string().refine((p) => existsSync(p) && statSync(p).isFile(), 'must be the path of a readable PEM file'),
  ),
  /** Teams on (default) or off. Off lets a production server run without Microsoft credentials. */
  TEAMS_ENABLED: optional(z.stringbool({ error: 'must be true or false' })),
};

/** The settings the Teams checks read (a subset of Samen's Config). */
export interface TeamsConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  SAMEN_LANGUAGE: 'nl' | 'en';
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TENANT_ID?: string;
  MICROSOFT_APP_TYPE?: AppType;
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT?: string;
  MICROSOFT_APP_CERTIFICATE_KEY_FILE?: string;
  TEAMS_ENABLED?: boolean;
}

export interface TeamsSettingIssue {
  setting: keyof TeamsConfig;
  message: string;
}

/** The app type in force: the one set, else SingleTenant when a tenant is given, else MultiTenant. */
export function effectiveAppType(c: Pick<TeamsConfig, 'MICROSOFT_APP_TYPE' | 'MICROSOFT_APP_TENANT_ID'>): AppType {
  return c.MICROSOFT_APP_TYPE ?? (c.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
}

/**
 * Checks that combine Teams settings; ConfigSchema reports each as a setting problem.
 * Without MICROSOFT_APP_ID the endpoint runs unauthenticated (Emulator, Agents
 * Playground), which production refuses unless Teams is turned off.
 */
export function teamsConfigIssues(c: TeamsConfig): TeamsSettingIssue[] {
  const issues: TeamsSettingIssue[] = [];
  const add = (setting: keyof TeamsConfig, message: string) => issues.push({ setting, message });
  if (c.TEAMS_ENABLED === false) return issues;

  const secret = c.MICROSOFT_APP_PASSWORD !== undefined;
  const thumbprint = c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT !== undefined;
  const keyFile = c.MICROSOFT_APP_CERTIFICATE_KEY_FILE !== undefined;

  if (!c.MICROSOFT_APP_ID) {
    const dependents = (
      [
        'MICROSOFT_APP_PASSWORD',
        'MICROSOFT_APP_TENANT_ID',
        'MICROSOFT_APP_TYPE',
        'MICROSOFT_APP_CERTIFICATE_THUMBPRINT',
        'MICROSOFT_APP_CERTIFICATE_KEY_FILE',
      ] as const
    ).filter((k) => c[k] !== undefined);
    if (dependents.length) add('MICROSOFT_APP_ID', `is required when ${dependents.join(', ')} ${dependents.length > 1 ? 'are' : 'is'} set`);
    else if (c.NODE_ENV === 'production') {
      add(
        'MICROSOFT_APP_ID',
        "is required when NODE_ENV=production: without credentials Teams' /api/messages would accept unauthenticated requests. " +
          'Set MICROSOFT_APP_ID with its credentials (see manifest/teams/README.md), or TEAMS_ENABLED=false to run without Teams',
      );
    }
    return issues;
  }

  if (thumbprint !== keyFile) {
    add(
      thumbprint ? 'MICROSOFT_APP_CERTIFICATE_KEY_FILE' : 'MICROSOFT_APP_CERTIFICATE_THUMBPRINT',
      'is required with MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE: set both or neither',
    );
  }
  const type = effectiveAppType(c);
  if (type === 'UserAssignedMSI') {
    if (!c.MICROSOFT_APP_TENANT_ID) add('MICROSOFT_APP_TENANT_ID', 'is required with MICROSOFT_APP_TYPE=UserAssignedMSI');
    if (secret) add('MICROSOFT_APP_PASSWORD', 'must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity has no secret)');
    if (thumbprint || keyFile) {
      add('MICROSOFT_APP_CERTIFICATE_THUMBPRINT', 'must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI');
    }
    return issues;
  }
  if (type === 'SingleTenant' && !c.MICROSOFT_APP_TENANT_ID) {
    add('MICROSOFT_APP_TENANT_ID', 'is required with MICROSOFT_APP_TYPE=SingleTenant');
  }
  if (!secret && !thumbprint && !keyFile) {
    add('MICROSOFT_APP_PASSWORD', `is required with MICROSOFT_APP_ID (${type}), unless a certificate is set instead`);
  }
  if (secret && (thumbprint || keyFile)) {
    add('MICROSOFT_APP_PASSWORD', 'must not be set together with a certificate: choose one credential');
  }
  return issues;
}

/** The Teams app package's own settings (npm run teams:package); the server does not use them. */
const TEAMS_PACKAGE_FIELDS = {
  /** The Teams app's own id (the manifest's id); unset: the bot's MICROSOFT_APP_ID. */
  TEAMS_APP_ID: optional(z.string().trim().regex(GUID, 'must be a GUID like 00000000-0000-0000-0000-000000000000')),
  /** The Samen server's public address; its host goes into the manifest's validDomains. */
  SAMEN_PUBLIC_URL: optional(
    z.string().trim().refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', 'must be an https:// URL (Teams reaches the bot over HTTPS)'),
  ),
};

/**
 * What `npm run teams:package` reads: the bot's app id and the package's own settings. A
 * schema of its own, so packaging does not need the bot's other credentials.
 */
const TeamsPackageSchema = z.object({ MICROSOFT_APP_ID: TEAMS_CONFIG_FIELDS.MICROSOFT_APP_ID, ...TEAMS_PACKAGE_FIELDS });
export type TeamsPackageConfig = z.output<typeof TeamsPackageSchema>;

// ---- All settings ------------------------------------------------------------------------

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
    /** Where the search index is saved; unset: knowledge/index (DEFAULT_INDEX_DIR of src/retrieval/index.ts). */
    SAMEN_INDEX_DIR: optional(z.string()),

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
    /** The Teams app package (npm run teams:package only): TEAMS_APP_ID and SAMEN_PUBLIC_URL. */
    ...TEAMS_PACKAGE_FIELDS,
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
  return parseWith(ConfigSchema, env);
}

function parseWith<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
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

/** loadConfig for `npm run teams:package`: only the settings the Teams app package needs. */
export function loadTeamsPackageConfig(options: { envFile?: string } = {}): TeamsPackageConfig {
  loadDotenv({ path: options.envFile, quiet: true });
  return parseWith(TeamsPackageSchema, process.env);
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
