/**
 * With credentials, botbuilder checks every request's bearer token. Without the internet:
 * Bot Framework's OpenID metadata and signing key come from a loopback server, the tokens
 * are signed with jose, and the real CloudAdapter runs behind express on loopback.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { generateKeyPair } from 'jose';
import { PasswordServiceClientCredentialFactory, TokenCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mountTeams, type TeamsChannel } from '../../../src/channels/teams/index.js';
import { testEngine } from '../../helpers/engine.js';
import { coreFor } from '../../../src/conversation/core.js';
import { FakeConnector } from '../../../src/support/fake-connector.js';
import { FakeOpenId } from '../../helpers/fake-openid.js';
import { TENANT, messageActivity, post } from '../../../src/support/teams-activities.js';

const APP_ID = '0b5c7a1e-2f3d-4e6a-9b8c-7d6e5f4a3b2c';
const OUTBOUND_TOKEN = 'outbound-token-from-entra';

/**
 * botbuilder's own credentials factory for the app id and secret (it decides which app ids
 * are valid); only the outgoing token, which would come from Microsoft Entra, is fixed.
 */
class OfflineCredentials extends PasswordServiceClientCredentialFactory {
  async createCredentials() {
    return new TokenCredentials(OUTBOUND_TOKEN);
  }
}

let connector: FakeConnector;
let openid: FakeOpenId;
let http: Server;
let endpoint: string;
let teams: TeamsChannel;

beforeAll(async () => {
  // botbuilder prints every refused token to the console; the assertions below say enough.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  connector = await FakeConnector.start();
  openid = await FakeOpenId.start();
  const app = express();
  teams = mountTeams(
    app,
    {
      NODE_ENV: 'production',
      SAMEN_LANGUAGE: 'en',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-client-secret',
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_APP_TYPE: 'SingleTenant',
    },
    {
      core: coreFor(testEngine(), 'en'),
      adapter: {
        endpoints: {
          toBotFromChannelOpenIdMetadataUrl: openid.metadataUrl,
          toBotFromEmulatorOpenIdMetadataUrl: openid.metadataUrl,
        },
        credentialsFactory: new OfflineCredentials(APP_ID, 'not-a-real-client-secret', TENANT),
      },
    },
  )!;
  http = createServer(app).listen(0, '127.0.0.1');
  await once(http, 'listening');
  endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/messages`;
});

afterAll(async () => {
  vi.restoreAllMocks();
  http?.closeAllConnections();
  await new Promise((resolve) => http?.close(resolve));
  await connector?.close();
  await openid?.close();
});

function activity() {
  return messageActivity({ serviceUrl: connector.serviceUrl, text: 'What helps with unclear roles?' });
}

async function send(body: Record<string, unknown>, authorization?: string) {
  return post(endpoint, body, authorization === undefined ? {} : { authorization });
}

/** Nothing was posted for this activity (waits a moment for a reply that should not come). */
async function expectNoReply(id: unknown) {
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(connector.recorded.filter((r) => r.activityId === id)).toEqual([]);
}

describe('Teams with credentials', () => {
  it('reports itself as authenticated', () => {
    expect(teams.authenticated).toBe(true);
    expect(teams.describe('https://samen.example.org')).toContain(`app ${APP_ID}, SingleTenant`);
  });

  it('accepts a correctly signed token and answers with its own outgoing token', async () => {
    const a = activity();
    const token = await openid.token({ audience: APP_ID, serviceUrl: connector.serviceUrl });
    const res = await send(a, `Bearer ${token}`);
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((r) => r.activityId === a.id);
    expect(reply.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(reply.activity.text).toContain('What the reviews say about');
  });

  it('refuses a request without a token with 401', async () => {
    const a = activity();
    expect((await send(a)).status).toBe(401);
    await expectNoReply(a.id);
  });

  it('refuses a token with a wrong signature with 401', async () => {
    const { privateKey: forger } = await generateKeyPair('RS256');
    const a = activity();
    const token = await openid.token({ audience: APP_ID, serviceUrl: connector.serviceUrl, key: forger });
    expect((await send(a, `Bearer ${token}`)).status).toBe(401);
    await expectNoReply(a.id);
  });

  it('refuses an expired token with 401', async () => {
    const a = activity();
    const token = await openid.token({ audience: APP_ID, serviceUrl: connector.serviceUrl, expiresIn: -3600 });
    expect((await send(a, `Bearer ${token}`)).status).toBe(401);
    await expectNoReply(a.id);
  });

  it('refuses a token for another bot with 401', async () => {
    const a = activity();
    const token = await openid.token({ audience: '11111111-2222-3333-4444-555555555555', serviceUrl: connector.serviceUrl });
    expect((await send(a, `Bearer ${token}`)).status).toBe(401);
    await expectNoReply(a.id);
  });

  it('refuses a token issued for another serviceUrl with 401', async () => {
    const a = activity();
    const token = await openid.token({ audience: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect((await send(a, `Bearer ${token}`)).status).toBe(401);
    await expectNoReply(a.id);
  });

  it('refuses a token from another issuer, and garbage, with 401', async () => {
    const a = activity();
    const token = await openid.token({ audience: APP_ID, serviceUrl: connector.serviceUrl, issuer: 'https://evil.example' });
    expect((await send(a, `Bearer ${token}`)).status).toBe(401);
    expect((await send(a, 'Bearer not.a.token')).status).toBe(401);
    expect((await send(a, `Basic ${Buffer.from('a:b').toString('base64')}`)).status).toBe(401);
    await expectNoReply(a.id);
  });
});

describe('Teams with credentials, Bot Framework’s sign-in endpoint unreachable', () => {
  it('answers any token with 503 and no details of the failure', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const gone = createServer().listen(0, '127.0.0.1');
    await once(gone, 'listening');
    const deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    await new Promise((resolve) => gone.close(resolve));

    const app = express();
    mountTeams(
      app,
      { NODE_ENV: 'production', SAMEN_LANGUAGE: 'en', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-client-secret', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'SingleTenant' },
      {
        core: coreFor(testEngine(), 'en'),
        adapter: {
          endpoints: { toBotFromChannelOpenIdMetadataUrl: deadUrl, toBotFromEmulatorOpenIdMetadataUrl: deadUrl },
          credentialsFactory: new OfflineCredentials(APP_ID, 'not-a-real-client-secret', TENANT),
        },
      },
    );
    const unreachable = createServer(app).listen(0, '127.0.0.1');
    await once(unreachable, 'listening');
    try {
      const url = `http://127.0.0.1:${(unreachable.address() as AddressInfo).port}/api/messages`;
      const a = activity();
      const token = await openid.token({ audience: APP_ID, serviceUrl: connector.serviceUrl });
      for (const authorization of [`Bearer ${token}`, 'Bearer not.a.token']) {
        const res = await post(url, a, { authorization });
        expect([401, 503]).toContain(res.status);
        expect(res.json).toEqual({ error: expect.stringMatching(/^(unauthorized|unavailable)$/) });
        expect(res.text).not.toMatch(/fetch|ECONNREFUSED|127\.0\.0\.1|at /);
      }
      // The well-formed token cannot be checked: the service is unavailable, not the sender refused.
      expect((await post(url, a, { authorization: `Bearer ${token}` })).status).toBe(503);
      await expectNoReply(a.id);
    } finally {
      unreachable.closeAllConnections();
      await new Promise((resolve) => unreachable.close(resolve));
    }
  });
});
