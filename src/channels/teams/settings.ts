/**
 * Teams' resolved settings, the ones the channel runs with: the credentials the adapter
 * uses, read from Samen's validated settings. The settings themselves (their zod fields and
 * the checks that combine them) are in src/config.ts with all the others.
 */
import { readFileSync } from 'node:fs';
import { effectiveAppType, teamsConfigIssues, type AppType, type TeamsConfig } from '../../config.js';
import type { Language } from '../../shared/reply.js';

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
