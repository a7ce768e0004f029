/**
 * The /goals working agreement as one platform-neutral model: the form's fields (which
 * every channel renders as its own inputs), the stored content, validation with zod and
 * field-level messages, and the refusal of personal data. Channels only translate.
 */
import { z } from 'zod';
import type { Language } from '../shared/reply.js';
import { findPersonalData, type PersonalDataKind } from '../privacy/personal-data.js';
import type { SectionId } from './template.js';
import { GOALS_TEXTS as T } from './texts.js';

export const MAX_GOALS = 5;
/** An alias is a short code ("gezin-A7"), never a name. */
export const ALIAS_MAX_LENGTH = 40;
export const ALIAS_RE = /^[\p{L}\p{N}][\p{L}\p{N}_-]{1,39}$/u;

export interface Goal {
  text: string;
  agencies: string[];
  owner: string;
  /** YYYY-MM-DD */
  targetDate: string;
}

export interface Role {
  agency: string;
  responsibility: string;
}

/** What a case holds besides its alias. No field is meant for client identifiers. */
export interface CaseContent {
  goals: Goal[];
  roles: Role[];
  coordinator: string;
  contact: string;
  information: { consent: string; shared: string; notShared: string };
  meetings: { frequency: string; attendees: string; chair: string };
  /** YYYY-MM-DD */
  reviewDate: string;
}

export type FieldKind = 'text' | 'multiline' | 'date';

/**
 * Where a field sits in the light form: `first` is what a new case needs (the alias, the goals,
 * who coordinates, the review date) and is always shown; `details` (roles per agency, information
 * sharing, meetings) is optional and one click away ("more details"), to be filled in later.
 */
export type FieldGroup = 'first' | 'details';

export interface FieldSpec {
  key: string;
  section: SectionId;
  kind: FieldKind;
  group: FieldGroup;
  /** Required unless it belongs to goals 2–5 (a goal is complete or empty) or to the details. */
  optional: boolean;
  maxLength: number;
  label: Record<Language, string>;
  hint?: Record<Language, string>;
  /** What to write when the field is required and empty (the form's own error, never the label again). */
  missing?: Record<Language, string>;
  /** For goal fields: which goal (1-based). */
  goal?: number;
}

/** A form's values by field key, as the channels collect them. Empty or missing means not filled. */
export type FormValues = Record<string, string | undefined>;

export const goalKey = (i: number, part: 'text' | 'agencies' | 'owner' | 'date') => `goal${i}_${part}`;

function goalFields(i: number): FieldSpec[] {
  const optional = i > 1;
  return [
    {
      key: goalKey(i, 'text'),
      section: 'goals',
      kind: 'multiline',
      group: 'first',
      optional,
      maxLength: 300,
      goal: i,
      missing: i === 1 ? T.errors.atLeastOneGoal : T.errors.missing.goalText,
      label: { nl: `${T.goal.nl(i)}: wat willen we samen met het gezin bereiken?`, en: `${T.goal.en(i)}: what do we want to achieve with the family?` },
    },
    {
      key: goalKey(i, 'agencies'),
      section: 'goals',
      kind: 'text',
      group: 'first',
      optional,
      maxLength: 200,
      goal: i,
      missing: T.errors.missing.goalAgencies,
      label: { nl: `${T.goal.nl(i)}: ${T.agencies.nl.toLowerCase()}`, en: `${T.goal.en(i)}: ${T.agencies.en.toLowerCase()}` },
      hint: { nl: 'Gescheiden door komma’s, bijv. wijkteam, JGZ, school', en: 'Comma-separated, e.g. social team, youth health care, school' },
    },
    {
      key: goalKey(i, 'owner'),
      section: 'goals',
      kind: 'text',
      group: 'first',
      optional,
      maxLength: 100,
      goal: i,
      missing: T.errors.missing.goalOwner,
      label: { nl: `${T.goal.nl(i)}: ${T.owner.nl.toLowerCase()}`, en: `${T.goal.en(i)}: ${T.owner.en.toLowerCase()}` },
      hint: { nl: 'Een professional of organisatie, niet het gezin', en: 'A professional or agency, not the family' },
    },
    {
      key: goalKey(i, 'date'),
      section: 'goals',
      kind: 'date',
      group: 'first',
      optional,
      maxLength: 10,
      goal: i,
      missing: T.errors.missing.goalDate,
      label: { nl: `${T.goal.nl(i)}: ${T.targetDate.nl.toLowerCase()}`, en: `${T.goal.en(i)}: ${T.targetDate.en.toLowerCase()}` },
    },
  ];
}

