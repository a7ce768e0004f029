/**
 * What the cards' buttons send back (Action.Submit, Action.Execute): the button's data
 * merged with the card's inputs. It comes from the client, so the channels parse it with
 * these schemas where it arrives (the web chat's /api/submit, Teams' activities) and
 * refuse anything else with a 400.
 */
import { z } from 'zod';
import { LanguageSchema } from '../shared/reply.js';
import { FIELDS } from '../goals/model.js';

/** A stored case's version; cards send a number, a form may send its digits. */
const Version = z.union([z.number().int().min(0).max(2_147_483_647), z.string().regex(/^\d{1,9}$/).transform(Number)]);

/** Every form input of the goals card gives a string (Input.Text, Input.Date). */
const formInputs = Object.fromEntries(FIELDS.map((f) => [f.key, z.string().optional()]));

export const AskSubmitSchema = z.looseObject({
  samen: z.literal('ask'),
  question: z.string().refine((q) => q.trim() !== '', 'empty question'),
  all: z.boolean().optional(),
});

export const FeedbackSubmitSchema = z.looseObject({
  samen: z.literal('feedback'),
  rating: z.enum(['helpful', 'not_helpful']),
  findingIds: z.array(z.string()).default([]),
});

export const GoalsSubmitSchema = z.looseObject({
  ...formInputs,
  samen: z.literal('goals'),
  version: Version.default(0),
  language: LanguageSchema.optional(),
  /** The card asked for the alias (a new case). */
  newCase: z.boolean().optional(),
});

export const ReminderSubmitSchema = z.looseObject({
  samen: z.literal('reminder'),
  action: z.enum(['done', 'snooze', 'skip']),
  reminderId: z.string(),
  occurrence: z.string(),
});

/** "Send answers" under a reminder; the inputs rating_<prompt> and note_<prompt> come along (read by reflectionSubmission). */
export const ReflectionSubmitSchema = z.looseObject({
  samen: z.literal('reflection'),
  reminderId: z.string().min(1).max(200),
  occurrence: z.string().min(1).max(40),
});

export const ReplaceSubmitSchema = z.looseObject({
  samen: z.literal('reflect-replace'),
  replace: z.boolean(),
  rule: z.object({
    weekday: z.number().int().min(1).max(7),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
    zone: z.string().min(1),
  }),
});

export const CardSubmitSchema = z.discriminatedUnion('samen', [
  AskSubmitSchema,
  FeedbackSubmitSchema,
  GoalsSubmitSchema,
  ReminderSubmitSchema,
  ReplaceSubmitSchema,
  ReflectionSubmitSchema,
]);
export type CardSubmitData = z.infer<typeof CardSubmitSchema>;

/** The `samen` values of Samen's own cards: data with one of them must parse as that card's. */
export const CARD_KINDS: ReadonlySet<unknown> = new Set(['ask', 'feedback', 'goals', 'reminder', 'reflect-replace', 'reflection']);
