/**
 * The shape of an activity as far as botbuilder and Samen read it. An activity that does not
 * fit is refused with a 400 before botbuilder runs a turn with it (where a number for a text
 * or a list for an id would fail half-way, after Teams had its 200). Objects are loose:
 * Teams adds fields, and only the ones read are checked. The data of Samen's own cards is
 * checked with the cards' schemas (src/cards/submit.ts).
 */
import { z } from 'zod';
import { CARD_KINDS, CardSubmitSchema } from '../../cards/submit.js';

const text = z.string();
/** Bot Framework's serialisers may send null for an absent field. */
const optionalText = z.string().nullish();
const Account = z.looseObject({ id: text, name: optionalText, aadObjectId: optionalText, role: optionalText });

/** Data of one of Samen's cards ({samen: …}) must be that card's; any other value is not Samen's concern. */
const CardData = z.unknown().superRefine((value, ctx) => {
  const samen = (value as { samen?: unknown } | null | undefined)?.samen;
  if (typeof value === 'object' && value !== null && CARD_KINDS.has(samen) && !CardSubmitSchema.safeParse(value).success) {
    ctx.addIssue({ code: 'custom', message: `malformed ${String(samen)} card data` });
  }
});

/** botbuilder reads a mention's id and text (its type in any case); of other entities only the type. */
const isMention = (type: string) => type.toLowerCase() === 'mention';
const Entity = z.union([
  z.looseObject({ type: text.refine(isMention), mentioned: Account, text: optionalText }),
  z.looseObject({ type: text.refine((t) => !isMention(t)) }),
]);

/** Teams sends every activity with where it comes from and goes to; Samen answers there. */
const ActivitySchema = z.looseObject({
  type: text.min(1),
  serviceUrl: text,
  from: Account,
  recipient: Account,
  conversation: z.looseObject({ id: text, tenantId: optionalText, conversationType: optionalText, isGroup: z.boolean().nullish() }),
  id: optionalText,
  name: optionalText,
  text: optionalText,
  locale: optionalText,
  channelId: optionalText,
  replyToId: optionalText,
  timestamp: optionalText,
  localTimestamp: optionalText,
  // botbuilder reads the list without a null check.
  entities: z.array(Entity).optional(),
  membersAdded: z.array(Account).nullish(),
  membersRemoved: z.array(Account).nullish(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: optionalText }).nullish() }).nullish(),
  value: CardData.optional(),
});

/** The invokes Samen answers, with what their value must hold. */
const InvokeValues: Record<string, z.ZodType> = {
  // Action.Execute of a card (Universal Actions).
  'adaptiveCard/action': z.looseObject({ action: z.looseObject({ type: text, verb: optionalText, data: CardData.optional() }) }),
  // The feedback loop's thumbs up or down.
  'message/submitAction': z.looseObject({ actionName: text, actionValue: z.looseObject({}).nullish() }),
};

/** True when the activity has the shape botbuilder and Samen read. */
export function isWellFormedActivity(body: unknown): boolean {
  const parsed = ActivitySchema.safeParse(body);
  if (!parsed.success) return false;
  const { type, name, value } = parsed.data;
  const invokeValue = type === 'invoke' && name ? InvokeValues[name] : undefined;
  return !invokeValue || invokeValue.safeParse(value).success;
}
