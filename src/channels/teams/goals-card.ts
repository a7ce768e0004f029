/**
 * /goals and reflection reminders in Teams: the shared Adaptive Cards (src/cards) of the
 * case document and the weekly reminder, wrapped as Bot Framework attachments. What the
 * cards show is src/cards'; fields, texts and checks are the goals and reminders modules'.
 */
import { ADAPTIVE_CARD, type AdaptiveCard } from '../../cards/index.js';
import { forTeams, type TeamsMessage } from './render.js';

export { goalsCard, reminderCard, replaceOfferCard } from '../../cards/index.js';
export type { GoalsCardOptions, GoalsSubmitValue, ReminderButtonValue, ReplaceValue } from '../../cards/index.js';

export function cardMessage(content: AdaptiveCard, fallback: string): TeamsMessage {
  return { type: 'message', text: fallback, textFormat: 'markdown', attachments: [{ contentType: ADAPTIVE_CARD, content: forTeams(content) }] };
}
