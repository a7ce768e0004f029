import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/answer/engine.js';
import type { Citation, Reply } from '../../../src/shared/reply.js';
import {
  LIMITS,
  SHORT_QUOTE,
  blocksTextLength,
  escapeMrkdwn,
  renderHome,
  renderQuoteModal,
  renderReply,
  truncate,
} from '../../../src/channels/slack/render.js';
import { coreFor } from '../../../src/conversation/core.js';
import { slackBlockProblem, slackMessageProblem } from '../../../src/support/fake-slack.js';
import { allButtons, feedbackButton } from '../../helpers/slack-requests.js';

let engine: Engine;
beforeAll(() => {
  engine = createEngine();
});

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

function citation(n: number, quoteWords = 200): Citation {
  return {
    n,
    id: `finding-${n}-${'x'.repeat(20)}`,
    source: 'fmcp',
    sourceTitle: 'Review integrale samenwerking GMCP',
    location: `3. Resultaten – Tabel ${n} – ${words(6, 'loc')}`,
    studies: Array.from({ length: 12 }, (_, i) => `Author${i} et al. (20${String(i).padStart(2, '0')})`),
    quote: words(quoteWords, `quote${n}w`),
    text: words(quoteWords, `text${n}w`),
    score: 1 / n,
  };
}

/** A reply far beyond Slack's limits: many sections of many long points citing many sources. */
function hugeReply(): Reply {
  const citations = Array.from({ length: 80 }, (_, i) => citation(i + 1));
  const kinds = ['helps', 'hinders', 'actions', 'findings'] as const;
  return {
    kind: 'answer',
    language: 'nl',
    question: 'Q',
    title: `Wat de reviews zeggen over: ${words(60, 'title')}`,
    intro: [],
    sections: kinds.map((kind, s) => ({
      kind,
      heading: `Heading ${kind}`,
      points: Array.from({ length: 20 }, (_, p) => ({
        text: `Point ${s}.${p} <b>&</b> ${words(120, `p${s}_${p}_`)}`,
        citations: [((s * 20 + p) % 80) + 1, ((s * 20 + p + 1) % 80) + 1],
      })),
    })),
    citations,
    followUps: Array.from({ length: 8 }, (_, i) => `Vervolgvraag ${i} ${words(30, 'f')}?`),
    mode: 'extractive',
  };
}

/** The point lines: bullet lines of the section blocks before the sources. */
function pointTexts(blocks: any[]): string[] {
  const end = blocks.findIndex((b) => b.type === 'divider');
  return blocks
    .slice(0, end === -1 ? undefined : end)
    .filter((b) => b.type === 'section')
    .flatMap((b) => b.text.text.split('\n').filter((l: string) => l.startsWith('• ')));
}

