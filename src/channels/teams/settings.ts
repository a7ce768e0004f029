/**
 * Teams' settings: the zod fields that src/config.ts includes in Samen's one schema, the
 * checks that combine them, and the resolved settings the channel runs with.
 *
 * Names are Bot Framework's own (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD,
 * MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE), so an Azure Bot's values go in unchanged.
 * Messages name the setting and never repeat a value (it may be a secret).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Language } from '../../answer/reply.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant is its GUID or one of its domain names (contoso.onmicrosoft.com). */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

/** Accepts any capitalisation (botbuilder's own samples write UserAssignedMsi). */
const appType = z.preprocess(
  (v) => (typeof v === 'string' ? (APP_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v) : v),
  z.enum(APP_TYPES, { error: `must be one of: ${APP_TYPES.join(', ')}` }),
);

/** The Teams fields of Samen's settings schema (spread into ConfigSchema in src/config.ts). */
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
  SAMEN_LANGUAGE: Language;
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TENANT_ID?: string;
  MICROSOFT_APP_TYPE?: AppType;
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT?: string;
  MICROSOFT_APP_CERTIFICATE_KEY_FILE?: string;
  TEAMS_ENABLED?: boolean;
}

export interface SettingIssue {
  setting: keyof TeamsConfig;
  message: string;
}

/** The app type in force: the one set, else SingleTenant when a tenant is given, else MultiTenant. */
export function effectiveAppType(c: Pick<TeamsConfig, 'MICROSOFT_APP_TYPE' | 'MICROSOFT_APP_TENANT_ID'>): AppType {
  return c.MICROSOFT_APP_TYPE ?? (c.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
}

/**
 * Checks that combine Teams settings; src/config.ts reports each as a setting problem.
 * Without MICROSOFT_APP_ID the endpoint runs unauthenticated (Emulator, Agents
 * Playground), which production refuses unless Teams is turned off.
 */
export function teamsConfigIssues(c: TeamsConfig): SettingIssue[] {
  const issues: SettingIssue[] = [];
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

export interface TeamsCredentials {
  appId: string;
  type: AppType;
  tenantId?: string;
  password?: string;
  certificate?: { thumbprint: string; privateKey: string };
}

export interface TeamsSettings {
  /** Absent: unauthenticated (Bot Framework Emulator, Microsoft 365 Agents Playground). */
  credentials?: TeamsCredentials;
  language: Language;
  production: boolean;
}

/** Teams' settings when Teams is on; undefined when TEAMS_ENABLED=false. */
export function teamsSettings(c: TeamsConfig): TeamsSettings | undefined {
  if (c.TEAMS_ENABLED === false) return undefined;
  const issues = teamsConfigIssues(c);
  if (issues.length) {
    throw new Error(`Teams settings: ${issues.map((i) => `${i.setting} ${i.message}`).join('; ')}`);
  }
  const settings: TeamsSettings = { language: c.SAMEN_LANGUAGE, production: c.NODE_ENV === 'production' };
  if (c.MICROSOFT_APP_ID) {
    settings.credentials = {
      appId: c.MICROSOFT_APP_ID,
      type: effectiveAppType(c),
      tenantId: c.MICROSOFT_APP_TENANT_ID,
      password: c.MICROSOFT_APP_PASSWORD,
      certificate:
        c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && c.MICROSOFT_APP_CERTIFICATE_KEY_FILE
          ? {
              thumbprint: c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT,
              privateKey: readFileSync(c.MICROSOFT_APP_CERTIFICATE_KEY_FILE, 'utf8'),
            }
          : undefined,
    };
  }
  return settings;
}
