/**
 * Query analysis and expansion, the first stage of retrieval: a question becomes weighted stems
 * (its own words, Dutch compounds split, read in the question's language, expanded with the
 * thesaurus), the kinds of finding it asks for (cue words), the reviews and studies it names, and
 * the signals the scope stage decides on.
 */
import type { Intent as FindingKind } from '../knowledge/schema.js';
import type { Knowledge } from '../knowledge/load.js';
import { fold, isStopWord, stem, words, type Lang } from './analyze.js';
import type { SearchIndex } from './index.js';
import { isOverview } from '../knowledge/structure.js';
import { RETRIEVAL } from './tuning.js';
import { decideScope } from './scope.js';

/** Words that negate a cue next to them, and how many words away they may stand. */
const NEGATIONS = new Set(['niet', 'geen', 'nooit', 'not', 'no', 'never', 'doesn', 'don', 'isn', 'nt']);
const NEGATION_REACH = 2;
/** A question that asks what to do, in either language. */
const ACTION_QUESTION =
  / (wat|hoe) (kan|kun|kunnen|moet|moeten|zou|zouden) (ik|je|jij|we|wij|jullie|u)\b| what (can|could|should|do) (i|we|you)\b| how (can|could|should|do) (i|we|you) (handle|deal|fix|solve|improve|tackle|approach)\b| tips? /;

/** Intents that shape an answer but say nothing of what it is about: "how many" may ask about anything. */
const SHAPE_ONLY = new Set<string>(['count', 'overview']);
/** A question that asks how many, in either language. */
const COUNT_QUESTION = / (hoeveel|aantal|how many|number of) /;

export interface QueryAnalysis {
  /** Stem → weight for the lexical search: asked words 1, thesaurus expansions less. */
  weights: Map<string, number>;
  /**
   * Stem → what it stands for in the question: the asked word, or the thesaurus concept it expands.
   * A text that matches five synonyms of one concept has matched one thing the question asks.
   */
  groups: Map<string, string>;
  /** Kinds of finding the question asks for, from its cue words. */
  intents: FindingKind[];
  inScope: boolean;
  fieldShare: number;
  domain: number;
  general: number;
  unknown: number;
  topic: number;
  subject: boolean;
  /** Sources the question names ("the JGZ review"). */
  namedSources: Set<string>;
  /** What the question also asks about that the reviews do not cover ("de meldcode"), in its language. */
  uncovered: string[];
  /** The question's words joined by single spaces, padded: for matching names and phrases. */
  folded: string;
  /** Groups (see groups) that say what about working together is asked, not who or where. */
  topicGroups: Set<string>;
}

interface Trigger {
  /** Stems that must all occur in a question. */
  stems: string[];
  /**
   * A phrase whose other words are stop words ("following through") must occur as written:
   * its one content word alone ("follow-up") means something else.
   */
  phrase?: string;
}

interface ThesaurusConcept {
  triggers: Record<Lang, Trigger[]>;
  stems: string[];
  /** The concept is the reviews' subject itself (working together). */
  subject: boolean;
  /** The reviews say nothing about the concept. */
  notCovered: boolean;
  /** What the concept is called when an answer says the reviews do not cover it. */
  label?: Record<Lang, string>;
  /** The concept says who or where (a family, a school), not what about working together is asked. */
  setting: boolean;
}

function trigger(term: string, lang: Lang): Trigger {
  const stems = phraseStems(term, lang);
  const all = words(term);
  return stems.length === 1 && all.length > 1 ? { stems, phrase: ` ${all.join(' ')} ` } : { stems };
}

function stemsOf(word: string): string[] {
  return [...new Set([stem(word, 'nl'), stem(word, 'en')])];
}

function phraseStems(phrase: string, lang: Lang): string[] {
  return words(phrase)
    .filter((w) => !isStopWord(w))
    .map((w) => stem(w, lang));
}

