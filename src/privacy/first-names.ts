/**
 * First names, for telling a client's name from any capitalised word. The lists are
 * @faker-js/faker's (maintained, MIT): Dutch, English, and the Turkish, Polish, Indian-English
 * and Ghanaian-English ones for the largest groups of other origins in Dutch youth care. Each
 * locale costs start-up time (a locale module is loaded whole; these take about 0.2 s together),
 * so only these are loaded; names of other origins are still found by their context (a kinship
 * word, an age, a date of birth), and a short supplement below covers the commonest that faker lacks.
 */
import { faker as dutch } from '@faker-js/faker/locale/nl';
import { faker as english } from '@faker-js/faker/locale/en';
import { faker as turkish } from '@faker-js/faker/locale/tr';
import { faker as polish } from '@faker-js/faker/locale/pl';
import { faker as indianEnglish } from '@faker-js/faker/locale/en_IN';
import { faker as ghanaianEnglish } from '@faker-js/faker/locale/en_GH';
import { eng, nld } from 'stopword';

/**
 * Names common among Dutch families of Moroccan, Turkish, Surinamese, Somali, Eritrean and
 * Chinese origin that none of the loaded faker lists has (checked against faker 10.6.0), in
 * their usual Dutch spelling.
 */
const SUPPLEMENT = [
  'Soufiane', 'Achmed', 'Abdelkader', 'Abdellah', 'Mohamed', 'Mohammed', 'Mohammad', 'Youssef', 'Yousef', 'Ayoub', 'Bilal',
  'Hamza', 'Ilias', 'Ilyas', 'Anouar', 'Mounir', 'Nordin', 'Redouan', 'Said', 'Samir', 'Tarik', 'Zakaria', 'Khalid',
  'Fatima', 'Fatma', 'Hatice', 'Ayse', 'Ayşe', 'Emine', 'Khadija', 'Kaoutar', 'Naima', 'Nadia', 'Najat', 'Souad',
  'Houda', 'Loubna', 'Malika', 'Meryem', 'Nora', 'Ouafae', 'Salma', 'Siham', 'Yasmina', 'Zineb', 'Imane', 'Hafsa',
  'Abdi', 'Abdirahman', 'Hodan', 'Hawa', 'Sahra', 'Ifrah', 'Filmon', 'Yonas', 'Semhar', 'Senait', 'Tesfay', 'Rahwa',
  'Sarita', 'Radjesh', 'Rajesh', 'Sunita', 'Shanti', 'Anil', 'Kiran', 'Ramon', 'Quincy', 'Jurgen', 'Shirley', 'Sharon',
  'Wei', 'Ling',
];

/** Words that faker lists as first names but that read as ordinary words or name particles here. */
const NOT_NAMES = ['Van', 'De', 'Den', 'Der', 'Ter', 'Ten', 'El', 'Al', 'La', 'Le', 'Di', 'Da', 'Del'];

type FirstNameLists = Partial<Record<'generic' | 'female' | 'male', readonly string[]>>;

function listed(lists: FirstNameLists | undefined): string[] {
  return Object.values(lists ?? {}).flat();
}

/** Single Latin-script words only: a two-word entry ("Ana Luisa") is found as two names. */
const SINGLE_NAME = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)?$/u;

function buildFirstNames(): Set<string> {
  const stopwords = new Set([...nld, ...eng].map((w) => w.toLowerCase()));
  const notNames = new Set(NOT_NAMES.map((w) => w.toLowerCase()));
  const names = new Set<string>();
  const locales = [dutch, english, turkish, polish, indianEnglish, ghanaianEnglish];
  const candidates = [...locales.flatMap((f) => listed(f.rawDefinitions.person?.first_name as FirstNameLists | undefined)), ...SUPPLEMENT];
  for (const name of candidates) {
    const key = name.toLowerCase();
    if (!SINGLE_NAME.test(name) || stopwords.has(key) || notNames.has(key)) continue;
    names.add(key);
  }
  return names;
}

const FIRST_NAMES = buildFirstNames();

/** True when the word is a first name in one of the lists (case-insensitive). */
export function isFirstName(word: string): boolean {
  return FIRST_NAMES.has(word.toLowerCase());
}

/** How many first names are known (for the README and a sanity test). */
export function firstNameCount(): number {
  return FIRST_NAMES.size;
}
