/** Dates and times in Samen's texts. */
import { DateTime } from 'luxon';
import type { Language } from '../../shared/reply.js';

/** "donderdag 10 juli 2025 14:00 (CEST)": a moment in the reminder's own zone. */
export function formatWhen(at: Date, zone: string, language: Language): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(language === 'nl' ? 'nl' : 'en-GB').toFormat("cccc d LLLL yyyy HH:mm '('z')'");
}

/** 2025-07-10 */
export const utcDate = (at: Date) => at.toISOString().slice(0, 10);
/** 2025-07-10 12:00 */
export const utcMinute = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ');
