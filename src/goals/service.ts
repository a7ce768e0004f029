/**
 * /goals as the channels use it: parse a command, open and save cases per platform, tenant
 * and channel in the channel's language, and describe a case as a platform-neutral document
 * (sections with their cited "why" lines) that each channel renders in its own way.
 */
import type { Language } from '../shared/reply.js';
import type { Tenant } from '../storage/tenant.js';
import { checkAlias, checkForm, contentToForm, FIELDS, type CaseContent, type FieldErrors, type FormValues } from './model.js';
import { CaseConflictError, type ChannelCases, type GoalStore, type StoredCase } from './store.js';
import { citationText, type SectionId, type TemplateSection } from './template.js';
import { GOALS_TEXTS as T } from './texts.js';

export type GoalsCommand =
  | { kind: 'help' }
  | { kind: 'new'; alias?: string }
  | { kind: 'list' }
  | { kind: 'show'; alias: string }
  | { kind: 'history'; alias: string }
  | { kind: 'undo'; alias: string }
  | { kind: 'language'; language?: Language };

/** `goals`, `goals ALIAS`, `goals list|show A|history A|undo A|language nl|help` (Dutch words too). */
export function parseGoalsCommand(text: string | undefined): GoalsCommand {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean);
  const [first = '', second, ...rest] = words;
  const verb = first.toLowerCase();
  if (words.length === 0) return { kind: 'new' };
  if (/^(help|hulp|\?|-h|--help)$/.test(verb)) return { kind: 'help' };
  if (/^(list|lijst|ls)$/.test(verb) && !second) return { kind: 'list' };
  if (/^(language|taal|lang)$/.test(verb)) {
    const l = second?.toLowerCase();
    return { kind: 'language', ...(l === 'nl' || l === 'en' ? { language: l } : {}) };
  }
  const withAlias = (kind: 'show' | 'history' | 'undo'): GoalsCommand =>
    second && rest.length === 0 ? { kind, alias: second } : { kind: 'help' };
  if (/^(show|toon)$/.test(verb)) return withAlias('show');
  if (/^(history|geschiedenis)$/.test(verb)) return withAlias('history');
  if (/^(undo|herstel)$/.test(verb)) return withAlias('undo');
  if (/^(new|nieuw)$/.test(verb)) return second ? { kind: 'new', alias: words.slice(1).join(' ') } : { kind: 'new' };
  return { kind: 'new', alias: words.join(' ') };
}

export type SubmitOutcome =
  | { kind: 'saved'; case: StoredCase }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'personal-data'; errors: FieldErrors; message: string }
  | { kind: 'conflict'; current: StoredCase };

export interface GoalsChannel extends Omit<ChannelCases, 'language' | 'save'> {
  /** The channel's language, or the default (SAMEN_LANGUAGE). */
  language(): Promise<Language>;
  /**
   * Checks a submitted form (personal data, then validation) and saves it as the version
   * after expectedVersion. Nothing is written unless the outcome is "saved".
   */
  submit(values: FormValues, expectedVersion: number, language: Language): Promise<SubmitOutcome>;
}

export interface GoalsService {
  readonly template: TemplateSection[];
  readonly defaultLanguage: Language;
  channel(tenant: Tenant, channelId: string): GoalsChannel;
}

