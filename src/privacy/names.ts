/**
 * Finds names of clients and their family: a capitalised word counts as a name only with
 * evidence. Strong evidence is context: a kinship word or title before it ("moeder Fatima",
 * "mevrouw Jansen"), or an age, a date of birth or a kinship word after it ("Jan (12 jaar)",
 * "Anna, geb. 3-4-2012", "Jan's moeder"). Weaker context ("Jan (12)", "cliënt Jan") needs a
 * known first name (./first-names.ts). Without context, a known first name followed by a
 * surname ("Fatima El Amrani") or standing mid-sentence ("als Fatima niet komt") counts,
 * unless it reads as a study's author ("Morris (2005)", "Hood & Taylor", "Jack et al.").
 *
 * Linear in the text: one pass over its words, and every look-around is a sticky pattern of
 * bounded length at one position.
 */
import { eng, nld } from 'stopword';
import { isFirstName } from './first-names.js';

export interface NameMatch {
  match: string;
  index: number;
}

/** Family members, in both languages: a capitalised word right after one is a name ("zoon Jan", "mother of Sarah"). */
const FAMILY = [
  'moeder', 'vader', 'ouder', 'zoon', 'zoontje', 'dochter', 'dochtertje', 'broer', 'broertje', 'zus', 'zusje', 'zuster',
  'oma', 'opa', 'grootmoeder', 'grootvader', 'tante', 'oom', 'neef', 'nicht', 'stiefmoeder', 'stiefvader', 'stiefzoon',
  'stiefdochter', 'pleegmoeder', 'pleegvader', 'pleegouder', 'pleegzoon', 'pleegdochter', 'pleegkind', 'mama', 'papa',
  'mam', 'pap', 'echtgenoot', 'echtgenote', 'mother', 'father', 'parent', 'son', 'daughter', 'brother', 'sister',
  'grandmother', 'grandfather', 'grandma', 'grandpa', 'granny', 'aunt', 'uncle', 'nephew', 'niece', 'cousin',
  'stepmother', 'stepfather', 'stepson', 'stepdaughter', 'mum', 'mom', 'dad', 'husband', 'wife',
];
/** Titles before a (sur)name: "mevrouw Jansen", "dhr. De Vries", "Mrs Smith". */
const HONORIFICS = ['mevrouw', 'meneer', 'mevr', 'mw', 'dhr', 'mr', 'mrs', 'ms', 'miss', 'juffrouw'];
/** Words for a client or a child: evidence only together with a known first name or a full name ("cliënt Jan", "child Anna Smith"). */
const ROLES = [
  'cliënt', 'cliënte', 'client', 'kind', 'child', 'jongen', 'meisje', 'boy', 'girl', 'baby', 'leerling', 'pupil', 'jongere',
  'jeugdige', 'tiener', 'teenager', 'patiënt', 'patient', 'pleegkind', 'puber',
];
/** The roles that name nothing but a person, even at the start of a title-like run: "Cliënt Oumayma Benali". */
const CLIENT_WORDS = new Set(['cliënt', 'cliënte', 'client']);
/** Name particles between the parts of a name: "de Vries", "van der Berg", "El Amrani", "bin Laden". */
const PARTICLES = ['van', 'de', 'der', 'den', 'ter', 'ten', "'t", 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'el', 'al', 'bin', 'ibn', 'abu', 'von', 'zu', 'mc'];
/** Capitalised words that follow a first name in professional text without making it a person ("Radboud Universiteit"). */
const NOT_SURNAMES = [
  'universiteit', 'university', 'college', 'school', 'ziekenhuis', 'hospital', 'instituut', 'institute', 'centrum', 'centre',
  'center', 'stichting', 'foundation', 'huis', 'house', 'groep', 'group', 'team', 'programma', 'programme', 'program', 'model',
  'methode', 'method', 'project', 'trust', 'council', 'county', 'street', 'straat', 'plein', 'road',
];
const MONTHS_AND_DAYS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october', 'maandag', 'dinsdag', 'woensdag', 'donderdag',
  'vrijdag', 'zaterdag', 'zondag', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];