/** Every field of the form, in order. The alias field is shown only when the alias is not known yet. */
export const FIELDS: FieldSpec[] = [
  {
    key: 'alias',
    section: 'alias',
    kind: 'text',
    group: 'first',
    optional: false,
    maxLength: ALIAS_MAX_LENGTH,
    label: { nl: 'Alias van de casus', en: 'Case alias' },
    hint: { nl: 'Een code zoals gezin-A7, nooit een naam', en: 'A code such as family-A7, never a name' },
    missing: T.errors.missing.alias,
  },
  ...Array.from({ length: MAX_GOALS }, (_, i) => goalFields(i + 1)).flat(),
  {
    key: 'coordinator',
    section: 'roles',
    kind: 'text',
    group: 'first',
    optional: false,
    maxLength: 100,
    label: { nl: 'Wie voert de regie?', en: 'Who coordinates (regie)?' },
    hint: { nl: 'Functie en organisatie, bijv. casusregisseur wijkteam', en: 'Role and agency, e.g. case coordinator, social team' },
    missing: T.errors.missing.coordinator,
  },
  {
    key: 'roles',
    section: 'roles',
    kind: 'multiline',
    group: 'details',
    optional: true,
    maxLength: 2000,
    label: { nl: 'Rol en verantwoordelijkheid per organisatie', en: 'Role and responsibility per agency' },
    hint: { nl: 'Eén regel per organisatie: "Wijkteam: gezinsplan en contact met school"', en: 'One line per agency: "Social team: family plan and contact with school"' },
  },
  {
    key: 'contact',
    section: 'roles',
    kind: 'text',
    group: 'details',
    optional: true,
    maxLength: 200,
    label: { nl: 'Hoe is de regievoerder bereikbaar?', en: 'How to reach the coordinator' },
    hint: { nl: 'Bijv. via dit kanaal, of het algemene nummer van de organisatie', en: 'E.g. in this channel, or the agency’s general number' },
  },
  {
    key: 'consent',
    section: 'information',
    kind: 'multiline',
    group: 'details',
    optional: true,
    maxLength: 500,
    label: { nl: 'Toestemming van het gezin: verkregen? hoe en wanneer?', en: 'Family’s consent: obtained? how and when?' },
  },
  {
    key: 'shared',
    section: 'information',
    kind: 'multiline',
    group: 'details',
    optional: true,
    maxLength: 1000,
    label: { nl: 'Wat delen we met wie, en hoe?', en: 'What is shared with whom, and how?' },
  },
  {
    key: 'notShared',
    section: 'information',
    kind: 'multiline',
    group: 'details',
    optional: true,
    maxLength: 1000,
    label: { nl: 'Wat mag niet gedeeld worden?', en: 'What must not be shared?' },
  },
  {
    key: 'frequency',
    section: 'meetings',
    kind: 'text',
    group: 'details',
    optional: true,
    maxLength: 200,
    label: { nl: 'Hoe vaak: casusoverleg en reflectiemomenten', en: 'How often: case consultation and reflection moments' },
    hint: { nl: 'Bijv. elke 4 weken casusoverleg, elk kwartaal reflectie', en: 'E.g. case consultation every 4 weeks, reflection each quarter' },
  },
  {
    key: 'attendees',
    section: 'meetings',
    kind: 'text',
    group: 'details',
    optional: true,
    maxLength: 300,
    label: { nl: 'Wie zijn erbij?', en: 'Who attends?' },
  },
  {
    key: 'chair',
    section: 'meetings',
    kind: 'text',
    group: 'details',
    optional: true,
    maxLength: 100,
    label: { nl: 'Wie zit voor?', en: 'Who chairs?' },
  },
  {
    key: 'reviewDate',
    section: 'review',
    kind: 'date',
    group: 'first',
    optional: false,
    maxLength: 10,
    label: { nl: 'Evaluatiedatum van deze afspraken', en: 'Review date of this agreement' },
    missing: T.errors.missing.reviewDate,
  },
];

export const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));

/** How the light form opens; every channel shows the same. */
export interface FormLayout {
  /** Goal slots shown (1..MAX_GOALS): the filled ones or those with an error, at least one; "add a goal" shows the next. */
  goalSlots: number;
  /** The details (roles per agency, information sharing, meetings) start open: one of them is filled or has an error. */
  detailsOpen: boolean;
}

/**
 * The layout for these values and errors. Nothing filled is ever hidden, so a channel whose
 * submit carries only the inputs it shows (Slack) loses nothing.
 */
export function formLayout(values: FormValues, errors: FieldErrors = {}): FormLayout {
  const used = (f: FieldSpec) => Boolean(values[f.key]?.trim()) || errors[f.key] !== undefined;
  const goalSlots = Math.max(1, ...FIELDS.filter((f) => f.goal !== undefined && used(f)).map((f) => f.goal!));
  return { goalSlots, detailsOpen: FIELDS.some((f) => f.group === 'details' && used(f)) };
}

