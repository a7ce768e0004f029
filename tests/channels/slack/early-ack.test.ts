import { describe, expect, it } from 'vitest';
import { validSignature } from '../../../src/channels/slack/early-ack.js';
import { signSlackRequest } from '../../../src/channels/slack/signature.js';

const SECRET = 'secret-0123456789';
const body = '{"type":"event_callback","event_id":"Ev1"}';
const now = Date.UTC(2026, 0, 1) ;
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
