/** Slack's message markup to the plain text the conversation layer reads. */
import { parseInput, type Input } from '../../conversation/commands.js';

/**
 * Removes user and group mentions (a question never needs them, and they are ids of
 * people), turns channel references and links into their labels, and undoes Slack's
 * escaping of &, < and >.
 */
export function questionFromSlack(text: string | undefined): string {
  return (text ?? '')
    // Markup never holds "<" (Slack escapes it), so each pattern stops at the next one: linear on any text.
    .replace(/<[@!][^<>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^<>]*)>/g, '#$1')
    .replace(/<#[A-Z0-9]+>/g, ' ')
    .replace(/<(?:https?|mailto):[^|<>]*\|([^<>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^<>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text mentions the given user (the bot). */
export function mentions(text: string | undefined, userId: string | undefined): boolean {
  return Boolean(text && userId && new RegExp(`<@${userId}(\\|[^>]*)?>`).test(text));
}

/** What a user typed in Slack (a mention, a direct message, /samen's text): help, goals, reflect or a question. */
export function inputFromSlack(text: string | undefined): Input {
  return parseInput(questionFromSlack(text));
}
