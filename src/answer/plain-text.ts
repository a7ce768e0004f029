/**
 * The reply model as plain text: what `npm run chat` and `npm run ask` print, and `ask --json`'s
 * answer field (ask-json.ts). Platform-neutral, so the evaluation can read it without a channel.
 */
import type { Reply } from '../shared/reply.js';
import { MESSAGES } from './messages.js';

export function renderText(reply: Reply): string {
  const lang = reply.language;
  const out: string[] = [reply.title, ''];
  for (const p of reply.intro) out.push(p, '');
  for (const s of reply.sections) {
    out.push(`${s.heading}:`);
    for (const p of s.points) out.push(`- ${p.text} ${p.citations.map((n) => `[${n}]`).join('')}`);
    out.push('');
  }
  if (reply.more) out.push(`(${MESSAGES.more[lang](reply.more)}: npm run ask -- --all)`, '');
  if (reply.citations.length) {
    out.push(`${MESSAGES.sourcesHeading[lang]}:`);
    for (const c of reply.citations) {
      const studies = c.studies.length ? ` ${MESSAGES.studiesLabel[lang]}: ${c.studies.join('; ')}.` : '';
      out.push(`[${c.n}] ${c.sourceTitle}, ${c.location}.${studies}`);
      out.push(`    "${c.quote}"`);
    }
    out.push('');
  }
  if (reply.followUps.length) {
    out.push(`${MESSAGES.followUpsHeading[lang]}:`);
    for (const f of reply.followUps) out.push(`- ${f}`);
  }
  return out.join('\n').trimEnd();
}
