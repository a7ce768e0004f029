/**
 * /goals in the conversation: the command and the form's submit, each answered with a view
 * model (what to show, not how) in the catalog's words. Slack renders views as Block Kit
 * messages and modals, Teams and the web chat as the shared Adaptive Cards (src/cards).
 */
import type { Language } from '../shared/reply.js';
import { runGoalsCommand, type GoalsReply, type GoalsWhere } from '../goals/command.js';
import { contentToForm, FIELDS, formLayout, personalDataMessage, type FieldErrors, type FormLayout, type FormValues } from '../goals/model.js';
import { caseDocument, type CaseDocument, type GoalsService } from '../goals/service.js';
import { CaseNotFoundError, NothingToUndoError, PersonalDataError, type StoredCase } from '../goals/store.js';
import { DatabaseUnavailableError } from '../storage/database.js';
import { list, say, type Markup } from './markup.js';
import { texts } from './texts/index.js';

export type { GoalsWhere } from '../goals/command.js';

/**
 * The light form of a case, as every channel shows it: the first fields (alias for a new case,
 * the goals, who coordinates, the review date) with as many goal slots as the layout says and
 * "add a goal" for more, the details behind "more details" unless they are filled.
 */
export interface GoalsForm {
  /** A new case: the form asks for its alias. */
  askAlias: boolean;
  values: FormValues;
  /** What to fix, per field, in the form's language. */
  errors: FieldErrors;
  layout: FormLayout;
}

export type GoalsView =
  /** A text for the user (alone, where the platform can); failed: the error to log. */
  | { kind: 'notice'; language: Language; heading?: string; body: Markup; failed?: unknown }
  /**
   * A case, shown once: a filled one as its summary with an "edit" action that opens the form,
   * one not filled in yet as the form itself. replace: in place of the form that was submitted.
   */
  | { kind: 'case'; language: Language; doc: CaseDocument; form: GoalsForm; note?: string; replace?: true }
  /** The blank form of a new case; it asks for the alias too. */
  | { kind: 'new-form'; language: Language; doc: CaseDocument; form: GoalsForm }
  /**
   * A submitted form that was not saved: errors per field, and the message for a platform that
   * cannot show them there. A form refused for personal data is told, never shown again
   * (what was typed stays out of the chat's history); an invalid one replaces the submitted form.
   */
  | {
      kind: 'refused';
      language: Language;
      reason: 'invalid' | 'personal-data';
      doc: CaseDocument;
      form: GoalsForm;
      errors: FieldErrors;
      heading?: string;
      body: Markup;
      replace?: true;
    }
  /** The case changed since its form was opened: nothing was saved; the current version, with why. */
  | { kind: 'conflict'; language: Language; doc: CaseDocument; form: GoalsForm; title: string; message: string };

/** What a goals card's or modal's submit carries: the form's values, the version it was opened at, its language. */
export interface GoalsInput {
  values: FormValues;
  version: number;
  language: Language;
  /** The form asked for the alias (a new case): shown again, it still does. */
  newCase?: boolean;
}

/** The form for these values and errors. */
export function goalsForm(values: FormValues, options: { askAlias?: boolean; errors?: FieldErrors } = {}): GoalsForm {
  const errors = options.errors ?? {};
  return { askAlias: options.askAlias ?? false, values, errors, layout: formLayout(values, errors) };
}

/** The form values in a submit's data: the strings of the form's fields (empty ones left out). */
export function formValues(data: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of FIELDS) {
    const v = data[f.key];
    if (typeof v === 'string' && (f.key === 'alias' || v.trim() !== '')) values[f.key] = v;
  }
  return values;
}

/** What to tell the user when a goals operation failed (the caller logs it). */
export function goalsFailure(err: unknown, language: Language): Markup {
  const t = texts(language).goals;
  if (err instanceof DatabaseUnavailableError) return t.dbDown;
  if (err instanceof CaseNotFoundError) return t.notFound(err.alias);
  if (err instanceof NothingToUndoError) return t.nothingToUndo(err.alias);
  if (err instanceof PersonalDataError) return say(personalDataMessage(err.found, language));
  return t.failed;
}

const notice = (language: Language, body: Markup, heading?: string): GoalsView => ({ kind: 'notice', language, body, ...(heading ? { heading } : {}) });

