/** The reply model as a Teams message: limits, citations, cards, for every evaluation question. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/shared/reply.js';
import { MESSAGES } from '../../../src/answer/messages.js';
import {
  LIMITS,
  MAX_CITATIONS,
  MESSAGE_BUDGET,
  answerText,
  escapeText,
  messageBytes,
  renderReply,
  shorten,
  type TeamsMessage,
} from '../../../src/channels/teams/render.js';
import { testEngine } from '../../helpers/engine.js';
import { adaptiveCardProblems } from '../../../src/support/teams-activities.js';

const engine = testEngine();
const questions = readFileSync(new URL('../../eval/questions.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

function citations(message: TeamsMessage) {
  return message.entities?.[0]?.citation ?? [];
}

/** Every card in a message: the attachment and each citation's pop-up. */
function cards(message: TeamsMessage): unknown[] {
  return [
    ...(message.attachments ?? []).map((a) => a.content),
    ...citations(message)
      .filter((c) => c.appearance.text)
      .map((c) => JSON.parse(c.appearance.text!) as unknown),
  ];
}

function manyCitations(): Reply {
  // "More findings": every relevant finding, more than Teams shows as citations.
  const reply = engine.answer('What helps communication between agencies?', { all: true });
  expect(reply.citations.length).toBeGreaterThan(MAX_CITATIONS);
  return reply;
}

describe('Teams rendering', () => {
  it('gives Teams at most ten citations, and keeps every source in the text and the card', () => {
    const reply = manyCitations();
    const message = renderReply(reply);
    expect(citations(message).map((c) => c.position)).toEqual(reply.citations.filter((c) => c.n <= 10).map((c) => c.n));
    const sources = JSON.stringify(message.attachments![0].content);
    for (const c of reply.citations) {
      expect(sources).toContain(`[${c.n}] **`);
      // A [n] only where Teams has its citation; past ten, the source by number.
      expect(message.text).toContain(c.n <= 10 ? `[${c.n}]` : `(source ${c.n})`);
      if (c.n > 10) expect(message.text).not.toContain(`[${c.n}]`);
    }
  });

  it('cites the verbatim passage: abstract and pop-up come from the quote, keywords from the studies', () => {
    const reply = manyCitations();
    const [first] = citations(renderReply(reply));
    const source = reply.citations[0];
    expect(first.appearance.abstract).toBe(shorten(source.quote, LIMITS.citationAbstract));
    expect(first.appearance.name).toBe(shorten(`${source.sourceTitle}, ${source.location}`, LIMITS.citationName));
    expect(first.appearance.keywords ?? []).toEqual(source.studies.slice(0, 3).map((s) => shorten(s, LIMITS.keyword)));
    expect(first.appearance.text).toContain(JSON.stringify(source.quote).slice(1, 60));
  });

  it('shortens quotes, then drops them, to stay within the message budget, with cards still valid', () => {
    const reply = manyCitations();
    const full = renderReply(reply);
    // Sizes as Teams counts them, in UTF-16: two bytes a character.
    for (const budget of [Math.floor(messageBytes(full) * 0.8), 28_000, 20_000]) {
      const message = renderReply(reply, { budget });
      expect(messageBytes(message)).toBeLessThanOrEqual(Math.max(budget, 20_000));
      expect(message.text).toBe(full.text);
      expect(citations(message).length).toBe(citations(full).length);
      for (const card of cards(message)) expect(adaptiveCardProblems(card)).toEqual([]);
    }
    const tight = JSON.stringify(renderReply(reply, { budget: Math.floor(messageBytes(full) * 0.8) }).attachments);
    expect(tight).toContain(MESSAGES.sourcesHeading.en);
  });

  it('never writes more [n] markers than citation entities, also for a "more findings" answer with over ten sources', () => {
    const reply = engine.answer('Wat helpt bij de communicatie tussen instanties?', { all: true });
    expect(reply.citations.length).toBeGreaterThan(MAX_CITATIONS);
    const message = renderReply(reply);
    const markers = new Set([...message.text!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    expect([...markers].sort((a, b) => a - b)).toEqual(citations(message).map((c) => c.position).sort((a, b) => a - b));
    // The sources past ten are named by number and listed in the card.
    expect(message.text).toContain(`(bron ${MAX_CITATIONS + 1})`);
    expect(JSON.stringify(message.attachments)).toContain(`[${MAX_CITATIONS + 1}]`);
  });

  it('renders every evaluation question within Teams limits, with valid cards', () => {
    expect(questions.length).toBeGreaterThan(50);
    for (const q of questions) {
      const reply = engine.answer(q);
      const message = renderReply(reply);
      expect(messageBytes(message), q).toBeLessThanOrEqual(MESSAGE_BUDGET);
      expect(citations(message).length, q).toBeLessThanOrEqual(MAX_CITATIONS);
      for (const c of citations(message)) {
        expect(message.text, q).toContain(`[${c.position}]`);
        expect(c.appearance.name.length).toBeLessThanOrEqual(LIMITS.citationName);
        expect(c.appearance.abstract.length).toBeLessThanOrEqual(LIMITS.citationAbstract);
        for (const k of c.appearance.keywords ?? []) expect(k.length).toBeLessThanOrEqual(LIMITS.keyword);
      }
      if (reply.kind === 'answer' || reply.kind === 'out-of-scope') {
        // Extractive replies are not labelled as AI-generated (an LLM reply is: tests/channels/teams/llm.test.ts).
        expect(message.entities?.[0]?.additionalType, q).toBeUndefined();
        expect(message.channelData?.feedbackLoopEnabled, q).toBe(true);
      }
      for (const card of cards(message)) expect(adaptiveCardProblems(card), q).toEqual([]);
    }
  });

  it('writes the points as a markdown list under their headings', () => {
    const reply = manyCitations();
    const text = answerText(reply);
    for (const s of reply.sections) {
      expect(text).toContain(`**${s.heading}**\n- `);
      for (const p of s.points) expect(text).toContain(`- ${p.text} ${p.citations.map((n) => (n <= 10 ? `[${n}]` : ` (source ${n})`)).join('')}`);
    }
  });

  it('keeps angle brackets from being read as markup, and shortens at a word', () => {
    expect(escapeText('a <b>bold</b> & claim')).toBe('a &lt;b&gt;bold&lt;/b&gt; & claim');
    expect(shorten('one two three four five', 14)).toBe('one two three…');
    expect(shorten('short', 14)).toBe('short');
    expect(shorten('x'.repeat(30), 10)).toHaveLength(10);
  });

  it('renders a notice as plain text without AI label or feedback', () => {
    const message = renderReply({
      kind: 'notice',
      language: 'en',
      question: '',
      title: 'Busy',
      intro: ['Try again <later>.'],
      sections: [],
      citations: [],
      followUps: [],
      mode: 'extractive',
    });
    expect(message).toEqual({ type: 'message', text: '**Busy**\n\nTry again &lt;later&gt;.', textFormat: 'markdown' });
  });
});
