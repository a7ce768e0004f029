/**
 * /goals in Block Kit: the case as a channel message (sections with their cited "why"),
 * the light fill-in modal built from the domain's field list (the first fields, as many goal
 * slots as filled, "add a goal" and "more details" growing it with views.update), and the
 * notices. Only presentation; the template, validation and saving live in src/goals.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { LanguageSchema, type Language } from '../../shared/reply.js';
import { FIELDS, formLayout, MAX_GOALS, type FieldSpec, type FormValues } from '../../goals/model.js';
import type { CaseDocument, DocSection } from '../../goals/service.js';
import { GOALS_TEXTS as G } from '../../goals/texts.js';
import type { Markup } from '../../conversation/markup.js';
import { escapeMrkdwn, LIMITS, mrkdwnOf, truncate, type SlackMessage } from './render.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

export const GOALS_IDS = {
  edit: 'samen_goals_edit',
  modal: 'samen_goals_modal',
  info: 'samen_goals_info',
  /** Buttons in the modal that grow it in place (views.update): one more goal slot, the details. */
  addGoal: 'samen_goals_add_goal',
  moreDetails: 'samen_goals_more_details',
  /** An input's block id is the field key, and its action id this prefix and the key. */
  input: 'goals_input_',
} as const;

/** Carried by the modal: which case, where its message is, which version the editor started from. */
const ModalMeta = z.object({
  a: z.string().optional(),
  c: z.string().min(1),
  ts: z.string().optional(),
  v: z.number().int().min(0),
  l: LanguageSchema,
  /** Goal slots shown (1..MAX_GOALS); absent: as many as filled, at least one. */
  g: z.number().int().min(1).max(MAX_GOALS).optional(),
  /** The details are shown. */
  d: z.boolean().optional(),
});
export type ModalMeta = z.infer<typeof ModalMeta>;

export function parseModalMeta(raw: string | undefined): ModalMeta | undefined {
  try {
    const r = ModalMeta.safeParse(JSON.parse(raw ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

const EditValue = z.object({ a: z.string().min(1) });
export const editValue = (alias: string) => JSON.stringify({ a: alias });
export function parseEditValue(v: string | undefined): string | undefined {
  try {
    const r = EditValue.safeParse(JSON.parse(v ?? ''));
    return r.success ? r.data.a : undefined;
  } catch {
    return undefined;
  }
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.text) });

function sectionText(s: DocSection, language: Language): string {
  const head = `*${escapeMrkdwn(s.label)}*`;
  if (s.items.length === 0) return `${head}\n_${G.notFilled[language]}_`;
  const lines = s.items.map((i) =>
    i.label ? `• *${escapeMrkdwn(i.label)}:* ${escapeMrkdwn(i.value).replace(/\n/g, '\n   ')}` : escapeMrkdwn(i.value),
  );
  return `${head}\n${lines.join('\n')}`;
}

function sectionBlocks(doc: CaseDocument, language: Language): KnownBlock[] {
  return doc.sections.flatMap((s): KnownBlock[] => [
    { type: 'section', block_id: `goals_${s.id}`, text: mrkdwn(sectionText(s, language)) },
    { type: 'context', elements: [mrkdwn(`_${escapeMrkdwn(s.why)}_ · ${escapeMrkdwn(s.citation)}`)] },
  ]);
}

/**
 * The case as a channel message: every section with its why line, and a Fill in / Edit button.
 * A filled case names its still empty sections in one line instead of a "not filled in" each.
 */
export function renderCaseMessage(doc: CaseDocument, language: Language, note?: string): SlackMessage {
  const empty = doc.filled ? doc.sections.filter((s) => s.id !== 'alias' && s.items.length === 0) : [];
  const shown: CaseDocument = { ...doc, sections: doc.sections.filter((s) => !empty.includes(s)) };
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(doc.title, LIMITS.header) },
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(doc.notice))] },
    ...(note ? [{ type: 'section', text: mrkdwn(escapeMrkdwn(note)) } as KnownBlock] : []),
    ...sectionBlocks(shown, language),
    ...(empty.length
      ? [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(G.toFillIn[language](empty.map((s) => s.label).join(', '))))] } as KnownBlock]
      : []),
    {
      type: 'actions',
      block_id: 'goals_actions',
      elements: [
        {
          type: 'button',
          action_id: GOALS_IDS.edit,
          style: 'primary',
          text: plain(doc.filled ? G.edit[language] : G.fillIn[language], LIMITS.buttonText),
          value: editValue(doc.alias),
        },
      ],
    },
    ...(doc.version > 0
      ? [{ type: 'context', elements: [mrkdwn(G.version[language](doc.version, doc.updatedAt))] } as KnownBlock]
      : []),
  ];
  const fallback = [doc.title, doc.notice, ...doc.sections.map((s) => `${s.label}: ${s.items.map((i) => i.value).join('; ') || '-'}`)];
  return { text: truncate(fallback.join('\n'), LIMITS.fallback), blocks };
}