describe('renderReply within Slack limits', () => {
  it('keeps a huge reply within every limit, cut at a point boundary with a note', () => {
    const reply = hugeReply();
    for (const options of [{}, { share: true }, { sharedBy: 'U1' }, { compact: true }]) {
      const m = renderReply(reply, options);
      expect(slackMessageProblem(m as any)).toBeUndefined();
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(blocksTextLength(m.blocks)).toBeLessThanOrEqual(LIMITS.messageChars);
      expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallback);
      for (const b of m.blocks as any[]) {
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(b.type === 'header' ? LIMITS.header : LIMITS.text);
      }
      for (const b of allButtons(m.blocks)) {
        expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect((b.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
    }

    const m = renderReply(reply);
    const lines = pointTexts(m.blocks);
    const total = reply.sections.reduce((a, s) => a + s.points.length, 0);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(total);
    // Whole points, in order, each ending with its citation marks: cut between points.
    const shown = reply.sections.flatMap((s) => s.points).slice(0, lines.length);
    lines.forEach((line, i) => {
      expect(line).toBe(`• ${escapeMrkdwn(shown[i].text)} ${shown[i].citations.map((n) => `[${n}]`).join('')}`);
    });
    const all = JSON.stringify(m.blocks);
    expect(all).toContain(`${total - lines.length} punten weggelaten`);
    // Every citation of a shown point is in the sources, and no other.
    const cited = new Set(shown.flatMap((p) => p.citations));
    const sources = (m.blocks as any[]).filter((b) => /^\*\[\d+\]\*/.test(b.text?.text ?? ''));
    expect(new Set(sources.map((b) => Number(/^\*\[(\d+)\]\*/.exec(b.text.text)![1])))).toEqual(cited);
  });

  it('renders a real answer whole: points, sources with shortened quotes, follow-ups, feedback', async () => {
    const reply = await coreFor(engine, 'nl').answer('Wat helpt bij onduidelijke rollen?');
    const m = renderReply(reply);
    expect(slackMessageProblem(m as any)).toBeUndefined();
    const all = JSON.stringify(m.blocks);
    expect(all).not.toContain('weggelaten');
    for (const c of reply.citations) {
      const block = (m.blocks as any[]).find((b) => b.text?.text?.startsWith(`*[${c.n}]*`));
      expect(block, `source ${c.n}`).toBeDefined();
      const quoteLine = block.text.text.split('\n>')[1];
      expect(quoteLine.length).toBeLessThanOrEqual(SHORT_QUOTE);
      expect(Boolean(block.accessory)).toBe(c.quote.replace(/\s+/g, ' ').trim().length > SHORT_QUOTE);
    }
    // Feedback with Slack's own buttons in a context actions block, not as two plain buttons.
    expect(feedbackButton(m.blocks, 'helpful')?.action_id).toBe('samen_feedback');
    expect(feedbackButton(m.blocks, 'not_helpful')).toBeDefined();
    expect(allButtons(m.blocks).map((b) => b.action_id)).not.toContain('samen_feedback_helpful');
    expect(m.text.startsWith(reply.title)).toBe(true);
  });

  it('renders an out-of-scope reply without sources or feedback, with examples to ask', async () => {
    const reply = await coreFor(engine, 'en').answer('How do I bake sourdough bread?');
    expect(reply.kind).toBe('out-of-scope');
    const m = renderReply(reply);
    const all = JSON.stringify(m.blocks);
    expect(all).not.toContain('Sources');
    expect(all).not.toContain('samen_feedback');
    // Nothing was cut, so no note says so.
    expect(all).not.toMatch(/Short answer|Shortened/);
    expect(m.blocks[0]).toMatchObject({ type: 'header', text: { text: 'The reviews do not cover this' } });
    expect(allButtons(m.blocks).filter((b) => b.action_id.startsWith('samen_ask:')).length).toBeGreaterThan(0);
  });

  it('keeps the fallback text within its limit for a question of any length', () => {
    const reply = { ...hugeReply(), title: `Wat de reviews zeggen over: ${'x'.repeat(10_000)}` };
    const m = renderReply(reply);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallback);
    expect(m.text.startsWith('Wat de reviews zeggen over: xxx')).toBe(true);
    expect(slackMessageProblem(m as any)).toBeUndefined();
  });

  it('escapes Slack markup in findings and truncates at a word boundary', () => {
    expect(escapeMrkdwn('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
    expect(truncate('alpha beta gamma delta', 15)).toBe('alpha beta…');
    expect(truncate('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(truncate('short', 12)).toBe('short');
  });
});

describe('modals and the home tab', () => {
  it('splits a very long quote over blocks in the quote modal', () => {
    const c = citation(3, 1500);
    const view = renderQuoteModal(c, 'en');
    expect(slackBlockProblem(view.blocks, 'modal')).toBeUndefined();
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    const quoted = view.blocks
      .map((b: any) => b.text?.text ?? '')
      .filter((t: string) => t.startsWith('>'))
      .flatMap((t: string) => t.split('\n').map((l) => l.slice(1)));
    // The whole quote, nothing cut: the pieces joined give it back.
    expect(quoted.join(' ')).toBe(c.quote);
    const text = view.blocks.map((b: any) => b.text?.text ?? '').join('');
    expect(text).toContain('In English');
  });

  it('builds a valid home tab in both languages', () => {
    for (const lang of ['nl', 'en'] as const) expect(slackBlockProblem(renderHome(lang).blocks, 'home')).toBeUndefined();
  });
});
