import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountWeb } from '../../../src/channels/web/routes.js';
import { QuestionGuard } from '../../../src/answer/guard.js';
import { coreFor } from '../../../src/conversation/core.js';
import { testEngine } from '../../helpers/engine.js';
import { adaptiveCardProblems } from '../../../src/support/teams-activities.js';
import { validForm } from '../../goals/fixtures.js';
import { startWebServer, type WebServer } from './helpers.js';

const engine = testEngine();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  // The core with a small per-user limit (the client's IP address), so the test can reach it.
  const core = coreFor(engine, 'nl', new QuestionGuard({ perUser: { limit: 4, windowMs: 60_000 } }));
  mountWeb(app, { answer: (q, asker) => core.answer(q, asker) });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** The data of a goals card's save button (in its form, not among the card's own actions). */
function saveData(card: unknown): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  JSON.stringify(card, (_key, v) => {
    if (v?.type === 'Action.Submit' && v.data?.samen === 'goals') found ??= v.data;
    return v;
  });
  return found;
}

describe('local web chat', () => {
  it('serves the chat page, its script and Microsoft\'s Adaptive Cards renderer from node_modules', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<form id="ask"');
    expect(page).toContain('vendor/adaptivecards.min.js');
    const renderer = await fetch(`${base}/vendor/adaptivecards.min.js`);
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get('content-type')).toContain('javascript');
    expect(await renderer.text()).toContain('AdaptiveCards');
    expect((await fetch(`${base}/vendor/adaptivecards.css`)).status).toBe(200);
    expect((await fetch(`${base}/assets/chat.js`)).status).toBe(200);
    // Only those files: nothing else of node_modules or src.
    expect((await fetch(`${base}/vendor/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/vendor/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2Froutes.ts`)).status).toBe(404);
  });

  it('answers a question with the reply model and an Adaptive Card with its points, sources and quotes', async () => {
    const res = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Wat helpt bij onduidelijke rollen? <script>' }),
    });
    const body = await res.json();
    expect(body.reply.kind).toBe('answer');
    expect(adaptiveCardProblems(body.card)).toEqual([]);
    const json = JSON.stringify(body.card);
    expect(json).toContain('Bronnen');
    expect(json).toContain('[1]');
    expect(json).toContain(`“${body.reply.citations[0].quote}”`);
    // No title repeating the question: the chat shows it right above, in the user's own bubble.
    expect(JSON.stringify(body.card.body)).not.toContain('<script>');
    expect(body.reply.title).toContain('<script>');
    // Follow-ups and feedback post back to the server.
    expect(body.card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { samen: 'ask' } });
    expect(json).toContain('"samen":"feedback"');
    expect(json).not.toContain('msteams');
  });

  it('refuses an empty question; an oversized one gets a notice naming the limit', async () => {
    const post = (question: unknown) =>
      fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    expect((await post('')).status).toBe(400);
    const big = await post('x'.repeat(5000));
    expect(big.status).toBe(200);
    const body = await big.json();
    expect(body.reply).toMatchObject({ kind: 'notice', question: '' });
    expect(body.reply.intro[0]).toContain('1000');
    expect(JSON.stringify(body.card)).toContain('1000');
    expect(JSON.stringify(body.card)).not.toContain('xxxxxxxxxx');
  });

  it('limits questions per client with a friendly notice', async () => {
    const ask = async () =>
      (
        await (
          await fetch(`${base}/api/ask`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ question: 'Hoe bouw je wederzijds vertrouwen op?' }),
          })
        ).json()
      ).reply;
    // One question was answered above; the limit is 4 a minute.
    const kinds = [];
    for (let i = 0; i < 4; i += 1) kinds.push((await ask()).kind);
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'notice']);
    const refused = await ask();
    expect(refused.kind).toBe('notice');
    expect(refused.intro[0]).toMatch(/Wacht ongeveer \d+ seconden/);
  });
});

