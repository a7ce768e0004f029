import { z } from 'zod';

/** Text in both of Samen's languages. */
export const Bilingual = z.object({ nl: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

export const SourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  file: z.string().min(1),
  kind: z.string().min(1),
  language: z.enum(['nl', 'en']),
  title: Bilingual,
  shortTitle: Bilingual,
  /** The short title with its abbreviation spelled out, for the first citation of the source in an answer. */
  firstMention: Bilingual.optional(),
  description: Bilingual.optional(),
  /** Names people use for this document in a question ("the JGZ review"): findings from it rank higher. */
  aliases: z.array(z.string()).default([]),
  /** Regular expressions for whole lines that are page furniture (running heads), not text. */
  runningHeads: z.array(z.string()).default([]),
  /** Line ranges [from, to] of body text (results, discussion, conclusion) that findings must quote completely. */
  requiredCoverage: z.array(z.tuple([z.number().int(), z.number().int()])).default([]),
  /** Verbatim fragments that are no claim (table titles, column labels): the coverage report skips them. */
  notClaims: z.array(z.string()).default([]),
});
export type Source = z.infer<typeof SourceSchema>;

export const FINDING_KINDS = [
  'facilitator',
  'barrier',
  'effect',
  'definition',
  'recommendation',
  'method',
  'limitation',
  'context',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Themes shared by both reviews. Kept deliberately coarse so that retrieval can
 * boost by theme and /goals and reminders can pick findings by theme.
 */
export const THEMES = [
  'goals-vision', // doelen en visie, gedeelde doelen
  'roles', // rollen, verantwoordelijkheden, taakverdeling
  'coordination', // regie, coördinatie, casemanagement
  'trust-respect', // vertrouwen, respect, attitude, relatie
  'attitude-skills', // houding, vaardigheden, flexibiliteit, deskundigheid
  'communication', // communicatie, overleg, bereikbaarheid
  'information-sharing', // informatie-uitwisseling, privacy, toestemming
  'meetings-reflection', // casusoverleg, reflectie, bijeenkomsten
  'training', // gezamenlijke training, scholing, cross-training
  'leadership-management', // leiderschap, management, steun
  'resources-workload', // middelen, tijd, werkdruk, financiering, personeel
  'organisation-structure', // organisatorische context, structuren, procedures, wetgeving
  'family-involvement', // betrokkenheid van gezin, cliënt, jongeren
  'effects', // effecten van samenwerking
  'definitions', // begrippen, intensiteit, niveaus
  'method', // zoekstrategie, selectie, analyse
  'limitations', // methodologische beperkingen
  'context', // achtergrond, probleemstelling
] as const;
export type Theme = (typeof THEMES)[number];

export const FindingSchema = z.object({
  /** Stable id: never renumber, answers and feedback refer to it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  source: z.string().min(1),
  /** Where in the source: chapter and section heading or table, as the review names it. */
  location: z.string().min(1),
  theme: z.enum(THEMES),
  kind: z.enum(FINDING_KINDS),
  /** The verbatim Dutch passage: must occur in the source text. */
  quote: z.string().min(15),
  /** A faithful English rendering of the quote (curated findings always have one; ingested passages may not). */
  en: z.string().min(10).optional(),
  /** Primary studies, as the review writes them, e.g. "Darlington & Feeney (2007)". */
  studies: z.array(z.string().min(3)).default([]),
  /** Number of studies the review gives for this finding (e.g. n=7), when it gives one. */
  studyCount: z.number().int().positive().optional(),
  keywords: z.object({ nl: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }),
  /** From knowledge/expansions: the finding as one self-contained sentence, for a point of an answer. */
  gist: Bilingual.optional(),
  /** From knowledge/expansions: questions and situations the finding answers, in practitioners' words. */
  asks: z.object({ nl: z.array(z.string()), en: z.array(z.string()) }).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Index-time expansion (doc2query) of one finding, written from the finding alone: a short
 * self-contained statement and the questions and situations it answers, in both languages.
 * Searched as their own field, they solve vocabulary mismatch per finding instead of per question.
 */
export const ExpansionSchema = z.object({
  id: z.string().min(1),
  gist: Bilingual,
  asks: z.object({ nl: z.array(z.string().min(3)).min(1), en: z.array(z.string().min(3)).min(1) }),
});
export const ExpansionFileSchema = z.object({ expansions: z.array(ExpansionSchema) });

export const FindingFileSchema = z.object({ findings: z.array(FindingSchema) });

/**
 * One factor of the factor map (knowledge/factors): a thing the reviews say helps or hinders working
 * together, at the grain a practitioner asks about, linked to the passages that state it across
 * studies (synthesis, best first) and the findings that support it, from both reviews.
 */
export const FactorSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: Bilingual,
  /** How practitioners raise the factor in chat; written from the findings, never from an evaluation question. */
  asks: z.object({ nl: z.array(z.string().min(3)).min(1), en: z.array(z.string().min(3)).min(1) }),
  synthesis: z.array(z.string().min(1)).min(1),
  supporting: z.array(z.string().min(1)).default([]),
});
export type Factor = z.infer<typeof FactorSchema>;
export const FactorFileSchema = z.object({ factors: z.array(FactorSchema) });

/** One concept with its words in both languages; retrieval expands queries with them. */
export const ThesaurusEntrySchema = z.object({
  concept: z.string().min(1),
  nl: z.array(z.string().min(1)).min(1),
  en: z.array(z.string().min(1)).min(1),
  /** The concept says who or where (families, sectors, professions, the country), not what about working together. */
  setting: z.boolean().default(false),
  /** The concept is the reviews' subject itself: working together across agencies and professions. */
  subject: z.boolean().default(false),
  /**
   * The reviews say nothing about this (a protocol, a law's article, a dose): a question about it
   * that does not also ask about working together is declined instead of answered with loose matches.
   */
  notCovered: z.boolean().default(false),
  /** What a not-covered concept is called in an answer that says the reviews do not cover it. */
  label: z.object({ nl: z.string().min(1), en: z.string().min(1) }).optional(),
}).refine((e) => !e.notCovered || e.label, { message: 'a notCovered concept needs a label (nl, en) for answers' });
export type ThesaurusEntry = z.infer<typeof ThesaurusEntrySchema>;
export const ThesaurusSchema = z.object({ entries: z.array(ThesaurusEntrySchema) });

/** Cue words per finding kind: what kind of finding a question asks for. */
/** What a question can ask for: a kind of finding, an overview of a review (its summary, conclusion, themes), or a count. */
export const INTENTS = [...FINDING_KINDS, 'overview', 'count'] as const;
export type Intent = (typeof INTENTS)[number];
export const IntentsSchema = z.partialRecord(
  z.enum(INTENTS),
  z.object({ nl: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }),
);
export type Intents = z.infer<typeof IntentsSchema>;

/** Labels and suggested follow-up questions per theme, in both languages. */
export const ThemeInfoSchema = z.record(
  z.enum(THEMES),
  z.object({ label: Bilingual, followUp: Bilingual }),
);
export type ThemeInfo = z.infer<typeof ThemeInfoSchema>;