export function createGoalsService(options: {
  store: GoalStore;
  template: TemplateSection[];
  defaultLanguage: Language;
}): GoalsService {
  const { store, template, defaultLanguage } = options;
  return {
    template,
    defaultLanguage,
    channel(tenant, channelId) {
      const cases = store.channel(tenant, channelId);
      return {
        tenant: cases.tenant,
        channelId,
        open: cases.open,
        get: cases.get,
        list: cases.list,
        history: cases.history,
        undo: cases.undo,
        setLanguage: cases.setLanguage,
        language: async () => (await cases.language()) ?? defaultLanguage,
        async submit(values, expectedVersion, language) {
          // An edit may keep a date that has passed since (a goal's old target date); a new or changed one may not.
          const alias = expectedVersion > 0 && values.alias ? checkAlias(values.alias, language) : undefined;
          const current = alias?.ok ? await cases.get(alias.alias) : undefined;
          const stored = current?.content ? contentToForm(current.alias, current.content) : undefined;
          const checked = checkForm(values, language, stored ? { stored } : {});
          if (!checked.ok) {
            return checked.reason === 'invalid'
              ? { kind: 'invalid', errors: checked.errors }
              : { kind: 'personal-data', errors: checked.errors, message: checked.message };
          }
          try {
            return { kind: 'saved', case: await cases.save(checked.alias, checked.content, expectedVersion) };
          } catch (err) {
            if (err instanceof CaseConflictError) return { kind: 'conflict', current: err.current };
            throw err;
          }
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------
// The platform-neutral document of a case.

export interface DocItem {
  label?: string;
  value: string;
}

export interface DocSection {
  id: SectionId;
  label: string;
  why: string;
  /** "Source: <review>, <location>; n=7" */
  citation: string;
  findingId: string;
  /** Empty when the case is not filled in. */
  items: DocItem[];
}

export interface CaseDocument {
  title: string;
  /** Empty for a new case whose form asks for it. */
  alias: string;
  version: number;
  updatedAt?: Date;
  filled: boolean;
  /** The template says it holds no client identifiers. */
  notice: string;
  sections: DocSection[];
}

const label = (key: string, language: Language) => FIELDS.find((f) => f.key === key)!.label[language];

/** What a section of the case says; a field left empty (the details are optional) is left out. */
function items(id: SectionId, c: CaseContent, language: Language): DocItem[] {
  return sectionItems(id, c, language).filter((i) => i.value.trim() !== '');
}

function sectionItems(id: SectionId, c: CaseContent, language: Language): DocItem[] {
  switch (id) {
    case 'alias':
      return [];
    case 'goals':
      return c.goals.map((g, i) => ({
        label: T.goal[language](i + 1),
        value: `${g.text}\n${T.agencies[language]}: ${g.agencies.join(', ')} · ${T.owner[language]}: ${g.owner} · ${T.targetDate[language]}: ${g.targetDate}`,
      }));
    case 'roles':
      return [
        { label: label('coordinator', language), value: c.coordinator },
        { label: label('contact', language), value: c.contact },
        ...c.roles.map((r) => ({ label: r.agency, value: r.responsibility })),
      ];
    case 'information':
      return [
        { label: label('consent', language), value: c.information.consent },
        { label: label('shared', language), value: c.information.shared },
        { label: label('notShared', language), value: c.information.notShared },
      ];
    case 'meetings':
      return [
        { label: label('frequency', language), value: c.meetings.frequency },
        { label: label('attendees', language), value: c.meetings.attendees },
        { label: label('chair', language), value: c.meetings.chair },
      ];
    case 'review':
      return [{ value: c.reviewDate }];
  }
}

export function caseDocument(
  template: TemplateSection[],
  c: Pick<StoredCase, 'alias' | 'version' | 'content'> & { updatedAt?: Date },
  language: Language,
): CaseDocument {
  return {
    title: c.alias ? `${T.title[language]}: ${c.alias}` : T.title[language],
    alias: c.alias,
    version: c.version,
    ...(c.version > 0 && c.updatedAt ? { updatedAt: c.updatedAt } : {}),
    filled: c.content !== null,
    notice: T.noIdentifiers[language],
    sections: template.map((s) => ({
      id: s.id,
      label: s.label[language],
      why: s.why[language],
      citation: citationText(s.citation[language], language),
      findingId: s.citation[language].findingId,
      items: s.id === 'alias' ? [{ value: c.alias }] : c.content ? items(s.id, c.content, language) : [],
    })),
  };
}