const STOPWORDS = new Set([...nld, ...eng].map((w) => w.toLowerCase()));
const FAMILY_SET = new Set(FAMILY);
const HONORIFIC_SET = new Set(HONORIFICS);
const ROLE_SET = new Set(ROLES);
const PARTICLE_SET = new Set(PARTICLES);
const CONTEXT_WORDS = new Set([...FAMILY, ...HONORIFICS, ...ROLES]);
const NOT_SURNAME_SET = new Set([...NOT_SURNAMES, ...MONTHS_AND_DAYS]);

/** A name has at most this many parts after the first (particles not counted): "Anna Maria van der Berg-Jansen". */
const MAX_SURNAME_PARTS = 3;
/** At most this many particles in a row ("van de", "van der", "in 't"). */
const MAX_PARTICLES = 3;

/** A word: letters, with inner apostrophes and hyphens ("O'Brien", "Jan-Willem", "Jan's"). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
/** A capitalised word: upper case then lower case, so no acronyms (GGZ, BSN, JGZ); also "O'Brien", "D'Souza". */
const CAPITALISED = /^\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]/u;
/** Between two parts of a name: a space or two, no line break. */
const NAME_GAP = /^[ \t\u00a0]{1,2}$/;
/** Between a kinship word and the name: "moeder Fatima", "moeder: Fatima". */
const CONTEXT_GAP = /^:?[ \t\u00a0]{1,2}$/;
/** "moeder, Fatima": a comma also separates items of a list ("de moeder, Veilig Thuis"), so only a known first name counts. */
const COMMA_GAP = /^,[ \t\u00a0]{1,2}$/;
/** After a title, its abbreviation's full stop: "dhr. Jansen", "Mrs. Smith". */
const TITLE_GAP = /^\.?[ \t\u00a0]{1,2}$/;
/** What ends a sentence or a list item before a word: the next word is capitalised anyway. */
const SENTENCE_END = /[.!?…:;"“”•\-–—*([\n\r]/u;

const alternation = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const FAMILY_WORD = `(?:${alternation(FAMILY)})(?![\\p{L}])`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH_NUMBER = '(?:0?[1-9]|1[0-2])';
const MONTH_NAME =
  '(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)';
/** A full date in the forms personal-data.ts knows, for "geb. 03-04-2012" after a name. */
export const DATE =
  `(?:${DAY}[-/]${MONTH_NUMBER}[-/](?:(?:19|20)\\d{2}|\\d{2})(?!\\d)` +
  `|${DAY}\\.${MONTH_NUMBER}\\.(?:19|20)\\d{2}(?!\\d)` +
  // With dots and a two-digit year only in full (03.04.12): "artikel 7.3.11" is a section number.
  `|(?:0[1-9]|[12]\\d|3[01])\\.(?:0[1-9]|1[0-2])\\.\\d{2}(?!\\d|\\.\\d)` +
  `|(?:19|20)\\d{2}-${MONTH_NUMBER}-${DAY}(?!\\d)` +
  `|${DAY}(?:e|st|nd|rd|th)?\\s{1,3}${MONTH_NAME}\\.?\\s{1,3}(?:19|20)\\d{2}(?!\\d)` +
  `|${MONTH_NAME}\\.?\\s{1,3}${DAY}(?:st|nd|rd|th)?,?\\s{1,3}(?:19|20)\\d{2}(?!\\d))`;
const AGE_UNIT = '(?:jaar|jr\\.?|j\\.|years?(?:\\s{1,2}old)?|yrs?\\.?|y\\.?o\\.?|-year-old|maanden|mnd|months?)(?![\\p{L}])';

/** Sticky patterns tried right after a name: bounded, so each try is constant time. */
const AFTER = {
  /** "(12 jaar)", "(9 years old)", "(age 12)", ", aged 7" */
  ageInParentheses: new RegExp(
    `[ \\t]{0,2}(?:\\([ \\t]{0,2}\\d{1,2}[ \\t]{0,2}${AGE_UNIT}|[(,][ \\t]{0,2}(?:age|aged|leeftijd)[ \\t]{0,2}:?[ \\t]{0,2}\\d{1,2}(?!\\d))`,
    'iuy',
  ),
  /** ", 12 jaar", " is 12 years old": also how a place or a project goes on ("in Rotterdam, 10 jaar geleden"). */
  ageInSentence: new RegExp(`,?[ \\t]{1,2}(?:is[ \\t]{1,2}|van[ \\t]{1,2})?\\d{1,2}[ \\t]{0,2}${AGE_UNIT}`, 'iuy'),
  /** "(12)", ", 12," */
  bareAge: /[ \t]{0,2}(?:\([ \t]{0,2}\d{1,2}[ \t]{0,2}\)|,[ \t]{1,2}\d{1,2}[ \t]{0,2}[,)])/y,
  /** ", geb. 03-04-2012", "(born 3 April 2012)", ", geboren op 3 april 2012" */
  dateOfBirth: new RegExp(
    `[ \\t]{0,2}[,(]?[ \\t]{0,2}(?:geb(?:oren)?\\.?|born|dob|d\\.o\\.b\\.|geboortedatum|date of birth)[ \\t]{0,2}(?:op|on)?[ \\t]{0,2}:?[ \\t]{0,2}${DATE}`,
    'iuy',
  ),
  /** " 03-04-2012", " (3 april 2012)" */
  bareDate: new RegExp(`[ \\t]{0,2}[,(]?[ \\t]{0,2}${DATE}`, 'iuy'),
  /** "(moeder)", "'s mother", " zijn vader", " haar zoon" */
  kinship: new RegExp(`(?:[ \\t]{0,2}\\([ \\t]{0,2}|['’]s[ \\t]{1,2}|[ \\t]{1,2}(?:zijn|haar|z'n|d'r)[ \\t]{1,2})${FAMILY_WORD}`, 'iuy'),
  /** ", de moeder", ", her son" */
  apposition: new RegExp(`[ \\t]{0,2},[ \\t]{1,2}(?:de|het|haar|zijn|onze|the|her|his|their|our)[ \\t]{1,2}${FAMILY_WORD}`, 'iuy'),
  /** A study's author: "et al.", "e.a.", "en collega's", "& Feeney", "(2007)", ", 2007", "and Feeney (2007)". */
  author: /[ \t]{0,2}(?:et[ \t]{1,2}al(?![\p{L}])|e\.a\.|c\.s\.|(?:en|and)[ \t]{1,2}(?:collega['’]s|colleagues|co-workers)|&|\([ \t]{0,2}(?:19|20)\d{2}|,[ \t]{0,2}(?:19|20)\d{2}(?!\d)|(?:and|en)[ \t]{1,2}\p{Lu}[\p{Ll}'’-]{1,30}(?:[ \t]{1,2}et[ \t]{1,2}al\.?)?[ \t]{0,2}[(,][ \t]{0,2}(?:19|20)\d{2})/uy,
};

interface Word {
  text: string;
  /** Lower case, without a possessive 's. */
  key: string;
  start: number;
  /** Where the word ends, before a possessive 's ("Jan's" ends after "Jan"). */
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const t = m[0];
    const possessive = t.length > 2 && t[t.length - 1] === 's' && (t[t.length - 2] === "'" || t[t.length - 2] === '’');
    const bare = possessive ? t.slice(0, -2) : t;
    words.push({ text: bare, key: bare.toLowerCase(), start: m.index, end: m.index + bare.length });
  }
  return words;
}

const isCapitalised = (w: Word) => CAPITALISED.test(w.text);
const gap = (text: string, a: Word, b: Word) => text.slice(a.end, b.start);
const followedBy = (pattern: RegExp, text: string, at: number) => {
  pattern.lastIndex = at;
  return pattern.test(text);
};

/** True when the word starts a sentence, a line or a list item, where any word is capitalised. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0')) i -= 1;
  return i < 0 || SENTENCE_END.test(text[i]);
}

/** Could this word be (part of) a person's name? Not a function word, a context word or a particle. */
const nameLike = (w: Word) => isCapitalised(w) && !STOPWORDS.has(w.key) && !CONTEXT_WORDS.has(w.key) && !PARTICLE_SET.has(w.key);
const surnameLike = (w: Word) => nameLike(w) && !NOT_SURNAME_SET.has(w.key);

/** The surname parts after words[i] (with their particles): index of the last word and how many parts. */
function surnameAfter(text: string, words: Word[], i: number): { last: number; parts: number } {
  let last = i;
  let parts = 0;
  while (parts < MAX_SURNAME_PARTS) {
    let j = last + 1;
    let particles = 0;
    while (j < words.length && particles < MAX_PARTICLES && PARTICLE_SET.has(words[j].key) && NAME_GAP.test(gap(text, words[j - 1], words[j]))) {
      j += 1;
      particles += 1;
    }
    if (j >= words.length || !surnameLike(words[j]) || !NAME_GAP.test(gap(text, words[j - 1], words[j]))) break;
    last = j;
    parts += 1;
  }
  return { last, parts };
}

/**
 * family and honorific are evidence enough; role needs a known first name or a full name;
 * needs-first-name (a comma between, or a capitalised kinship word) a known first name.
 */
type Before = 'family' | 'honorific' | 'role' | 'needs-first-name' | undefined;

/** The context word right before words[i]: "moeder Fatima", "moeder van Fatima", "mother of Sarah", "dhr. Jansen". */
function contextBefore(text: string, words: Word[], i: number): Before {
  let p = i - 1;
  if (p < 0) return undefined;
  let between = gap(text, words[p], words[i]);
  if ((words[p].key === 'van' || words[p].key === 'of') && NAME_GAP.test(between) && p > 0) {
    // "de moeder van Jan": the kinship word is one further back.
    p -= 1;
    if (!FAMILY_SET.has(words[p].key) && !ROLE_SET.has(words[p].key)) return undefined;
    between = gap(text, words[p], words[p + 1]);
    if (!NAME_GAP.test(between)) return undefined;
  }
  const key = words[p].key;
  if (HONORIFIC_SET.has(key)) return TITLE_GAP.test(between) ? 'honorific' : undefined;
  if (!FAMILY_SET.has(key) && !ROLE_SET.has(key)) return undefined;
  if (isCapitalised(words[p])) {
    // Capitalised mid-sentence, the word opens a title or an organisation's name: "Child Health Services".
    if (!startsSentence(text, words[p].start) || !CONTEXT_GAP.test(between)) return undefined;
    // At a sentence's start it is capitalised anyway ("Moeder Fatima …", "Cliënt Jan de Vries …"), but "Child" and the
    // like also open titles there, so those need a known first name.
    if (FAMILY_SET.has(key)) return 'family';
    return CLIENT_WORDS.has(key) ? 'role' : 'needs-first-name';
  }
  if (COMMA_GAP.test(between)) return 'needs-first-name';
  if (!CONTEXT_GAP.test(between)) return undefined;
  return FAMILY_SET.has(key) ? 'family' : 'role';
}

const MONTH_OR_DAY = new Set(MONTHS_AND_DAYS);

/** A listed first name, also as the first part of a double name ("Jan-Willem"); never a month ("April", "May", "June"). */
function knownFirstName(word: string): boolean {
  if (MONTH_OR_DAY.has(word.toLowerCase())) return false;
  return isFirstName(word) || (word.includes('-') && isFirstName(word.slice(0, word.indexOf('-'))));
}

/** Words that join the items of a list: "Colorado and Florida", "Jan en Fatima". */
const LIST_JOINS = new Set(['en', 'and', 'or', 'of']);
/** How far along a list of capitalised words the check looks, each way. */
const MAX_LIST_WALK = 6;

/** The capitalised word joined to words[at] by ", " or " en "/" and "/" or " on one side (dir -1 or 1), if any. */
function listNeighbour(text: string, words: Word[], at: number, dir: -1 | 1): number | undefined {
  const joined = (a: number, b: number) => (dir < 0 ? gap(text, words[b], words[a]) : gap(text, words[a], words[b]));
  const j = at + dir;
  if (j < 0 || j >= words.length) return undefined;
  if (/^,[ \t]{1,2}$/.test(joined(at, j))) return isCapitalised(words[j]) ? j : undefined;
  if (!LIST_JOINS.has(words[j].key) || !NAME_GAP.test(joined(at, j))) return undefined;
  const k = j + dir;
  return k >= 0 && k < words.length && NAME_GAP.test(joined(j, k)) && isCapitalised(words[k]) ? k : undefined;
}

/** True when the name stands in a list of capitalised words of which one is no first name ("Alabama, Colorado and Florida"). */
function listedWithProperNouns(text: string, words: Word[], first: number, last: number): boolean {
  for (const [start, dir] of [[first, -1], [last, 1]] as const) {
    let at: number | undefined = start;
    for (let step = 0; step < MAX_LIST_WALK && at !== undefined; step += 1) {
      at = listNeighbour(text, words, at, dir);
      if (at !== undefined && !knownFirstName(words[at].text)) return true;
    }
  }
  return false;
}

/** Names of people in the text, in order. */
export function findNames(text: string): NameMatch[] {
  const words = wordsOf(text);
  const found: NameMatch[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i];
    if (!isCapitalised(w) || CONTEXT_WORDS.has(w.key)) continue;
    const before = contextBefore(text, words, i);
    // After a title the surname may open with a particle: "mevrouw Van der Berg".
    let first = i;
    if (before === 'honorific') {
      while (first < words.length - 1 && first - i < MAX_PARTICLES && PARTICLE_SET.has(words[first].key)) first += 1;
      if (!surnameLike(words[first])) continue;
    } else if (PARTICLE_SET.has(w.key) || (STOPWORDS.has(w.key) && before !== 'family')) {
      continue;
    }
    const { last, parts } = surnameAfter(text, words, first);
    if (!isName(text, words, i, first, last, parts, before)) continue;
    found.push({ match: text.slice(w.start, words[last].end), index: w.start });
    i = last;
  }
  return found;
}

