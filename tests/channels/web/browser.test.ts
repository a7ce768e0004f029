/**
 * The local web chat in a real browser: Debian's Chromium, driven by playwright-core,
 * against the server as `npm start` runs it with no settings (embedded database). Asks a
 * question and sees the cited answer card, opens and saves a /goals case, shows it again,
 * previews the reflection reminder, answers the week's reflection moment and shows the trend.
 * Screenshots go to test-artifacts/: web-chat.png (the question and its cited answer),
 * web-chat-goals-form.png (a new case's form), web-chat-goals-saved.png (the saved case),
 * web-chat-reminder.png, web-chat-reflection.png (the reminder with its answer controls),
 * web-chat-trend.png (the trend with its chart) and
 * web-chat-full.png (the whole conversation); web-chat-login.png (the login form WEB_CHAT_TOKEN puts in front).
 *
 * Without Chromium (CHROMIUM_PATH, default /usr/bin/chromium) the test is skipped with a
 * notice, except in CI (CI=true), where it fails: .ci/run installs Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { pino } from 'pino';
import { parseConfig } from '../../../src/config.js';
import { FIELDS } from '../../../src/goals/model.js';
import { coreFor } from '../../../src/conversation/core.js';
import { startServer } from '../../../src/server/index.js';
import { testEngine } from '../../helpers/engine.js';
import { validForm } from '../../goals/fixtures.js';
import { startWebServer, type WebServer } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(`${CHROMIUM} not found: the web chat's browser test is skipped (apt-get install chromium, or set CHROMIUM_PATH).`);
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('local web chat in Chromium', { timeout: 90_000 }, () => {
  let web: WebServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests.`);
    web = await startWebServer('nl');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const samen = () => page.locator('.msg.samen');
  const lastCard = () => samen().last();
  async function say(text: string): Promise<Locator> {
    const before = await samen().count();
    await page.locator('#q').fill(text);
    await page.locator('#q').press('Enter');
    await expect.poll(() => samen().count(), { timeout: 20_000 }).toBe(before + 1);
    return lastCard();
  }

  it('asks a question and shows the cited answer as an Adaptive Card', async () => {
    await page.goto(`${web.server.url}/`);
    await page.waitForFunction(() => 'AdaptiveCards' in window);
    const answer = await say('Wat helpt bij onduidelijke rollen?');
    // Rendered by the adaptivecards renderer.
    await expect.poll(() => answer.locator('.ac-adaptiveCard').count()).toBe(1);
    const text = await answer.innerText();
    expect(text).toContain('Wat helpt');
    expect(text).toContain('Bronnen');
    expect(text).toMatch(/\[1\]/);
    // No title repeating the question: it is right above, in the user's own bubble.
    expect(text).not.toContain('Wat de reviews zeggen over');
    // A short answer fits one screen (1280×900) with its quotes folded away: the question's bubble and the
    // whole answer, follow-ups included, above the chat box. One click shows the quotes.
    expect(text).not.toMatch(/“[^”]{20,}”/);
    const bubble = page.locator('.msg.user').last();
    await bubble.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const top = (await bubble.boundingBox())!.y;
    const { y, height } = (await answer.boundingBox())!;
    const chatBox = (await page.locator('footer').boundingBox())!;
    console.info(`web chat: question and answer ${Math.round(y + height - top)} px; room above the chat box ${Math.round(chatBox.y)} px`);
    expect(y + height - top).toBeLessThanOrEqual(chatBox.y);
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat.png') });
    await answer.getByRole('button', { name: 'Toon de letterlijke passages' }).click();
    expect(await answer.innerText()).toMatch(/“[^”]{20,}”/);

    // "N more findings" answers the same question with every relevant finding.
    const sourceCount = (t: string) => (t.match(/^\[\d+\] /gm) ?? []).length;
    const more = answer.getByRole('button', { name: /^Nog \d+ bevindingen?$/ });
    const beforeMore = await samen().count();
    await more.click();
    await expect.poll(() => samen().count(), { timeout: 20_000 }).toBe(beforeMore + 1);
    expect(sourceCount(await lastCard().innerText())).toBeGreaterThan(sourceCount(text));

    // A follow-up button asks its question: shown as the user's, answered with a new card.
    const followUp = answer.getByRole('button').filter({ hasText: /\?$/ }).first();
    const question = (await followUp.innerText()).trim();
    const before = await samen().count();
    await followUp.click();
    await expect.poll(() => samen().count(), { timeout: 20_000 }).toBe(before + 1);
    expect(await page.locator('.msg.user').last().innerText()).toBe(question);
    expect(await lastCard().innerText()).toContain('Bronnen');
  });

  it('shows a question as text, never as markup', async () => {
    const answer = await say('Wat helpt bij onduidelijke rollen? <b>vet</b> <img src=x onerror="document.title=1">');
    expect(await page.locator('.msg.user').last().innerText()).toContain('<b>vet</b>');
    expect(await answer.innerText()).toContain('Bronnen');
    expect(await page.locator('#log img, #log b').count()).toBe(0);
    expect(await page.title()).toBe('Samen');
  });

  it('/goals opens a light form that fits 1,200 px; errors say what to fix; the saved case is shown once with "Bewerken"', async () => {
    const form = await say('/goals');
    expect(await form.innerText()).toContain('Samenwerkingsafspraken');
    const field = (key: string) => form.getByLabel(FIELDS.find((f) => f.key === key)!.label.nl, { exact: false }).first();
    // The alias field is empty: its placeholder shows what an alias looks like.
    expect(await field('alias').inputValue()).toBe('');
    expect(await field('alias').getAttribute('placeholder')).toContain('gezin-A7');
    // A new case: the first fields and one goal slot; the details and further goals wait behind a button.
    expect(await field('goal1_text').isVisible()).toBe(true);
    expect(await field('goal2_text').isVisible()).toBe(false);
    expect(await field('consent').isVisible()).toBe(false);
    const visibleInputs = await form.locator('input, textarea').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(visibleInputs).toBeLessThanOrEqual(8);
    await form.evaluate((el) => el.scrollIntoView());
    expect((await form.boundingBox())!.height).toBeLessThanOrEqual(1200);
    await form.screenshot({ path: join(ARTIFACTS, 'web-chat-goals-form.png') });

    // Only the alias: the renderer's own check stops the submit and says what to write, not the label again.
    await field('alias').fill('gezin-B1');
    const before = await samen().count();
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.locator('.ac-input-validation-failed').count()).toBeGreaterThan(0);
    const said = await form.innerText();
    expect(said).toContain('Vul minstens één doel in.');
    expect(said).toContain('Noem wie de regie voert');
    expect(await samen().count()).toBe(before);

    // "+ Nog een doel" shows the second slot.
    await form.getByRole('button', { name: '+ Nog een doel' }).click();
    expect(await field('goal2_text').isVisible()).toBe(true);

    // A past target date: the server says so, in place, and keeps what was typed.
    const goal = validForm('gezin-B1');
    const first = ['goal1_text', 'goal1_agencies', 'goal1_owner', 'coordinator', 'reviewDate'] as const;
    for (const key of first) await field(key).fill(goal[key]!);
    await field('goal1_date').fill('2020-01-31');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.innerText(), { timeout: 20_000 }).toContain('Deze datum is al voorbij');
    expect(await samen().count()).toBe(before);
    expect(await field('goal1_text').inputValue()).toBe(goal.goal1_text);

    // One goal and the first fields are enough to save.
    await field('goal1_date').fill(goal.goal1_date!);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.innerText(), { timeout: 20_000 }).toContain('Opgeslagen als versie 1');
    expect(await samen().count()).toBe(before);
    // Shown once: the goal appears one time on screen, the inputs are hidden until "Bewerken".
    const saved = await form.innerText();
    expect(saved.split(goal.goal1_text!).length - 1).toBe(1);
    expect(saved).toContain('Nog in te vullen');
    expect(await field('goal1_text').isVisible()).toBe(false);
    await form.evaluate((el) => el.scrollIntoView());
    await form.screenshot({ path: join(ARTIFACTS, 'web-chat-goals-saved.png') });
    await form.getByRole('button', { name: 'Bewerken' }).click();
    expect(await field('goal1_text').isVisible()).toBe(true);
    expect(await field('goal1_text').inputValue()).toBe(goal.goal1_text);

    // The edit form saves version 2 with the details filled in.
    await form.getByRole('button', { name: /^Meer details/ }).click();
    for (const key of ['roles', 'consent', 'frequency'] as const) await field(key).fill(goal[key]!);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => form.innerText(), { timeout: 20_000 }).toContain('Opgeslagen als versie 2');

    const shown = await say('/goals show gezin-B1');
    const text = await shown.innerText();
    expect(text).toContain('gezin-B1');
    expect(text).toContain('De kinderen gaan elke dag naar school');
    expect(text).toContain('Schuldhulpverlening');
  });

  it('shows the reflection reminder preview; a button says what it would do', async () => {
    const before = await samen().count();
    await page.getByRole('button', { name: /reflect preview/ }).click();
    await expect.poll(() => samen().count(), { timeout: 20_000 }).toBe(before + 1);
    const preview = lastCard();
    const text = await preview.innerText();
    expect(text).toContain('Tijd voor het reflectiemoment');
    expect(text).toContain('Bron:');
    // The case saved above, in the /goals summary.
    expect(text).toContain('gezin-B1');
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-reminder.png') });

    await preview.getByRole('button', { name: 'Gedaan' }).click();
    await expect.poll(() => samen().count(), { timeout: 20_000 }).toBe(before + 2);
    expect(await lastCard().innerText()).toContain('voorbeeld');
  });

  it('answers the reflection moment in the card, then shows the trend with its chart', async () => {
    const before = await samen().count();
    await say('/reflect');
    const moment = lastCard();
    const selects = moment.locator('select');
    await expect.poll(() => selects.count(), { timeout: 20_000 }).toBe(3);
    await selects.nth(0).selectOption('2');
    await selects.nth(1).selectOption('4');
    await moment.locator('input[type=text], textarea').first().fill('Afgesproken wie de school belt.');
    await moment.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-reflection.png') });
    await moment.getByRole('button', { name: 'Antwoorden versturen' }).click();
    // The card is replaced in place with the count.
    await expect.poll(() => lastCard().innerText(), { timeout: 20_000 }).toContain('1 persoon heeft geantwoord.');
    expect(await samen().count()).toBe(before + 1);

    await say('/reflect trend');
    const trend = lastCard();
    await expect.poll(() => trend.innerText(), { timeout: 20_000 }).toContain('Reflectietrend');
    const chart = trend.locator('img');
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect(await trend.innerText()).toContain('2.0 (één week)');
    await trend.scrollIntoViewIfNeeded();
    await trend.screenshot({ path: join(ARTIFACTS, 'web-chat-trend.png') });
  });

  it('saves a screenshot of the whole conversation; the page had no script errors', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-full.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'web-chat.png'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('local web chat behind WEB_CHAT_TOKEN in Chromium', { timeout: 90_000 }, () => {
  it('shows the login form; a wrong code shows it again, the right one opens the chat, which answers', async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests.`);
    const token = 'browser-test-access-code-0123';
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEB_CHAT_TOKEN: token });
    const server = await startServer(config, { core: coreFor(testEngine(), 'nl'), logger: pino({ level: 'silent' }) });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ locale: 'nl-NL' });
      await page.goto(`${server.url}/`);
      await page.locator('#token').fill('dit-is-niet-de-code');
      await page.locator('#token').press('Enter');
      await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('Deze toegangscode klopt niet');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'web-chat-login.png') });

      await page.locator('#token').fill(token);
      await page.locator('#token').press('Enter');
      await page.waitForSelector('#q');
      await page.locator('#q').fill('Wat helpt bij onduidelijke rollen?');
      await page.locator('#q').press('Enter');
      await expect.poll(() => page.locator('.msg.samen').count(), { timeout: 20_000 }).toBe(1);
      expect(await page.locator('.msg.samen').innerText()).toContain('Bronnen');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