describe('local web chat with the embedded database: /goals, the reminder preview, feedback', () => {
  let web: WebServer;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${web.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const say = (question: string) => post('/api/ask', { question });
  const submit = (data: unknown) => post('/api/submit', { data });

  beforeAll(async () => {
    web = await startWebServer('nl');
  });
  afterAll(() => web?.close());

  it('reads a typed follow-up with the question before it', async () => {
    await say('Wat belemmert de informatie-uitwisseling tussen hulpverleners?');
    const followUp = (await say('en wat helpt?')).body;
    expect(followUp.reply.kind).toBe('answer');
    expect(followUp.reply.question).toMatch(/informatie-uitwisseling/);
  });

  it('/goals opens the template; its submit stores the case; /goals show shows it again', async () => {
    const opened = await say('/goals');
    expect(opened.status).toBe(200);
    const form = opened.body.card;
    expect(adaptiveCardProblems(form)).toEqual([]);
    expect(JSON.stringify(form)).toContain('"id":"alias"');
    const data = saveData(form);
    expect(data).toMatchObject({ samen: 'goals', version: 0, newCase: true });

    const saved = await submit({ ...data, ...validForm('gezin-W1') });
    expect(saved.body.replace).toBe(true);
    expect(JSON.stringify(saved.body.card)).toContain('Opgeslagen als versie 1');

    const shown = await say('/goals show gezin-W1');
    expect(adaptiveCardProblems(shown.body.card)).toEqual([]);
    expect(JSON.stringify(shown.body.card)).toContain('De kinderen gaan elke dag naar school');
  });

  it('a goals form with errors comes back with the errors; personal data is refused and not echoed', async () => {
    const invalid = await submit({ samen: 'goals', version: 0, language: 'nl', alias: 'gezin-W2', goal1_text: 'Iets' });
    expect(invalid.body.replace).toBe(true);
    expect(JSON.stringify(invalid.body.card)).toContain('"color":"Attention"');
    const personal = await submit({ samen: 'goals', version: 0, language: 'nl', ...validForm('gezin-W3'), contact: 'Bel 06-12345678' });
    expect(JSON.stringify(personal.body.card)).not.toContain('12345678');
    expect((await say('/goals show gezin-W3')).body.card.body[0].text).toMatch(/gezin-W3/);
  });

  it('never repeats detected client data: the warning comes first, and the heading holds the redacted question', async () => {
    const asked = await say('Moeder Fatima El Amrani (BSN 123456782, tel 06-12345678) werkt niet mee. Wat helpt bij onduidelijke rollen?');
    expect(asked.body.reply.kind).toBe('answer');
    expect(asked.body.reply.intro[0]).toMatch(/persoonsgegevens van een cliënt.*naam.*BSN.*telefoonnummer/);
    const shown = JSON.stringify(asked.body);
    for (const secret of ['Fatima', 'Amrani', '123456782', '12345678']) expect(shown).not.toContain(secret);
    expect(asked.body.reply.title).toContain('[name]');
  });

  it('a 64 KB goals field does not hold up the server: /healthz answers while it is refused as too long', async () => {
    // The largest field the 64 KB body limit lets through, as in the report (letters only).
    const envelope = { data: { samen: 'goals', version: 0, language: 'nl', alias: 'gezin-X1', goal1_text: '' } };
    const field = 'x'.repeat(64 * 1024 - JSON.stringify(envelope).length);
    const started = performance.now();
    const pending = submit({ ...envelope.data, goal1_text: field }).then((r) => ({ ...r, ms: performance.now() - started }));
    const health: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      expect((await fetch(`${web.server.url}/healthz`)).status).toBe(200);
      health.push(performance.now() - t);
    }
    const refused = await pending;
    // The form comes back with the length error; nothing was saved. Generous bounds for a busy machine: it froze for 9–11 s.
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.body.card)).toContain('Maximaal 300 tekens');
    expect(refused.ms).toBeLessThan(3000);
    expect(Math.max(...health)).toBeLessThan(1000);
    expect((await say('/goals show gezin-X1')).body.card.body[0].text).not.toMatch(/Versie 1/);
  });

  it('/reflect preview shows the reflection reminder card; its buttons only say what they would do', async () => {
    const preview = await say('/reflect preview');
    const card = preview.body.card;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Tijd voor het reflectiemoment');
    // The case saved above is in the /goals summary.
    expect(JSON.stringify(card)).toContain('gezin-W1');
    const done = card.actions.find((a: { data?: { action?: string } }) => a.data?.action === 'done');
    const answer = await submit(done.data);
    expect(JSON.stringify(answer.body.card)).toContain('voorbeeld');
    expect(JSON.stringify((await say('/reflect weekly thursday 14:00')).body.card)).toContain('/reflect preview');
  });

  it('/reflect shows this week\'s moment to answer: saved and counted, a note with a BSN refused and not stored; then trend (with its chart) and export', async () => {
    const moment = (await say('/reflect')).body.card;
    expect(adaptiveCardProblems(moment)).toEqual([]);
    const send = moment.actions.find((a: { data?: { samen?: string } }) => a.data?.samen === 'reflection');
    expect(send.title).toBe('Antwoorden versturen');
    const ratings = moment.body.filter((e: { type: string }) => e.type === 'Input.ChoiceSet').map((e: { id: string }) => e.id);
    expect(ratings).toHaveLength(3);
    expect(JSON.stringify(moment)).toContain('Nog niemand heeft geantwoord.');
    const [first, second] = ratings.map((id: string) => id.slice('rating_'.length));

    // A note with a BSN: the whole submission is refused, the card stays as typed (not replaced), nothing stored.
    const refused = await submit({ ...send.data, [`rating_${first}`]: '2', [`note_${first}`]: 'Vader, BSN 111222333, kwam niet' });
    expect(refused.body.replace).toBeUndefined();
    expect(JSON.stringify(refused.body.card)).toMatch(/Niet opgeslagen.*BSN/);
    expect(JSON.stringify(refused.body.card)).not.toContain('111222333');
    expect(JSON.stringify((await say('/reflect')).body.card)).toContain('Nog niemand heeft geantwoord.');

    const saved = await submit({ ...send.data, [`rating_${first}`]: '2', [`rating_${second}`]: '5', [`note_${first}`]: 'Wie belt school? Afgesproken.' });
    expect(saved.body.replace).toBe(true);
    expect(JSON.stringify(saved.body.card)).toContain('1 persoon heeft geantwoord.');
    expect(JSON.stringify(saved.body.card)).toContain('je antwoorden zijn opgeslagen');
    // Changing an answer updates it: still one person, the new score counts.
    const changed = await submit({ ...send.data, [`rating_${first}`]: '4' });
    expect(JSON.stringify(changed.body.card)).toContain('1 persoon heeft geantwoord.');
    // A score outside 1–5 is no score: nothing chosen, a clear message.
    expect(JSON.stringify((await submit({ ...send.data, [`rating_${first}`]: '9' })).body.card)).toContain('Kies eerst een score');

    const trend = (await say('/reflect trend')).body.card;
    expect(adaptiveCardProblems(trend)).toEqual([]);
    expect(JSON.stringify(trend)).toContain(': 4.0 (één week)');
    const image = trend.body.find((e: { type: string }) => e.type === 'Image');
    expect(image.url).toMatch(/^\/charts\/reflection-trend\.svg\?/);
    const chart = await fetch(`${web.server.url}${image.url}`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await chart.text()).toContain(`>${first}</text>`);
    expect((await fetch(`${web.server.url}/charts/reflection-trend.svg?w=x&s=y`)).status).toBe(400);

    const exported = (await say('/reflect export')).body.card;
    const lines = exported.body.map((b: { text: string }) => b.text);
    expect(lines).toContain('date,prompt,question,average,ratings,notes');
    expect(lines.some((l: string) => l.includes(`,${first},`) && l.endsWith(',4.00,1,1'))).toBe(true);
  });

  it('stores a thumbs up against the cited findings', async () => {
    const answer = await say('Wat helpt bij onduidelijke rollen?');
    const feedback = JSON.stringify(answer.body.card).match(/\{"samen":"feedback"[^}]*\}/)![0];
    const thanks = await submit(JSON.parse(feedback));
    expect(JSON.stringify(thanks.body.card)).toContain('Bedankt');
    expect((await submit({ samen: 'nonsense' })).status).toBe(400);
  });
});

describe('local web chat rate limit', () => {
  it('answers a client that sends too much with 429 and a notice card, and lets it in again after the window', async () => {
    const app = express();
    const core = coreFor(engine, 'nl', new QuestionGuard());
    mountWeb(app, { answer: (q, asker) => core.answer(q, asker), rateLimit: { limit: 3, windowMs: 1_000 } });
    const limited = app.listen(0, '127.0.0.1');
    await new Promise((r) => limited.once('listening', r));
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}`;
    const feedback = () =>
      fetch(`${url}/api/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { samen: 'feedback', rating: 'helpful', findingIds: [] } }),
      });
    try {
      for (let i = 0; i < 3; i += 1) expect((await feedback()).status).toBe(200);
      const refused = await feedback();
      expect(refused.status).toBe(429);
      const body = await refused.json();
      expect(adaptiveCardProblems(body.card)).toEqual([]);
      expect(JSON.stringify(body.card)).toMatch(/Wacht ongeveer \d+ seconden/);
      // Typed questions and commands count too: /goals is not behind the question guard.
      expect((await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '/goals' }) })).status).toBe(429);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await feedback()).status).toBe(200);
    } finally {
      await new Promise((r) => limited.close(r));
    }
  });
});