export class QueryAnalyzer {
  private readonly concepts: ThesaurusConcept[];
  private readonly intentStems: Map<string, Set<FindingKind>>;
  /** The one-word cues of what gets in the way, stemmed per language: what a negated "works" or "helps" is searched by. */
  private readonly barrierStems: Record<Lang, string[]>;
  /** Cues of several words ("leads to", "zorgt ervoor"): they ask for their kind only as a whole ("take the lead" does not ask for effects). */
  private readonly intentPhrases: { phrase: string; kind: FindingKind }[] = [];
  private readonly sourceAliases: Map<string, string[]>;
  /** One-word names of the reviews ("JGZ"): not study authors, even where a study is cited by it. */
  readonly aliasWords: Set<string>;
  private readonly languageTerms: Record<Lang, Set<string>>;
  /** Stems of the setting concepts (who and where) and of the reviews' names. */
  private readonly settingStems = new Set<string>();
  /** Stems of the words of the other concepts: what about working together a question can ask. */
  private readonly topicStems = new Set<string>();
  /** Stems of the curated one-word vocabulary per language: keywords, thesaurus terms, study authors. */
  private readonly domainStems = { nl: new Set<string>(), en: new Set<string>() };
  /** Curated phrases of several words: their words are field words only when the whole phrase is asked. */
  private readonly domainPhrases = { nl: [] as string[][], en: [] as string[][] };
  /**
   * Stems of the words the reviews use about themselves: the keywords of their method, their summing-up and the
   * passages that count studies ("studies", "themes", "databases"). "How many studies…" is about the reviews, "how
   * many weeks of leave…" is not.
   */
  private readonly reviewStems = new Set<string>();

  constructor(
    private readonly index: SearchIndex,
    knowledge: Knowledge,
  ) {
    this.sourceAliases = new Map([...knowledge.sources].map(([id, src]) => [id, src.aliases.map((a) => words(a).join(' '))]));
    this.aliasWords = new Set([...this.sourceAliases.values()].flat().filter((a) => !a.includes(' ')));
    this.concepts = knowledge.thesaurus.map((e) => {
      const triggers = {
        nl: e.nl.map((t) => trigger(t, 'nl')).filter((t) => t.stems.length > 0),
        en: e.en.map((t) => trigger(t, 'en')).filter((t) => t.stems.length > 0),
      };
      return { triggers, stems: [...new Set([...triggers.nl, ...triggers.en].flatMap((t) => t.stems))], subject: e.subject, notCovered: e.notCovered, label: e.label, setting: Boolean(e.setting) };
    });
    const addDomain = (lang: Lang) => (text: string) => {
      const stems = words(text)
        .filter((w) => !isStopWord(w))
        .map((w) => stem(w, lang));
      if (stems.length === 1) this.domainStems[lang].add(stems[0]);
      else if (stems.length > 1) this.domainPhrases[lang].push(stems);
    };
    // A keyword word is the reviews' word about themselves when most findings it names are about them (RETRIEVAL.reviewWord).
    const named = new Map<string, { about: number; all: number }>();
    for (const f of knowledge.findings) {
      const aboutReviews = f.kind === 'method' || isOverview(f) || f.studyCount !== undefined;
      const stems = new Set((['nl', 'en'] as const).flatMap((l) => f.keywords[l].flatMap(words).filter((w) => !isStopWord(w)).map((w) => stem(w, l))));
      for (const st of stems) {
        const n = named.get(st) ?? { about: 0, all: 0 };
        n.all += 1;
        if (aboutReviews) n.about += 1;
        named.set(st, n);
      }
    }
    for (const [st, n] of named) if (n.about >= RETRIEVAL.reviewWord.minFindings && n.about / n.all >= RETRIEVAL.reviewWord.minShare) this.reviewStems.add(st);
    for (const f of knowledge.findings) {
      f.keywords.nl.forEach(addDomain('nl'));
      f.keywords.en.forEach(addDomain('en'));
      f.studies.forEach(addDomain('nl'));
      f.studies.forEach(addDomain('en'));
    }
    // What the reviews do not cover is not their vocabulary.
    const covered = knowledge.thesaurus.filter((e) => !e.notCovered);
    for (const e of covered) {
      e.nl.forEach(addDomain('nl'));
      e.en.forEach(addDomain('en'));
    }
    // The words of each language: the index's, and the thesaurus's (for words the findings do not use).
    this.languageTerms = { nl: new Set(index.languageTerms.nl), en: new Set(index.languageTerms.en) };
    for (const e of knowledge.thesaurus) {
      for (const t of e.nl) for (const st of phraseStems(t, 'nl')) this.languageTerms.nl.add(st);
      for (const t of e.en) for (const st of phraseStems(t, 'en')) this.languageTerms.en.add(st);
    }
    for (const e of covered) {
      const into = e.setting ? this.settingStems : this.topicStems;
      for (const t of e.nl) for (const st of phraseStems(t, 'nl')) into.add(st);
      for (const t of e.en) for (const st of phraseStems(t, 'en')) into.add(st);
    }
    for (const a of [...this.sourceAliases.values()].flat()) for (const w of a.split(' ')) for (const st of stemsOf(w)) this.settingStems.add(st);
    this.barrierStems = {
      nl: [...new Set((knowledge.intents.barrier?.nl ?? []).filter((c) => words(c).length === 1).map((c) => stem(c, 'nl')))],
      en: [...new Set((knowledge.intents.barrier?.en ?? []).filter((c) => words(c).length === 1).map((c) => stem(c, 'en')))],
    };
    this.intentStems = new Map();
    for (const [kind, cues] of Object.entries(knowledge.intents) as [FindingKind, { nl: string[]; en: string[] }][]) {
      for (const cue of [...cues.nl, ...cues.en]) {
        if (words(cue).length > 1) {
          this.intentPhrases.push({ phrase: ` ${words(cue).join(' ')} `, kind });
          continue;
        }
        for (const w of words(cue)) {
          for (const s of stemsOf(w)) {
            const set = this.intentStems.get(s) ?? new Set<FindingKind>();
            set.add(kind);
            this.intentStems.set(s, set);
          }
        }
      }
    }
  }