function input(f: FieldSpec, language: Language, values: FormValues): KnownBlock {
  const value = values[f.key];
  const element =
    f.kind === 'date'
      ? { type: 'datepicker' as const, action_id: `${GOALS_IDS.input}${f.key}`, ...(value ? { initial_date: value } : {}) }
      : {
          type: 'plain_text_input' as const,
          action_id: `${GOALS_IDS.input}${f.key}`,
          multiline: f.kind === 'multiline',
          max_length: f.maxLength,
          ...(value ? { initial_value: value } : {}),
        };
  return {
    type: 'input',
    block_id: f.key,
    optional: f.optional || (f.goal !== undefined && f.goal > 1),
    label: plain(f.label[language], 2000),
    ...(f.hint ? { hint: plain(f.hint[language], 2000) } : {}),
    element,
  } as KnownBlock;
}

/** The modal's layout: what its metadata says, grown to show everything filled in. */
function modalLayout(meta: ModalMeta, values: FormValues): Required<Pick<ModalMeta, 'g' | 'd'>> {
  const filled = formLayout(values);
  return { g: Math.max(meta.g ?? 1, filled.goalSlots), d: (meta.d ?? false) || filled.detailsOpen };
}

/** The fields a modal shows: the alias when it asks for it, its goal slots, the first fields, the details when open. */
export function modalFields(meta: ModalMeta): FieldSpec[] {
  const g = meta.g ?? 1;
  return FIELDS.filter(
    (f) => (f.key !== 'alias' || meta.a === undefined) && (f.goal === undefined || f.goal <= g) && (f.group === 'first' || meta.d === true),
  );
}

const moreButton = (actionId: string, title: string, value: string): KnownBlock => ({
  type: 'actions',
  block_id: actionId,
  elements: [{ type: 'button', action_id: actionId, text: plain(title, LIMITS.buttonText), value }],
});

/**
 * The light fill-in / edit modal: per section its label, why line and citation, then its inputs;
 * "add a goal" under the last goal slot and "more details" for the rest (both answered with views.update).
 */
export function renderGoalsModal(doc: CaseDocument, meta: ModalMeta, values: FormValues, language: Language): ModalView {
  const laidOut = { ...meta, ...modalLayout(meta, values) };
  const withAlias = meta.a === undefined;
  const fields = modalFields(laidOut);
  const blocks: KnownBlock[] = [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(doc.notice))] }];
  for (const s of doc.sections) {
    const inSection = fields.filter((f) => f.section === s.id);
    if (inSection.length === 0) continue;
    blocks.push(
      { type: 'section', text: mrkdwn(`*${escapeMrkdwn(s.label)}*`) },
      { type: 'context', elements: [mrkdwn(`_${escapeMrkdwn(s.why)}_ · ${escapeMrkdwn(s.citation)}`)] },
      ...inSection.map((f) => input(f, language, values)),
    );
    if (s.id === 'goals' && laidOut.g < MAX_GOALS) blocks.push(moreButton(GOALS_IDS.addGoal, G.addGoal[language], String(laidOut.g + 1)));
  }
  if (!laidOut.d) blocks.push(moreButton(GOALS_IDS.moreDetails, G.moreDetails[language], 'details'));
  return {
    type: 'modal',
    callback_id: GOALS_IDS.modal,
    private_metadata: JSON.stringify(laidOut),
    title: plain(withAlias ? G.newCase[language] : truncate(doc.alias, LIMITS.modalTitle), LIMITS.modalTitle),
    submit: plain(G.save[language], LIMITS.modalTitle),
    close: plain(G.cancel[language], LIMITS.modalTitle),
    blocks,
  };
}

/** A modal that only tells something (conflict, database down), optionally with a case below. */
export function renderInfoModal(title: string, message: string | Markup, language: Language, doc?: CaseDocument): ModalView {
  return {
    type: 'modal',
    callback_id: GOALS_IDS.info,
    title: plain(title, LIMITS.modalTitle),
    close: plain(G.close[language], LIMITS.modalTitle),
    blocks: [
      { type: 'section', text: mrkdwn(typeof message === 'string' ? escapeMrkdwn(message) : mrkdwnOf(message)) },
      ...(doc ? [{ type: 'divider' } as KnownBlock, ...sectionBlocks(doc, language)] : []),
    ],
  };
}

/** The form's values from a submitted modal's state. */
export function valuesFromState(
  state: Record<string, Record<string, { value?: string | null; selected_date?: string | null }>>,
): FormValues {
  const values: FormValues = {};
  for (const f of FIELDS) {
    const v = state[f.key]?.[`${GOALS_IDS.input}${f.key}`];
    if (!v) continue;
    values[f.key] = (f.kind === 'date' ? v.selected_date : v.value) ?? '';
  }
  return values;
}
