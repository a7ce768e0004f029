/** Renders the reply model as HTML for the local web chat. Only translates; all text is escaped. */
import type { Reply } from '../../answer/reply.js';
import { MESSAGES } from '../../answer/messages.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderHtml(reply: Reply): string {
  const lang = reply.language;
  const parts = [`<h2>${escape(reply.title)}</h2>`];
  for (const p of reply.intro) parts.push(`<p>${escape(p)}</p>`);
  for (const s of reply.sections) {
    parts.push(`<h3 class="section ${s.kind}">${escape(s.heading)}</h3><ul>`);
    for (const p of s.points) {
      const refs = p.citations.map((n) => `<a href="#c${n}" class="ref">[${n}]</a>`).join('');
      parts.push(`<li>${escape(p.text)} ${refs}</li>`);
    }
    parts.push('</ul>');
  }
  if (reply.citations.length) {
    parts.push(`<h3>${escape(MESSAGES.sourcesHeading[lang])}</h3><ol class="sources">`);
    for (const c of reply.citations) {
      const studies = c.studies.length ? ` — ${escape(c.studies.join('; '))}` : '';
      parts.push(
        `<li id="c${c.n}" value="${c.n}"><strong>${escape(c.sourceTitle)}</strong>, ${escape(c.location)}${studies}` +
          `<details><summary>${lang === 'nl' ? 'Citaat' : 'Quote'}</summary><blockquote lang="nl">${escape(c.quote)}</blockquote></details></li>`,
      );
    }
    parts.push('</ol>');
  }
  if (reply.followUps.length) {
    parts.push(`<h3>${escape(MESSAGES.followUpsHeading[lang])}</h3><p class="followups">`);
    for (const f of reply.followUps) parts.push(`<button type="button" class="ask" data-q="${escape(f)}">${escape(f)}</button>`);
    parts.push('</p>');
  }
  return parts.join('\n');
}
