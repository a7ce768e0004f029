/**
 * Slack's request signature (v0): HMAC-SHA256 of `v0:timestamp:body` with the signing
 * secret. Samen verifies incoming requests with Bolt's verifySlackRequest (early-ack.ts);
 * this is what Slack does on its side, for the benchmark and the tests that play Slack.
 */
import { createHmac } from 'node:crypto';

export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hmac}`, 'x-slack-request-timestamp': String(timestamp) };
}
