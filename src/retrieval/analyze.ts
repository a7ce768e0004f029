/**
 * Text analysis for Dutch and English: folding, stop words, stemming and Dutch compound
 * splitting. Documents and questions go through the same functions, so they meet in one
 * term space whatever language each is written in.
 */
import snowball from 'snowball-stemmers';
import { nld, eng } from 'stopword';

export type Lang = 'nl' | 'en';

const stemmers = { nl: snowball.newStemmer('dutch'), en: snowball.newStemmer('english') };
/** Question words the `stopword` lists lack; they say nothing about what a question is about. */
const QUESTION_WORDS = [
  'why', 'when', 'where', 'which', 'does', 'did', 'do', 'please', 'tell', 'me', 'anything', 'something', 'really', 'actually', 'just',
  'wordt', 'worden', 'werd', 'welke', 'welk', 'wanneer', 'waarom', 'waar', 'hoeveel', 'mag', 'per', 'echt', 'eigenlijk', 'gewoon', 'iets',
  'say', 'says', 'said', 'zegt', 'zeggen', 'zei', 'daarover', 'hierover', 'erover', 'waarover',
  // Adverbs and pronouns of a told situation ("they keep asking again"): the situation is in the other words.
  'steeds', 'opnieuw', 'weer', 'telkens', 'nooit', 'soms', 'hen', 'onze', 'jullie', 'daarvan', 'hiervan', 'ervan', 'daarmee', 'hiermee',
  'ermee', 'weet', 'weten', 'wist', 'alle', 'allemaal', 'zelfs', 'bijvoorbeeld', 'heel', 'erg', 'zoals', 'misschien', 'juist', 'vooral',
  'again', 'always', 'sometimes', 'even', 'quite', 'us', 'constantly', 'everything', 'someone', 'everyone', 'nobody', 'lot', 'lots',
  // What English contractions leave of a word ("doesn't" → "doesn", "t"): function words, negations read in query.ts.
  'doesn', 'don', 'isn', 'aren', 'wasn', 'weren', 'didn', 'haven', 'hasn', 'couldn', 'shouldn', 'wouldn', 'won', 'ain',
  // Vague nouns and chat shorthand ("the main things", "tl;dr"): what is asked is in the other words.
  'thing', 'things', 'stuff', 'ding', 'dingen', 'zaken', 'tl', 'dr',
];
const STOP = new Set([...nld, ...eng, ...QUESTION_WORDS].map(fold));

/** Lower case without diacritics: "cliënt" and "client" are one word to a searcher. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Words of a text, folded; hyphenated compounds give their parts and the joined word. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of fold(text).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
    if (raw.includes('-')) {
      out.push(...raw.split('-'), raw.replace(/-/g, ''));
    } else {
      out.push(raw);
    }
  }
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/** Stems already computed: start-up stems the same words many times over, and Snowball is slow. */
const stemCache = { nl: new Map<string, string>(), en: new Map<string, string>() };
/** Bounds the cache: questions keep bringing new words. */
const STEM_CACHE_LIMIT = 100_000;

/** Snowball stem, with Dutch doubled final consonants undone ("rollen" → "roll" → "rol"). */
export function stem(word: string, lang: Lang): string {
  const cache = stemCache[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmers[lang].stem(word);
    if (lang === 'nl') s = s.replace(/([bdfgklmnprst])\1$/, '$1');
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}

/**
 * Splits Dutch compounds into known parts: "rolonduidelijkheid" → "rol" + "onduidelijkheid".
 * A part is known when it occurs as a word of its own in the vocabulary; the linking
 * letters "s", "e" and "en" are allowed between parts.
 */
/** The shortest last part that alone stands for an unknown compound. */
const MIN_HEAD_TAIL = 6;

export class CompoundSplitter {
  constructor(private readonly vocabulary: Set<string>) {}

  split(word: string): string[] {
    // A word the knowledge base uses as it is needs no splitting ("samenwerking" is not "sam" + "werking").
    if (word.length < 9 || this.vocabulary.has(word)) return [];
    for (let i = 3; i <= word.length - 4; i += 1) {
      const head = word.slice(0, i);
      if (!this.vocabulary.has(head) || isStopWord(head)) continue;
      for (const link of ['', 's', 'e', 'en']) {
        if (!word.startsWith(link, i)) continue;
        const tail = word.slice(i + link.length);
        if (tail.length >= 4 && this.vocabulary.has(tail)) return [head, tail];
        const deeper = tail.length >= 9 && !this.vocabulary.has(tail) ? this.split(tail) : [];
        if (deeper.length) return [head, ...deeper];
      }
    }
    // Dutch compounds are right-headed: with an unknown first part ("vakidentiteit"), the
    // known last part still says what the word is about.
    for (let i = 3; i <= word.length - MIN_HEAD_TAIL; i += 1) {
      const tail = word.slice(i);
      if (this.vocabulary.has(tail) && !isStopWord(tail)) return [tail];
    }
    return [];
  }
}

/** Content terms of a text for the index: stop words out, compounds split, stemmed. */
export function terms(text: string, lang: Lang, splitter?: CompoundSplitter): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || isStopWord(w)) continue;
    out.push(stem(w, lang));
    if (lang === 'nl' && splitter) {
      for (const part of splitter.split(w)) if (!isStopWord(part)) out.push(stem(part, lang));
    }
  }
  return out;
}
