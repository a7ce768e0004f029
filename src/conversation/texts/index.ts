/**
 * The catalogs of Samen's own texts, one per language (nl.ts, en.ts), in the neutral markup:
 * the conversation layer's (busy, failed, unavailable, the commands of the help) and the
 * features' notices (goals, reflection reminders). Channels render what they pick from here.
 */
import type { Language } from '../../shared/reply.js';
import { en } from './en.js';
import { nl } from './nl.js';

export type Catalog = typeof nl;

export const CATALOGS: Record<Language, Catalog> = { nl, en };

/** The catalog of a language. */
export const texts = (language: Language): Catalog => CATALOGS[language];