/** The form's values for a stored case (to prefill an edit form). */
export function contentToForm(alias: string, content: CaseContent | null): FormValues {
  const v: FormValues = { alias };
  if (!content) return v;
  content.goals.forEach((g, i) => {
    v[goalKey(i + 1, 'text')] = g.text;
    v[goalKey(i + 1, 'agencies')] = g.agencies.join(', ');
    v[goalKey(i + 1, 'owner')] = g.owner;
    v[goalKey(i + 1, 'date')] = g.targetDate;
  });
  v.roles = content.roles.map((r) => `${r.agency}: ${r.responsibility}`).join('\n');
  v.coordinator = content.coordinator;
  v.contact = content.contact;
  v.consent = content.information.consent;
  v.shared = content.information.shared;
  v.notShared = content.information.notShared;
  v.frequency = content.meetings.frequency;
  v.attendees = content.meetings.attendees;
  v.chair = content.meetings.chair;
  v.reviewDate = content.reviewDate;
  return v;
}

export type FieldErrors = Record<string, string>;

export interface PersonalDataFound {
  field: string;
  kind: PersonalDataKind;
}

export type CheckResult =
  | { ok: true; alias: string; content: CaseContent }
  | { ok: false; reason: 'invalid'; errors: FieldErrors }
  | { ok: false; reason: 'personal-data'; found: PersonalDataFound[]; errors: FieldErrors; message: string };

const isDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/**
 * Today's date as a form compares it: the earliest calendar date anywhere (UTC−12), so a date
 * that is today for someone west of Greenwich is never called past.
 */
export function earliestToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** How a form is checked beyond its own values. */
export interface CheckOptions {
  /** YYYY-MM-DD; dates before it are refused as past (default: {@link earliestToday}). */
  today?: string;
  /** The stored version's values: a date kept as it was may lie in the past (a goal's old target date). */
  stored?: FormValues;
}

/** The zod schema of a filled form, with messages in the given language that say what to fix. */
export function formSchema(language: Language, options: CheckOptions = {}) {
  const E = T.errors;
  const today = options.today ?? earliestToday();
  const missing = (f: FieldSpec) => f.missing?.[language] ?? E.required[language];
  const dateError = (key: string, value: string): string | undefined => {
    if (!isDate(value)) return E.date[language];
    if (value < today && options.stored?.[key] !== value) return E.datePast[language];
    return undefined;
  };
  const text = (f: FieldSpec) => {
    const base = z.string().trim().max(f.maxLength, E.tooLong[language](f.maxLength));
    if (f.key === 'alias') return base.min(1, missing(f)).regex(ALIAS_RE, E.alias[language]);
    // Goals are checked as a whole below: complete or empty, and at least one.
    if (f.goal !== undefined) return base;
    if (f.kind === 'date') {
      return base.min(1, missing(f)).superRefine((v, ctx) => {
        const message = dateError(f.key, v);
        if (message) ctx.addIssue({ code: 'custom', message });
      });
    }
    return f.optional ? base : base.min(1, missing(f));
  };
  const shape: Record<string, z.ZodType<string>> = {};
  for (const f of FIELDS) shape[f.key] = z.preprocess((v) => (v == null ? '' : v), text(f)) as z.ZodType<string>;
  return z.object(shape).superRefine((v, ctx) => {
    let goals = 0;
    for (let i = 1; i <= MAX_GOALS; i++) {
      const parts = (['text', 'agencies', 'owner', 'date'] as const).map((p) => goalKey(i, p));
      const filled = parts.filter((k) => v[k] !== '');
      if (filled.length === 0) continue;
      goals++;
      for (const k of parts) {
        const message = v[k] === '' ? missing(FIELD_BY_KEY.get(k)!) : k.endsWith('_date') ? dateError(k, v[k]) : undefined;
        if (message) ctx.addIssue({ code: 'custom', path: [k], message });
      }
    }
    if (goals === 0) ctx.addIssue({ code: 'custom', path: [goalKey(1, 'text')], message: E.atLeastOneGoal[language] });
    const lines = v.roles.split('\n').map((l) => l.trim()).filter(Boolean);
    lines.forEach((line, i) => {
      const m = /^([^:]{2,100}):\s*(.{2,})$/.exec(line);
      if (!m) ctx.addIssue({ code: 'custom', path: ['roles'], message: E.roleLine[language](i + 1) });
    });
    if (lines.length > 10) ctx.addIssue({ code: 'custom', path: ['roles'], message: E.tooManyRoles[language] });
  });
}

