/**
 * /goals and reflection reminders as Adaptive Cards 1.5: the case document (from the goals
 * service) with the template's fields as inputs and a submit action, and the weekly
 * reminder with its buttons. Only presentation: fields, texts and checks come from the
 * platform-neutral goals and reminders modules.
 */
import type { Language } from '../../answer/reply.js';
import { FIELDS, type FieldErrors, type FormValues } from '../../goals/model.js';
import type { CaseDocument } from '../../goals/service.js';
import { GOALS_TEXTS as G } from '../../goals/texts.js';
import type { ReminderMessage } from '../../reminders/delivery.js';
import type { WeeklyRule } from '../../reminders/schedule.js';
import { REMINDER_TEXTS as R } from '../../reminders/texts.js';
import { ADAPTIVE_CARD, CARD_VERSION, type AdaptiveCard, type CardAction, type CardElement, type TeamsMessage } from './render.js';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** What the goals card's submit sends back (merged with the inputs' values). */
export interface GoalsSubmitValue {
  samen: 'goals';
  /** Absent when the card asks for the alias. */
  alias?: string;
  version: number;
  language: Language;
}

/** A reminder button's payload. */
export interface ReminderButtonValue {
  samen: 'reminder';
  action: 'done' | 'snooze' | 'skip';
  reminderId: string;
  occurrence: string;
}

/** The answer to the offer to replace a channel's reminder. */
export interface ReplaceValue {
  samen: 'reflect-replace';
  replace: boolean;
  rule: WeeklyRule;
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

function card(body: CardElement[], actions?: CardAction[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: CARD_VERSION, body, ...(actions ? { actions } : {}), msteams: { width: 'Full' } };
}

const text = (t: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text: t.replace(/\]\(/g, '] ('), wrap: true, ...extra });

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
      if (s.items.length === 0) items.push(text(G.notFilled[language], { spacing: 'Small' }));
      else items.push({ type: 'FactSet', facts: s.items.map((i) => ({ title: i.label ?? '', value: i.value })) });
    }
    if (editable) for (const f of FIELDS.filter((x) => x.section === s.id)) items.push(...input(f.key, language, values[f.key], errors[f.key]));
    body.push({ type: 'Container', separator: true, spacing: 'Medium', items });
  }
  if (!editable) return card(body);
  const data: GoalsSubmitValue = { samen: 'goals', ...(askAlias ? {} : { alias: doc.alias }), version: doc.version, language };
  return card(body, [{ type: 'Action.Submit', title: doc.filled ? G.save[language] : G.save[language], style: 'positive', data }]);
}

export function cardMessage(content: AdaptiveCard, fallback: string): TeamsMessage {
  return { type: 'message', text: fallback, textFormat: 'markdown', attachments: [{ contentType: ADAPTIVE_CARD, content }] };
}

/** The weekly reflection reminder: the questions with their citations, the /goals summary, three buttons. */
export function reminderCard(m: ReminderMessage): AdaptiveCard {
  const body: CardElement[] = [
    text(m.title, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(m.intro),
    text(m.questionsHeading, { weight: 'Bolder' }),
    ...m.questions.flatMap((q, i) => [text(`${i + 1}. ${q.text}`), text(q.citationText, { isSubtle: true, size: 'Small', spacing: 'None' })]),
    text(m.goals.heading, { weight: 'Bolder' }),
    text(m.goals.text),
  ];
  const button = (action: ReminderButtonValue['action'], title: string): CardAction => ({
    type: 'Action.Submit',
    title,
    data: { samen: 'reminder', action, reminderId: m.reminderId, occurrence: m.occurrence } satisfies ReminderButtonValue,
  });
  const actions = [button('done', m.buttons.done), button('snooze', m.buttons.snooze), button('skip', m.buttons.skip)];
  if (m.goals.link) actions.push({ type: 'Action.OpenUrl', title: m.goals.heading, url: m.goals.link });
  return card(body, actions);
}

/** A second reminder for a channel: replace it, or keep the one it has. */
export function replaceOfferCard(textLine: string, proposed: WeeklyRule, language: Language): AdaptiveCard {
  const data = (replace: boolean): ReplaceValue => ({ samen: 'reflect-replace', replace, rule: proposed });
  return card([text(textLine)], [
    { type: 'Action.Submit', title: R.replace[language], data: data(true) },
    { type: 'Action.Submit', title: R.keep[language], data: data(false) },
  ]);
}
