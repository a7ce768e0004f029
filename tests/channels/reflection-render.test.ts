/**
 * The trend in each channel's terms: Slack shows the chart only where it can fetch it
 * (SAMEN_PUBLIC_URL), the cards always carry the text; the reminder's answer controls are
 * valid Block Kit and a valid Adaptive Card, and a preview has none.
 */
import { describe, expect, it } from 'vitest';
import { reminderCard, trendCard } from '../../src/cards/index.js';
import { reminderBlocks, reflectViewMessage } from '../../src/channels/slack/reminder-render.js';
import { TEAMS_CARD_STYLE } from '../../src/channels/teams/render.js';
import type { ReflectView } from '../../src/conversation/reflect.js';
import type { ReminderMessage } from '../../src/reminders/delivery.js';
import { PREVIEW_ID } from '../../src/reminders/service.js';
import { slackMessageProblem } from '../../src/support/fake-slack.js';
import { adaptiveCardProblems } from '../../src/support/teams-activities.js';
import { PROMPTS } from '../reminders/helpers.js';

const trend: Extract<ReflectView, { kind: 'trend' }> = {
  kind: 'trend',
  language: 'en',
  heading: 'Reflection trend, last 8 weeks',
  body: [{ p: ['Roles: 2.0 → 1.5 (↓ falling) · point of attention'] }],
  chart: { weeks: ['2025-06-05', '2025-06-26'], series: [{ id: 'roles', values: [2, 1.5] }] },
  chartAlt: 'Line chart',
  ask: [{ label: 'Ask Samen more', question: 'Who does what?' }],
};

const message = (reminderId: string): ReminderMessage => ({
  reminderId,
  occurrence: '2025-06-26T12:00:00.000Z',
  language: 'en',
  questions: PROMPTS.slice(0, 3).map((p) => ({ id: p.id, text: p.question.en, citation: p.citation.en, citationText: 'Source: x' })),
  goals: { cases: [] },
  respondents: 3,
  attention: [{ promptId: PROMPTS[0].id, question: PROMPTS[0].question.en, latest: 1.5, evidence: PROMPTS[0].evidence.en, askMore: PROMPTS[0].askMore.en }],
  recap: { wentWell: [PROMPTS[1].question.en], needsAttention: [PROMPTS[0].question.en], casesDue: [{ alias: 'gezin-A', reviewDate: '2025-06-01' }] },
});

describe('the trend and the answer controls per channel', () => {
  it('Slack: the chart as an image only with a public URL; the text and the ask button always', () => {
    const withUrl = reflectViewMessage(trend, 'https://samen.example.org/');
    expect(slackMessageProblem(withUrl)).toBeUndefined();
    const image = withUrl.blocks.find((b) => b.type === 'image') as { image_url: string } | undefined;
    expect(image?.image_url).toMatch(/^https:\/\/samen\.example\.org\/charts\/reflection-trend\.svg\?w=2025-06-05%2C2025-06-26&s=roles%3A2%2C1\.5$/);
    const without = reflectViewMessage(trend);
    expect(without.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(without.text).toContain('point of attention');
    expect(JSON.stringify(without.blocks)).toContain('"value":"Who does what?"');
  });

  it('cards: the chart where its URL is given, valid Adaptive Cards', () => {
    const card = trendCard(trend, TEAMS_CARD_STYLE, 'https://samen.example.org/charts/reflection-trend.svg?w=2025-06-05&s=roles:2');
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body.some((e) => e.type === 'Image')).toBe(true);
    expect(trendCard(trend, TEAMS_CARD_STYLE).body.some((e) => e.type === 'Image')).toBe(false);
  });

  it('the reminder with its recap, point of attention and answer controls is valid in both; a preview has no controls', () => {
    const blocks = reminderBlocks(message('r1'));
    expect(slackMessageProblem({ text: 'x', blocks })).toBeUndefined();
    const text = JSON.stringify(blocks);
    expect(text).toContain('3 people answered.');
    expect(text).toContain('gezin-A (2025-06-01)');
    expect(text).toContain('What the reviews say about this');
    const card = reminderCard(message('r1'), TEAMS_CARD_STYLE);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body.filter((e) => e.type === 'Input.ChoiceSet')).toHaveLength(3);
    const preview = reminderCard(message(PREVIEW_ID), TEAMS_CARD_STYLE);
    expect(preview.body.some((e) => e.type.startsWith('Input.'))).toBe(false);
    expect(JSON.stringify(reminderBlocks(message(PREVIEW_ID)))).not.toContain('samen_reflection_rate');
  });
});