function toContent(v: Record<string, string>): CaseContent {
  const goals: Goal[] = [];
  for (let i = 1; i <= MAX_GOALS; i++) {
    if (v[goalKey(i, 'text')] === '') continue;
    goals.push({
      text: v[goalKey(i, 'text')],
      agencies: v[goalKey(i, 'agencies')].split(',').map((a) => a.trim()).filter(Boolean),
      owner: v[goalKey(i, 'owner')],
      targetDate: v[goalKey(i, 'date')],
    });
  }
  const roles = v.roles
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(':');
      return { agency: l.slice(0, at).trim(), responsibility: l.slice(at + 1).trim() };
    });
  return {
    goals,
    roles,
    coordinator: v.coordinator,
    contact: v.contact,
    information: { consent: v.consent, shared: v.shared, notShared: v.notShared },
    meetings: { frequency: v.frequency, attendees: v.attendees, chair: v.chair },
    reviewDate: v.reviewDate,
  };
}

/** Personal data in any text field, with the field it was found in. */
export function scanForPersonalData(values: FormValues): PersonalDataFound[] {
  const found: PersonalDataFound[] = [];
  for (const f of FIELDS) {
    const value = values[f.key];
    if (!value || f.kind === 'date') continue;
    // Cut at the field's maximum before any pattern runs: a longer value is refused as too long anyway.
    for (const m of findPersonalData(value.trim(), { maxChars: f.maxLength })) found.push({ field: f.key, kind: m.kind });
  }
  return found;
}

/** The refusal's message: what was found, where, and why nothing is stored. Never repeats the value. */
export function personalDataMessage(found: PersonalDataFound[], language: Language): string {
  const items = [...new Set(found.map((f) => T.foundIn[language](f.kind, FIELD_BY_KEY.get(f.field)?.label[language] ?? f.field)))];
  return T.privacyRefused[language](items.join('; '));
}

/** An error for each field longer than its maximum (as the schema counts: after trimming); undefined when none is. */
function lengthErrors(values: FormValues, language: Language): FieldErrors | undefined {
  let errors: FieldErrors | undefined;
  for (const f of FIELDS) {
    const value = values[f.key];
    if (typeof value === 'string' && value.trim().length > f.maxLength) {
      errors ??= {};
      errors[f.key] = T.errors.tooLong[language](f.maxLength, value.trim().length);
    }
  }
  return errors;
}

/**
 * Checks a submitted form: personal data first, each field scanned only up to its maximum
 * length (refused, with a message and an error on each field where it was found), then the
 * lengths, then validation (an error per field).
 */
export function checkForm(values: FormValues, language: Language, options: CheckOptions = {}): CheckResult {
  const found = scanForPersonalData(values);
  if (found.length) {
    const errors: FieldErrors = {};
    for (const f of found) errors[f.field] ??= T.privacyField[language](f.kind);
    return { ok: false, reason: 'personal-data', found, errors, message: personalDataMessage(found, language) };
  }
  // An overlong field goes no further: the validation's patterns never read it.
  const tooLong = lengthErrors(values, language);
  if (tooLong) return { ok: false, reason: 'invalid', errors: tooLong };
  const result = formSchema(language, options).safeParse(values);
  if (!result.success) {
    const errors: FieldErrors = {};
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'alias')] ??= issue.message;
    return { ok: false, reason: 'invalid', errors };
  }
  return { ok: true, alias: result.data.alias, content: toContent(result.data) };
}

/** Checks an alias on its own (a command's argument). */
export function checkAlias(
  alias: string,
  language: Language,
): { ok: true; alias: string } | { ok: false; message: string; personalData: boolean } {
  // Length first: a command's argument can be any length, and an alias longer than its maximum is refused unread.
  if (alias.trim().length > ALIAS_MAX_LENGTH) return { ok: false, personalData: false, message: T.errors.alias[language] };
  const found = findPersonalData(alias);
  if (found.length) {
    return { ok: false, personalData: true, message: personalDataMessage(found.map((f) => ({ field: 'alias', kind: f.kind })), language) };
  }
  const a = alias.trim();
  if (!ALIAS_RE.test(a)) return { ok: false, personalData: false, message: T.errors.alias[language] };
  return { ok: true, alias: a };
}

/** Checks stored content (for values that come from the database or an undo). */
export const CaseContentSchema: z.ZodType<CaseContent> = z.object({
  goals: z
    .array(z.object({ text: z.string(), agencies: z.array(z.string()), owner: z.string(), targetDate: z.string() }))
    .min(1)
    .max(MAX_GOALS),
  roles: z.array(z.object({ agency: z.string(), responsibility: z.string() })),
  coordinator: z.string(),
  contact: z.string(),
  information: z.object({ consent: z.string(), shared: z.string(), notShared: z.string() }),
  meetings: z.object({ frequency: z.string(), attendees: z.string(), chair: z.string() }),
  reviewDate: z.string(),
});
