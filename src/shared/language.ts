/**
 * Detects whether a question is Dutch or English: franc's trigram model restricted to those
 * two, checked against the `stopword` package's function-word lists, which are more
 * reliable on short questions full of names and English loan words.
 */
import { franc } from 'franc-min';
import { nld, eng } from 'stopword';
import type { Language } from './reply.js';

const NL_STOP = new Set(nld);
const EN_STOP = new Set(eng);

export function detectLanguage(question: string, fallback: Language = 'en'): Language {
  // Study references ("Kothari et al. (2022)") are in neither language.
  const text = question.replace(/\bet al\.?/g, ' ').replace(/\(\d{4}\)/g, ' ');
  const ws = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const nl = ws.filter((w) => NL_STOP.has(w) && !EN_STOP.has(w)).length;
  const en = ws.filter((w) => EN_STOP.has(w) && !NL_STOP.has(w)).length;
  // One function word decides a short question, where franc's trigrams are too few to judge.
  if (Math.abs(nl - en) >= 2 || (nl !== en && ws.length <= 6)) return nl > en ? 'nl' : 'en';
  const code = franc(text, { only: ['nld', 'eng'], minLength: 3 });
  if (code === 'nld') return 'nl';
  if (code === 'eng') return 'en';
  return nl > en ? 'nl' : en > nl ? 'en' : fallback;
}