  private df(term: string): number {
    return this.index.documentFrequency.get(term) ?? 0;
  }

  /**
   * Weighted query terms, intents, and whether the question belongs to the field: its content
   * words should mostly be the field's own vocabulary (curated keywords, thesaurus, authors),
   * with words that merely occur in the reviews counting for little and unknown words against.
   */
  analyse(question: string, lang: Lang): QueryAnalysis {
    const weights = new Map<string, number>();
    const groups = new Map<string, string>();
    const intents = new Set<FindingKind>();
    const present = { nl: new Set<string>(), en: new Set<string>() };
    const other: Lang = lang === 'nl' ? 'en' : 'nl';
    let domain = 0;
    let general = 0;
    let unknown = 0;
    /** Field words about working together, not only about who or where. */
    let topic = 0;
    let subject = false;
    let notCovered = false;
    const uncovered: string[] = [];
    /** The groups (asked words, expanded concepts) that say what about working together is asked. */
    const topicGroups = new Set<string>();
    const asked = new Set(words(question).map((w) => stem(w, lang)));
    const phraseWords = new Set(this.domainPhrases[lang].filter((p) => p.every((s) => asked.has(s))).flat());
    // Words that name a review ("the youth health care review", "JGZ") say which source is
    // meant (see search), not what the question is about: little weight and no expansion.
    const folded = ` ${words(question).join(' ')} `;
    const namedAliases = [...this.sourceAliases].map(([id, aliases]) => [id, aliases.filter((a) => folded.includes(` ${a} `))] as const);
    const namedSources = new Set(namedAliases.filter(([, found]) => found.length > 0).map(([id]) => id));
    const naming = new Set(namedAliases.flatMap(([, found]) => found.flatMap((a) => a.split(' '))));
    const all = words(question);
    // "What can we do?" asks for actions: the reviews' recommendations.
    if (ACTION_QUESTION.test(folded)) intents.add('recommendation');
    // "Hoeveel", "how many" are function words, so they are read here rather than as cue words.
    if (COUNT_QUESTION.test(folded)) intents.add('count');
    if (folded.includes(' tl dr ')) intents.add('overview');
    for (const { phrase, kind } of this.intentPhrases) if (folded.includes(phrase)) intents.add(kind);
    for (const [i, w] of all.entries()) {
      if (w.length < 2 || isStopWord(w) || /^\d+$/.test(w)) continue;
      if (naming.has(w)) {
        domain += 1;
        for (const s of stemsOf(w)) if (this.df(s) > 0) weights.set(s, Math.max(weights.get(s) ?? 0, RETRIEVAL.namingWeight));
        for (const s of stemsOf(w)) if (!groups.has(s)) groups.set(s, w);
        continue;
      }
      const own = [stem(w, lang), ...this.index.splitter.split(w).map((p) => stem(p, lang))];
      // A word of the question's language is read in that language only: English "kinds" is
      // not Dutch "kind" (child). Other words (loan words, Dutch terms in an English question)
      // are read in both.
      const foreign = this.languageTerms[lang].has(own[0])
        ? []
        : [stem(w, other), ...this.index.splitter.split(w).map((p) => stem(p, other))];
      for (const s of own) present[lang].add(s);
      for (const s of foreign) present[other].add(s);
      const stems = [...new Set([...own, ...foreign])];
      let cue = [...stemsOf(w), ...this.index.splitter.split(w).flatMap(stemsOf)].flatMap((s) => [...(this.intentStems.get(s) ?? [])]);
      // "wat werkt niet", "doesn't help": a negated facilitator cue asks what gets in the way.
      const negated = all.slice(Math.max(0, i - NEGATION_REACH), i + NEGATION_REACH + 1).some((x) => NEGATIONS.has(x));
      const flipped = negated && cue.includes('facilitator');
      if (flipped) cue = [...cue.filter((k) => k !== 'facilitator'), 'barrier'];
      for (const k of cue) intents.add(k);
      // The negated word itself would find what helps: the words of what gets in the way are searched instead.
      const searched = flipped ? this.barrierStems[lang].filter((s) => this.df(s) > 0) : stems.filter((s) => this.df(s) > 0);
      const weight = flipped ? Math.min(RETRIEVAL.expansionWeight, RETRIEVAL.expansionTotal / Math.max(1, searched.length)) : 1;
      for (const s of searched) weights.set(s, Math.max(weights.get(s) ?? 0, weight));
      for (const s of flipped ? searched : stems) if (!groups.has(s)) groups.set(s, w);
      // A word the knowledge base does not know may be a typo ("messanger"): search its nearest known spelling.
      if (!stems.some((s) => this.df(s) > 0) && w.length >= RETRIEVAL.typoMinLength) {
        const near = this.nearestTerm(stem(w, lang));
        if (near && !weights.has(near)) {
          weights.set(near, RETRIEVAL.typoWeight);
          groups.set(near, w);
        }
      }
      // Cue words ("helps", "barriers") say what kind of answer is wanted, not what it is about.
      if (cue.length > 0) continue;
      const setting = own.some((st) => this.settingStems.has(st));
      if (!setting && own.some((st) => this.topicStems.has(st))) {
        topic += 1;
        topicGroups.add(w);
      }
      if (phraseWords.has(stem(w, lang)) || this.isFieldWord(w, lang)) {
        domain += 1;
        if (!setting && !own.some((st) => this.topicStems.has(st))) {
          topic += 1;
          topicGroups.add(w);
        }
      } else if (stems.some((s) => (this.index.reviewFrequency.get(s) ?? 0) > 0)) general += 1;
      else unknown += 1;
    }
    for (const [conceptNo, c] of this.concepts.entries()) {
      const matched = (['nl', 'en'] as const).flatMap((l) =>
        c.triggers[l].filter((t) => t.stems.every((s) => present[l].has(s)) && (!t.phrase || folded.includes(t.phrase))),
      );
      if (matched.length === 0) continue;
      if (c.notCovered) {
        notCovered = true;
        if (c.label && !uncovered.includes(c.label[lang])) uncovered.push(c.label[lang]);
        continue;
      }
      if (c.subject) subject = true;
      // A concept adds about as much weight as one asked word, however many synonyms it has;
      // a concept asked in several of its words ("interviews or surveys") adds a little more.
      const known = c.stems.filter((s) => !weights.has(s) && this.df(s) > 0);
      const total = RETRIEVAL.expansionTotal * Math.min(2, matched.length);
      const share = Math.min(RETRIEVAL.expansionWeight, total / Math.max(1, known.length));
      for (const s of known) weights.set(s, Math.max(weights.get(s) ?? 0, share));
      for (const s of known) if (!groups.has(s)) groups.set(s, `concept ${conceptNo}`);
      if (!c.setting) topicGroups.add(`concept ${conceptNo}`);
    }
    const content = domain + general + unknown;
    const fieldShare = content === 0 ? 0 : (domain + RETRIEVAL.generalWordShare * general) / content;
    const unknownNames = this.unknownNames(question);
    // "How many studies…", "the main themes?": a question that asks only for a count or the gist is about the
    // reviews when it names what they count or sum up.
    const aboutReviews = [...intents].some((k) => SHAPE_ONLY.has(k)) && all.some((w) => !isStopWord(w) && this.reviewStems.has(stem(w, lang)));
    const inScope = decideScope({ content, domain, general, unknown, topic, subject, notCovered, fieldShare, unknownNames: unknownNames.length, intents: [...intents].filter((k) => !SHAPE_ONLY.has(k)).length + (aboutReviews ? 1 : 0), named: naming.size, weighted: weights.size });
    return { weights, groups, topicGroups, intents: [...intents], inScope, fieldShare, domain, general, unknown, topic, subject, namedSources, folded, uncovered };
  }

