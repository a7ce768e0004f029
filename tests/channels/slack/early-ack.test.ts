import { describe, expect, it } from 'vitest';
import { signatureProblem, validSignature } from '../../../src/channels/slack/early-ack.js';
import { signSlackRequest } from '../../../src/support/slack-signature.js';

const SECRET = 'secret-0123456789';
const body = '{"type":"event_callback","event_id":"Ev1"}';
const now = Date.UTC(2026, 0, 1);
const ts = Math.floor(now / 1000);
const sig = (b = body, secret = SECRET, t = ts) => signSlackRequest(secret, b, t)['x-slack-signature'];

describe('validSignature (the early acknowledgement’s check)', () => {
  it('accepts Slack’s v0 signature of this body with a recent timestamp', () => {
    expect(validSignature(SECRET, body, sig(), String(ts), now)).toBe(true);
    expect(validSignature(SECRET, body, sig(body, SECRET, ts - 299), String(ts - 299), now)).toBe(true);
  });

  it('refuses a wrong secret, another body, a stale or future timestamp, and missing headers', () => {
    expect(validSignature(SECRET, body, sig(body, 'other-secret'), String(ts), now)).toBe(false);
    expect(validSignature(SECRET, `${body} `, sig(), String(ts), now)).toBe(false);
    expect(validSignature(SECRET, body, sig(body, SECRET, ts - 301), String(ts - 301), now)).toBe(false);
    expect(validSignature(SECRET, body, sig(body, SECRET, ts + 301), String(ts + 301), now)).toBe(false);
    // The signature of another timestamp does not carry over.
    expect(validSignature(SECRET, body, sig(body, SECRET, ts - 1), String(ts), now)).toBe(false);
    expect(validSignature(SECRET, body, undefined, String(ts), now)).toBe(false);
    expect(validSignature(SECRET, body, sig(), undefined, now)).toBe(false);
    expect(validSignature(SECRET, body, 'v0=short', String(ts), now)).toBe(false);
    expect(validSignature(SECRET, body, sig(), 'not-a-number', now)).toBe(false);
  });
});

/**
 * The worked example of Slack's "Verifying requests from Slack" page
 * (https://api.slack.com/docs/verifying-requests-from-slack): a slash command's
 * form body, its timestamp and the signature Slack sent with it.
 */
const SLACK_DOCS = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
/** The clock pinned to the example's time, plus a few seconds (Bolt refuses a timestamp older than five minutes). */
const DOCS_NOW = 1531420618 * 1000 + 4_000;

describe('the signature check against Slack’s documented example (Bolt’s verifySlackRequest)', () => {
  const { signingSecret, timestamp, body: docsBody, signature } = SLACK_DOCS;

  it('accepts the example’s signature with the clock at its time', () => {
    expect(signatureProblem(signingSecret, docsBody, signature, timestamp, DOCS_NOW)).toBeUndefined();
    expect(validSignature(signingSecret, docsBody, signature, timestamp, DOCS_NOW)).toBe(true);
  });

  it('refuses it once one byte, the secret or the timestamp differs', () => {
    expect(signatureProblem(signingSecret, docsBody.replace('roadrunner', 'roadrunneR'), signature, timestamp, DOCS_NOW)).toMatch(/signature mismatch/);
    expect(signatureProblem(`${signingSecret}0`, docsBody, signature, timestamp, DOCS_NOW)).toMatch(/signature mismatch/);
    expect(signatureProblem(signingSecret, docsBody, signature, '1531420619', DOCS_NOW)).toMatch(/signature mismatch/);
    expect(signatureProblem(signingSecret, docsBody, signature.replace('v0=', 'v1='), timestamp, DOCS_NOW)).toMatch(/unknown signature version/);
  });

  it('refuses it when the clock is more than five minutes past it (Bolt) or before it (Samen)', () => {
    expect(signatureProblem(signingSecret, docsBody, signature, timestamp, 1531420618 * 1000 + 301_000)).toMatch(/stale/);
    expect(signatureProblem(signingSecret, docsBody, signature, timestamp, 1531420618 * 1000 - 301_000)).toMatch(/future/);
    // Just inside the window on either side.
    expect(signatureProblem(signingSecret, docsBody, signature, timestamp, 1531420618 * 1000 + 299_000)).toBeUndefined();
    expect(signatureProblem(signingSecret, docsBody, signature, timestamp, 1531420618 * 1000 - 299_000)).toBeUndefined();
  });

  it('is what the tests’ and the benchmark’s Slack signer sends for it', () => {
    expect(signSlackRequest(signingSecret, docsBody, Number(timestamp))).toEqual({
      'x-slack-signature': signature,
      'x-slack-request-timestamp': timestamp,
    });
  });
});
