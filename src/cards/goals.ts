/**
 * /goals as an Adaptive Card (Teams and the web chat): a filled case shown once, as its
 * summary with an "Edit" action that opens the form in the same card; a new or empty case as
 * the light form itself: the first fields, one goal slot with "add a goal" for the next, the
 * details behind "more details". Opening and adding are Action.ToggleVisibility (no round trip);
 * a hidden input is still submitted, so nothing filled is lost. Only presentation: fields, texts,
 * checks and the layout come from the goals module and the conversation layer's view.
 */
import type { Language } from '../shared/reply.js';
import type { GoalsForm, GoalsView } from '../conversation/goals.js';
import { renderMarkup, type MarkupStyle } from '../conversation/markup.js';
import { FIELDS, goalKey, MAX_GOALS, type FieldSpec } from '../goals/model.js';
import type { CaseDocument, DocSection } from '../goals/service.js';
import { GOALS_TEXTS as G } from '../goals/texts.js';
import { adaptiveCard, textBlock as text, type AdaptiveCard, type CardAction, type CardElement } from './card.js';

/** What the goals card's submit sends back (merged with the inputs' values). */
export interface GoalsSubmitValue {
  samen: 'goals';
  /** Absent when the card asks for the alias. */
  alias?: string;
  version: number;
  language: Language;
  /** The card asked for the alias: a new case. */
  newCase?: true;
}

/** The ids the card's toggles address. */
const ID = {
  summary: 'goals-summary',
  form: 'goals-form',
  details: 'goals-details',
  moreDetails: 'goals-more-details',
  goal: (i: number) => `goals-goal-${i}`,
  addGoal: (i: number) => `goals-add-goal-${i}`,
} as const;

const toggle = (title: string, targets: Record<string, boolean>): CardAction => ({
  type: 'Action.ToggleVisibility',
  title,
  targetElements: Object.entries(targets).map(([elementId, isVisible]) => ({ elementId, isVisible })),
});