  /**
   * Names the reviews never use: capitalised words inside a sentence (a place, a product, an
   * instrument: "Utrecht", "Zorgdomein", "EMDR") whose parts are no word of the knowledge base.
   */
  unknownNames(question: string): string[] {
    const names: string[] = [];
    for (const sentence of question.split(/[.?!:;]\s+|\n/)) {
      const tokens = sentence.trim().split(/\s+/).slice(1);
      for (const token of tokens) {
        const name = token.replace(/^[^\p{L}]+|[^\p{L}\p{N}-]+.*$/gu, '');
        if (name.length < RETRIEVAL.nameMinLength || !/^\p{Lu}/u.test(name)) continue;
        // Short all-capital words are abbreviations of roles and identifiers ("IB'er", "BSN"), not names.
        if (/^\p{Lu}+$/u.test(name) && name.length < RETRIEVAL.acronymMinLength) continue;
        const parts = fold(name).split('-').filter(Boolean);
        const known = (part: string) =>
          isStopWord(part) || (['nl', 'en'] as const).some((l) => this.df(stem(part, l)) > 0) || this.index.splitter.split(part).length > 0;
        if (!parts.every(known)) names.push(name);
      }
    }
    return names;
  }

  private byLength?: Map<number, string[]>;

  /** The known term nearest to a stem: at most one edit away (two for long words), the most frequent of the nearest. */
  private nearestTerm(term: string): string | undefined {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const t of this.index.documentFrequency.keys()) {
        if (/\d/.test(t)) continue;
        const list = this.byLength.get(t.length) ?? [];
        list.push(t);
        this.byLength.set(t.length, list);
      }
    }
    const max = term.length >= RETRIEVAL.typoLongWord ? 2 : 1;
    let best: { t: string; d: number; df: number } | undefined;
    for (let len = term.length - max; len <= term.length + max; len += 1) {
      for (const t of this.byLength.get(len) ?? []) {
        const d = editDistance(term, t, max);
        if (d > max) continue;
        const df = this.df(t);
        if (!best || d < best.d || (d === best.d && df > best.df)) best = { t, d, df };
      }
    }
    return best?.t;
  }

  /**
   * A word of the field's own vocabulary, judged in the question's language; long words also
   * in the other language, for loan words and compounds ("casemanager", "cross-training").
   */
  private isFieldWord(word: string, lang: Lang): boolean {
    const other: Lang = lang === 'nl' ? 'en' : 'nl';
    const parts = this.index.splitter.split(word);
    if ([word, ...parts].some((w) => this.domainStems[lang].has(stem(w, lang)))) return true;
    return word.length >= 7 && this.domainStems[other].has(stem(word, other));
  }
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      smallest = Math.min(smallest, row[j]);
    }
    if (smallest > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}
