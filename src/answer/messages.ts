/** Fixed wording of replies, in both languages. Findings never live here; only frame text. */
import type { Language } from '../shared/reply.js';

export const MESSAGES = {
  title: { nl: (q: string) => `Wat de reviews zeggen over: ${q}`, en: (q: string) => `What the reviews say about: ${q}` },
  summary: { nl: 'Kort antwoord', en: 'In short' },
  helps: { nl: 'Wat helpt', en: 'What helps' },
  hinders: { nl: 'Wat in de weg staat', en: 'What gets in the way' },
  actions: { nl: 'Wat je kunt doen', en: 'What you can do' },
  findings: { nl: 'Wat de reviews zeggen', en: 'What the reviews say' },
  partlyCovered: {
    nl: (topics: string[]) => `Over ${listed(topics, 'en')} zeggen de reviews niets; wel over de samenwerking waar je naar vraagt:`,
    en: (topics: string[]) => `The reviews say nothing about ${listed(topics, 'and')}; they do speak about the collaboration you ask about:`,
  },
  outOfScopeTitle: { nl: 'Daar gaan de reviews niet over', en: 'The reviews do not cover this' },
  outOfScope: {
    nl: 'Samen antwoordt alleen met bevindingen uit twee literatuuronderzoeken over samenwerking tussen instanties rond gezinnen met meervoudige en complexe problematiek. Over deze vraag staat daar niets in, dus ik geef geen antwoord en citeer niets.',
    en: 'Samen answers only with findings from two literature reviews on collaboration between agencies around families with multiple and complex problems. They say nothing about this question, so I give no answer and cite nothing.',
  },
  helpTitle: { nl: 'Samen: bevindingen over samenwerken rond gezinnen', en: 'Samen: findings on working together around families' },
  help: {
    nl: [
      'Stel een vraag over samenwerking tussen instanties (jeugdzorg, GGZ, jeugdbescherming, onderwijs, wijkteams, justitie) rond één gezin. Ik antwoord met wat helpt, wat in de weg staat en wat je kunt doen, elk punt met de bron: welke review, welk hoofdstuk of welke tabel, welke studies, en de letterlijke tekst.',
      'Ik geef bevindingen uit twee literatuuronderzoeken, geen advies over een specifiek gezin. Zet geen namen of andere persoonsgegevens van cliënten in je vraag.',
    ],
    en: [
      'Ask a question about collaboration between agencies (youth care, mental health, child protection, schools, community teams, justice) around one family. I answer with what helps, what gets in the way and what you can do, each point with its source: which review, which section or table, which studies, and the verbatim Dutch passage.',
      'I give findings from two literature reviews, not advice on a specific family. Do not put names or other personal data of clients in your question.',
    ],
  },
  examples: {
    nl: ['Wat helpt bij onduidelijke rollen?', 'Wat belemmert de informatie-uitwisseling tussen hulpverleners?', 'Hoe bouw je wederzijds vertrouwen op?'],
    en: ['What helps with unclear roles?', 'What hinders information sharing between agencies?', 'Is there evidence that joint training works?'],
  },
  more: {
    nl: (n: number) => (n === 1 ? 'Nog 1 bevinding' : `Nog ${n} bevindingen`),
    en: (n: number) => (n === 1 ? '1 more finding' : `${n} more findings`),
  },
  sourcesHeading: { nl: 'Bronnen', en: 'Sources' },
  followUpsHeading: { nl: 'Vervolgvragen', en: 'Follow-up questions' },
  studiesLabel: { nl: 'Studies', en: 'Studies' },
} as const;

export function t<K extends keyof typeof MESSAGES>(key: K, lang: Language): (typeof MESSAGES)[K]['en'] {
  return MESSAGES[key][lang] as (typeof MESSAGES)[K]['en'];
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