function input(f: FieldSpec, language: Language, form: GoalsForm): CardElement[] {
  const value = form.values[f.key];
  const error = form.errors[f.key];
  const common = {
    id: f.key,
    label: f.label[language],
    // Goal 1 and the first fields are required; the renderer's own check then says what to write.
    isRequired: !f.optional,
    ...(f.optional ? {} : { errorMessage: f.missing?.[language] ?? G.errors.required[language] }),
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

const field = (key: string) => FIELDS.find((f) => f.key === key)!;

function sectionHead(s: DocSection, withWhy = true): CardElement[] {
  return [
    text(s.label, { weight: 'Bolder', style: 'heading' }),
    ...(withWhy ? [text(`${s.why} ${s.citation}`, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
  ];
}

/** One goal slot: what, which agencies, then owner and target date side by side. */
function goalSlot(i: number, language: Language, form: GoalsForm): CardElement[] {
  const slot: CardElement = {
    type: 'Container',
    id: ID.goal(i),
    isVisible: i <= form.layout.goalSlots,
    separator: i > 1,
    spacing: 'Medium',
    items: [
      ...input(field(goalKey(i, 'text')), language, form),
      ...input(field(goalKey(i, 'agencies')), language, form),
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: input(field(goalKey(i, 'owner')), language, form) },
          { type: 'Column', width: 'stretch', items: input(field(goalKey(i, 'date')), language, form) },
        ],
      },
    ],
  };
  if (i === MAX_GOALS) return [slot];
  // The last shown slot offers the next one; the button moves down with each goal added.
  const next = { [ID.goal(i + 1)]: true, [ID.addGoal(i)]: false, ...(i + 1 < MAX_GOALS ? { [ID.addGoal(i + 1)]: true } : {}) };
  return [slot, { type: 'ActionSet', id: ID.addGoal(i), isVisible: i === form.layout.goalSlots, actions: [toggle(G.addGoal[language], next)] }];
}

/** The light form: the first fields per section, the goal slots, the details behind one toggle, save (and cancel when editing). */
function formItems(doc: CaseDocument, language: Language, form: GoalsForm, editing: boolean): CardElement[] {
  const items: CardElement[] = [];
  const firstOf = (s: DocSection) => FIELDS.filter((f) => f.section === s.id && f.group === 'first' && (s.id !== 'alias' || form.askAlias));
  for (const s of doc.sections) {
    const first = firstOf(s);
    if (first.length === 0) continue;
    const inputs =
      s.id === 'goals'
        ? Array.from({ length: MAX_GOALS }, (_, i) => goalSlot(i + 1, language, form)).flat()
        : first.flatMap((f) => input(f, language, form));
    items.push({ type: 'Container', separator: items.length > 0, spacing: 'Medium', items: [...sectionHead(s), ...inputs] });
  }
  const details: CardElement[] = doc.sections.flatMap((s) => {
    const rest = FIELDS.filter((f) => f.section === s.id && f.group === 'details');
    if (rest.length === 0) return [];
    // A section whose first fields are above already gave its why there.
    return [{ type: 'Container', spacing: 'Medium', items: [...sectionHead(s, firstOf(s).length === 0), ...rest.flatMap((f) => input(f, language, form))] }];
  });
  const open = form.layout.detailsOpen;
  items.push(
    { type: 'ActionSet', id: ID.moreDetails, isVisible: !open, spacing: 'Medium', actions: [toggle(G.moreDetails[language], { [ID.details]: true, [ID.moreDetails]: false })] },
    { type: 'Container', id: ID.details, isVisible: open, separator: true, spacing: 'Medium', items: details },
  );
  const data: GoalsSubmitValue = {
    samen: 'goals',
    ...(form.askAlias ? { newCase: true as const } : { alias: doc.alias }),
    version: doc.version,
    language,
  };
  const actions: CardAction[] = [{ type: 'Action.Submit', title: G.save[language], style: 'positive', data }];
  if (editing) actions.push(toggle(G.cancel[language], { [ID.form]: false, [ID.summary]: true }));
  items.push({ type: 'ActionSet', spacing: 'Medium', actions });
  return items;
}

/** The saved case, once: each filled section with its why line, the empty ones named in one line, and "Edit". */
function summaryItems(doc: CaseDocument, language: Language): CardElement[] {
  const items: CardElement[] = [];
  const empty: string[] = [];
  for (const s of doc.sections) {
    if (s.id === 'alias') continue;
    if (s.items.length === 0) {
      empty.push(s.label);
      continue;
    }
    items.push({
      type: 'Container',
      separator: items.length > 0,
      spacing: 'Medium',
      items: [...sectionHead(s), { type: 'FactSet', facts: s.items.map((i) => ({ title: i.label ?? '', value: i.value })) }],
    });
  }
  if (empty.length) items.push(text(G.toFillIn[language](empty.join(', ')), { isSubtle: true, spacing: 'Medium' }));
  items.push({ type: 'ActionSet', spacing: 'Medium', actions: [toggle(G.edit[language], { [ID.summary]: false, [ID.form]: true })] });
  return items;
}

/**
 * The case as a card. A filled case: its summary, the form hidden behind "Edit". A case not
 * filled in yet (new, empty, or a refused form): the form. note: a line above (saved, conflict,
 * what to fix).
 */
export function goalsCard(doc: CaseDocument, language: Language, form: GoalsForm, note?: string): AdaptiveCard {
  const summary = doc.filled;
  const body: CardElement[] = [];
  if (note) body.push(text(note, { weight: 'Bolder', color: 'Accent' }));
  body.push(text(doc.title, { size: 'Large', weight: 'Bolder', style: 'heading' }));
  body.push(text(`${doc.notice}${doc.version > 0 ? ` · v${doc.version}` : ''}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
  if (summary) body.push({ type: 'Container', id: ID.summary, spacing: 'Medium', items: summaryItems(doc, language) });
  body.push({ type: 'Container', id: ID.form, isVisible: !summary, spacing: 'Medium', items: formItems(doc, language, form, summary) });
  return adaptiveCard(body);
}

/**
 * The card of a goals view that shows a case or its form; undefined for one that is told
 * (a notice, a refusal for personal data: see toldOf in src/conversation/goals.ts).
 */
export function goalsViewCard(view: GoalsView, style: MarkupStyle): AdaptiveCard | undefined {
  switch (view.kind) {
    case 'case':
      return goalsCard(view.doc, view.language, view.form, view.note);
    case 'new-form':
      return goalsCard(view.doc, view.language, view.form);
    case 'conflict':
      return goalsCard(view.doc, view.language, view.form, `${view.title}: ${view.message}`);
    case 'refused':
      return view.reason === 'invalid' ? goalsCard(view.doc, view.language, view.form, renderMarkup(view.body, style)) : undefined;
    case 'notice':
      return undefined;
  }
}