/**
 * Whether words[i..last] is a person's name, by the evidence in the module comment. The
 * cheap checks come first: most capitalised words are settled before any look-around runs.
 */
function isName(text: string, words: Word[], i: number, first: number, last: number, parts: number, before: Before): boolean {
  if (before === 'family' || before === 'honorific') return true;
  const known = knownFirstName(words[first].text);
  if (known && (before === 'role' || before === 'needs-first-name')) return true;
  if (before === 'role' && parts > 0) return true;
  const end = words[last].end;
  const initial = startsSentence(text, words[i].start);
  if (known || !initial) {
    if (followedBy(AFTER.ageInParentheses, text, end) || followedBy(AFTER.dateOfBirth, text, end) || followedBy(AFTER.kinship, text, end)) return true;
  }
  if (!known) return false;
  const weakContext = [AFTER.ageInSentence, AFTER.bareAge, AFTER.bareDate, AFTER.apposition];
  if (weakContext.some((pattern) => followedBy(pattern, text, end))) return true;
  // Without context: a study's author ("Morris (2005)", "Hood & Morris") is no client.
  if (followedBy(AFTER.author, text, end) || (i > 0 && gap(text, words[i - 1], words[i]).includes('&'))) return false;
  // "Juvenile Justice System": a word in a run of capitalised words is part of a title.
  if (i > 0 && isCapitalised(words[i - 1]) && !CONTEXT_WORDS.has(words[i - 1].key) && NAME_GAP.test(gap(text, words[i - 1], words[i]))) return false;
  if (parts > 0) return true;
  // A lone first name counts mid-sentence, unless it stands among other proper nouns ("Colorado, Florida").
  return !initial && !listedWithProperNouns(text, words, i, last);
}