function caseView(goals: GoalsService, stored: Pick<StoredCase, 'alias' | 'version' | 'content'> & { updatedAt?: Date }, language: Language, note?: string) {
  return {
    kind: 'case' as const,
    language,
    doc: caseDocument(goals.template, stored, language),
    form: goalsForm(contentToForm(stored.alias, stored.content)),
    ...(note ? { note } : {}),
  };
}

/** The words of a /goals result. */
function view(goals: GoalsService, reply: GoalsReply): GoalsView {
  const { language } = reply;
  const t = texts(language).goals;
  switch (reply.kind) {
    case 'help':
      return notice(language, t.help);
    case 'language-usage':
      return notice(language, t.languageUsage);
    case 'language-set':
      return notice(language, t.languageSet);
    case 'list':
      if (reply.cases.length === 0) return notice(language, t.listEmpty);
      return notice(language, [list(...reply.cases.map((c) => t.listItem(c.alias, c.version, c.updatedAt)))], t.listHeading);
    case 'history':
      return notice(language, [list(...reply.versions.map((v) => t.historyItem(v.version, v.savedAt, v.restoredFrom)))], t.historyHeading(reply.alias));
    case 'not-found':
      return notice(language, t.notFound(reply.alias));
    case 'bad-alias':
      return notice(language, say(reply.message));
    case 'new-form':
      return { kind: 'new-form', language, doc: caseDocument(goals.template, { alias: '', version: 0, content: null }, language), form: goalsForm({}, { askAlias: true }) };
    case 'case': {
      const { note } = reply;
      const said = note?.kind === 'exists' ? t.exists(reply.case.alias) : note?.kind === 'undone' ? t.undone(reply.case.alias, reply.case.version, note.from) : undefined;
      return caseView(goals, reply.case, language, said);
    }
    case 'failed':
      return { kind: 'notice', language, body: goalsFailure(reply.error, language), failed: reply.error };
  }
}

/** `goals …` (the words after the command); without the goals service (no database): "not switched on". */
export async function goalsCommand(goals: GoalsService | undefined, where: GoalsWhere, args: string): Promise<GoalsView> {
  if (!goals) return notice(where.language, texts(where.language).unavailable('goals'));
  return view(goals, await runGoalsCommand(goals, where, args));
}

/** A submitted goals form. Never throws: a failure is a notice carrying the error. */
export async function goalsSubmit(goals: GoalsService | undefined, where: GoalsWhere, input: GoalsInput): Promise<GoalsView> {
  const { language, values, version } = input;
  if (!goals) return notice(language, texts(language).unavailable('goals'));
  const t = texts(language).goals;
  try {
    const outcome = await goals.channel(where, where.channelId).submit(values, version, language);
    switch (outcome.kind) {
      case 'saved':
        return { ...caseView(goals, outcome.case, language, t.savedBy(outcome.case.version)), replace: true };
      case 'invalid':
      case 'personal-data': {
        const newCase = input.newCase === true;
        const doc = caseDocument(goals.template, { alias: newCase ? '' : (values.alias ?? ''), version, content: null }, language);
        const form = goalsForm(values, { askAlias: newCase, errors: outcome.errors });
        const common = { kind: 'refused' as const, language, doc, form, errors: outcome.errors };
        return outcome.kind === 'invalid'
          ? { ...common, reason: 'invalid', body: [list(...Object.values(outcome.errors).map((e) => [e]))], replace: true }
          : { ...common, reason: 'personal-data', heading: t.privacyTitle, body: say(outcome.message) };
      }
      case 'conflict': {
        const { current } = outcome;
        return { ...caseView(goals, current, language), kind: 'conflict', title: t.conflictTitle, message: t.conflict(current.alias, current.version) };
      }
    }
  } catch (err) {
    return { kind: 'notice', language, body: goalsFailure(err, language), failed: err };
  }
}

/** The text of a view that is told rather than shown as a case or form: a notice, or a refusal for personal data. */
export function toldOf(view: GoalsView): { heading?: string; body: Markup } | undefined {
  if (view.kind === 'notice') return view;
  if (view.kind === 'refused' && view.reason === 'personal-data') return view;
  return undefined;
}
