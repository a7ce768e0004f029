/** Teams' settings in Samen's one zod schema: credentials, app types, production without them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { mountTeams, mountWithSettings } from '../../../src/channels/teams/index.js';
import { teamsSettings } from '../../../src/channels/teams/settings.js';
import { testEngine } from '../../helpers/engine.js';
import { coreFor } from '../../../src/conversation/core.js';

const APP_ID = '0b5c7a1e-2f3d-4e6a-9b8c-7d6e5f4a3b2c';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SECRET = 'Xy7~q8Q.super-secret-value_123';

function problems(env: Record<string, string>): Array<{ setting: string; message: string }> {
  try {
    parseConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.message).not.toContain(SECRET);
    return err.problems;
  }
}

function settingsOf(env: Record<string, string>) {
  return teamsSettings(parseConfig(env));
}

const dir = mkdtempSync(join(tmpdir(), 'samen-teams-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Teams settings', () => {
  it('runs unauthenticated without credentials outside production', () => {
    expect(settingsOf({})).toEqual({ language: 'nl', production: false });
  });

  it('refuses production without credentials, naming MICROSOFT_APP_ID, unless Teams is off', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      { setting: 'MICROSOFT_APP_ID', message: expect.stringContaining('is required when NODE_ENV=production') },
    ]);
    expect(problems({ NODE_ENV: 'production', TEAMS_ENABLED: 'false' })).toEqual([]);
    expect(settingsOf({ NODE_ENV: 'production', TEAMS_ENABLED: 'false' })).toBeUndefined();
  });

  it('reads SingleTenant credentials (the default when a tenant is given)', () => {
    const env = { NODE_ENV: 'production', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TENANT_ID: TENANT };
    expect(settingsOf(env)?.credentials).toEqual({ appId: APP_ID, type: 'SingleTenant', tenantId: TENANT, password: SECRET });
    expect(settingsOf({ ...env, MICROSOFT_APP_TYPE: 'SingleTenant' })?.credentials?.type).toBe('SingleTenant');
  });

  it('reads MultiTenant credentials (the default without a tenant)', () => {
    expect(settingsOf({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET })?.credentials).toMatchObject({
      type: 'MultiTenant',
    });
  });

  it('reads a user-assigned managed identity, in any capitalisation, without a secret', () => {
    const env = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMsi' };
    expect(settingsOf(env)?.credentials).toEqual({ appId: APP_ID, type: 'UserAssignedMSI', tenantId: TENANT });
    expect(problems({ ...env, MICROSOFT_APP_PASSWORD: SECRET })).toEqual([
      { setting: 'MICROSOFT_APP_PASSWORD', message: expect.stringContaining('must not be set') },
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI' })).toEqual([
      { setting: 'MICROSOFT_APP_TENANT_ID', message: expect.stringContaining('is required') },
    ]);
  });

  it('reads certificate credentials from a PEM file', () => {
    const key = join(dir, 'bot.pem');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    const env = {
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'A'.repeat(40),
      MICROSOFT_APP_CERTIFICATE_KEY_FILE: key,
    };
    expect(settingsOf(env)?.credentials?.certificate).toEqual({ thumbprint: 'A'.repeat(40), privateKey: expect.stringContaining('PRIVATE KEY') });
    expect(problems({ ...env, MICROSOFT_APP_CERTIFICATE_KEY_FILE: join(dir, 'missing.pem') })).toEqual([
      { setting: 'MICROSOFT_APP_CERTIFICATE_KEY_FILE', message: 'must be the path of a readable PEM file' },
    ]);
    expect(problems({ ...env, MICROSOFT_APP_CERTIFICATE_KEY_FILE: '' })).toEqual([
      { setting: 'MICROSOFT_APP_CERTIFICATE_KEY_FILE', message: expect.stringContaining('set both or neither') },
    ]);
  });

  it('names each missing or malformed setting, never its value', () => {
    expect(problems({ MICROSOFT_APP_PASSWORD: SECRET }).map((p) => p.setting)).toEqual(['MICROSOFT_APP_ID']);
    expect(problems({ MICROSOFT_APP_ID: 'my-bot', MICROSOFT_APP_PASSWORD: SECRET }).map((p) => p.setting)).toEqual([
      'MICROSOFT_APP_ID',
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID }).map((p) => p.setting)).toEqual(['MICROSOFT_APP_PASSWORD']);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      { setting: 'MICROSOFT_APP_TENANT_ID', message: 'is required with MICROSOFT_APP_TYPE=SingleTenant' },
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TYPE: 'Personal' })).toEqual([
      { setting: 'MICROSOFT_APP_TYPE', message: 'must be one of: SingleTenant, MultiTenant, UserAssignedMSI' },
    ]);
    expect(problems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TENANT_ID: 'not a tenant' })[0].setting).toBe(
      'MICROSOFT_APP_TENANT_ID',
    );
    expect(problems({ TEAMS_ENABLED: 'maybe' })[0]).toEqual({ setting: 'TEAMS_ENABLED', message: 'must be true or false' });
  });

  it('accepts a tenant given by its domain name', () => {
    const env = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com' };
    expect(settingsOf(env)?.credentials?.tenantId).toBe('contoso.onmicrosoft.com');
  });

  it('refuses to mount an open endpoint in production even when called directly', () => {
    expect(() => mountWithSettings(express(), { language: 'en', production: true }, { core: coreFor(testEngine(), 'en') })).toThrow(
      /NODE_ENV=production without MICROSOFT_APP_ID/,
    );
    expect(mountTeams(express(), parseConfig({ TEAMS_ENABLED: 'false' }), { core: coreFor(testEngine(), 'en') })).toBeUndefined();
  });
});
