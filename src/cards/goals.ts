/**
 * /goals as an Adaptive Card: the case document (from the goals service) with the
 * template's fields as inputs and a submit action. Only presentation: fields, texts and
 * checks come from the platform-neutral goals module.
 */
import type { Language } from '../shared/reply.js';
import type { GoalsView } from '../conversation/goals.js';
import { renderMarkup, type MarkupStyle } from '../conversation/markup.js';
import { FIELDS, type FieldErrors, type FormValues } from '../goals/model.js';
import type { CaseDocument } from '../goals/service.js';
import { GOALS_TEXTS as G } from '../goals/texts.js';
import { adaptiveCard, textBlock as text, type AdaptiveCard, type CardElement } from './card.js';

/** What the goals card's submit sends back (merged with the inputs' values). */
export interface GoalsSubmitValue {
  samen: 'goals';
  /** Absent when the card asks for the alias. */
  alias?: string;
  version: number;
  language: Language;
}

export interface GoalsCardOptions {
  /** The submitted values to show again (after a validation error); else the case's own. */
  values?: FormValues;
  errors?: FieldErrors;
  /** A line above the card (saved, conflict, validation summary). */
  note?: string;
  /** False: only show the case, without inputs (goals show of another version). */
  editable?: boolean;
}

function input(key: string, language: Language, value: string | undefined, error: string | undefined): CardElement[] {
  const f = FIELDS.find((x) => x.key === key)!;
  const common = {
    id: f.key,
    label: f.label[language],
    isRequired: !f.optional,
    errorMessage: error ?? f.label[language],
    ...(value ? { value } : {}),
  };
  const el: CardElement =
    f.kind === 'date'
      ? { type: 'Input.Date', ...common }
      : {
          type: 'Input.Text',
          ...common,
          maxLength: f.maxLength,
          ...(f.kind === 'multiline' ? { isMultiline: true } : {}),
          ...(f.hint ? { placeholder: f.hint[language] } : {}),
        };
  return error ? [el, text(error, { color: 'Attention', size: 'Small', spacing: 'None' })] : [el];
}

/** The case as a card: each section with its cited "why", what is filled in, and the inputs. */
export function goalsCard(doc: CaseDocument, language: Language, initial: FormValues, options: GoalsCardOptions = {}): AdaptiveCard {
  const editable = options.editable ?? true;
  const values = options.values ?? initial;
  const errors = options.errors ?? {};
  const askAlias = doc.version === 0 && !doc.filled && doc.alias === '…';
  const body: CardElement[] = [];
  if (options.note) body.push(text(options.note, { weight: 'Bolder', color: 'Accent' }));
  body.push(text(doc.title, { size: 'Large', weight: 'Bolder', style: 'heading' }));
  body.push(text(`${doc.notice}${doc.version > 0 ? ` · v${doc.version}` : ''}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
  for (const s of doc.sections) {
    if (s.id === 'alias' && !askAlias) continue;
    const items: CardElement[] = [
      text(s.label, { weight: 'Bolder', style: 'heading' }),
      text(`${s.why} ${s.citation}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    ];
    if (s.id !== 'alias') {
      if (s.items.length === 0) items.push(text(G.notFilled[language], { spacing: 'Small', isSubtle: true }));
      else items.push({ type: 'FactSet', facts: s.items.map((i) => ({ title: i.label ?? '', value: i.value })) });
    }
    if (editable) for (const f of FIELDS.filter((x) => x.section === s.id)) items.push(...input(f.key, language, values[f.key], errors[f.key]));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  if (!editable) return adaptiveCard(body);
  const data: GoalsSubmitValue = { samen: 'goals', ...(askAlias ? {} : { alias: doc.alias }), version: doc.version, language };
  return adaptiveCard(body, [{ type: 'Action.Submit', title: G.save[language], style: 'positive', data }]);
}

/**
 * The card of a goals view that shows a case or its form; undefined for one that is told
 * (a notice, a refusal for personal data: see toldOf in src/conversation/goals.ts).
 */
export function goalsViewCard(view: GoalsView, style: MarkupStyle): AdaptiveCard | undefined {
  switch (view.kind) {
    case 'case':
      return goalsCard(view.doc, view.language, view.form, { note: view.note });
    case 'new-form':
      return goalsCard(view.doc, view.language, {});
    case 'conflict':
      return goalsCard(view.doc, view.language, view.form, { note: `${view.title}: ${view.message}` });
    case 'refused': {
      if (view.reason !== 'invalid') return undefined;
      const { values, errors } = view;
      return goalsCard(view.doc, view.language, values, { values, errors, note: renderMarkup(view.body, style) });
    }
    case 'notice':
      return undefined;
  }
}
