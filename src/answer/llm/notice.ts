/** The line that tells the user personal data was removed before the question went to the model. */
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../../privacy/personal-data.js';
import type { Language } from '../../shared/reply.js';

export function redactionNotice(kinds: PersonalDataKind[], lang: Language): string {
  const names = [...new Set(kinds)].map((k) => PERSONAL_DATA_LABELS[k][lang]);
  const and = lang === 'nl' ? 'en' : 'and';
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}` : names[0];
  return lang === 'nl'
    ? `Je vraag leek persoonsgegevens te bevatten (${list}). Die heb ik weggelaten voordat de vraag naar het taalmodel ging. Zet geen gegevens van cliënten in je vragen.`
    : `Your question seemed to contain personal data (${list}). I removed it before the question went to the language model. Please do not put client data in your questions.`;
}
