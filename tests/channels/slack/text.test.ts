/** Slack's markup to the question: what it removes, and that it stays linear on hostile text. */
import { describe, expect, it } from 'vitest';
import { questionFromSlack } from '../../../src/channels/slack/text.js';

describe('questionFromSlack', () => {
  it('removes mentions, keeps the labels of channels and links, and undoes the escaping', () => {
    expect(questionFromSlack('<@U123> wat helpt in <#C1|casusoverleg> volgens <https://example.org|de review>? a &lt; b &amp; c')).toBe(
      'wat helpt in #casusoverleg volgens de review? a < b & c',
    );
    expect(questionFromSlack('zie <mailto:a@example.org>')).toBe('zie mailto:a@example.org');
  });

  it('reads 40,000 characters of unclosed markup (Slack’s longest message) quickly', () => {
    // Each pattern used to scan to the end of the text from every "<": 0.5 s for 40,000 characters.
    for (const unit of ['<@', '<#C|', '<https:', '<mailto:x|']) {
      const text = unit.repeat(Math.ceil(40_000 / unit.length));
      const started = performance.now();
      questionFromSlack(text);
      expect(performance.now() - started, unit).toBeLessThan(200);
    }
  });
});
