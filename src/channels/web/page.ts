/**
 * The local web chat: one small page, no build step. Its script (static/chat.js) posts what
 * the chat box says to /api/ask and a card's Action.Submit to /api/submit, and renders the
 * cards Samen answers with Microsoft's adaptivecards renderer (/vendor/adaptivecards.min.js).
 */
import type { Language } from '../../shared/reply.js';
import { WEB_TEXTS as W } from './texts.js';

export const PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Samen</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="vendor/adaptivecards.css">
<link rel="stylesheet" href="assets/chat.css">
<script src="vendor/adaptivecards.min.js" defer></script>
<script src="assets/chat.js" defer></script>
</head>
<body>
<header>
 <h1>Samen</h1>
 <p>Vraag wat helpt en wat in de weg staat bij samenwerken rond gezinnen: antwoorden uit twee literatuuronderzoeken, met bronnen.
 Vul geen namen of andere persoonsgegevens van cliënten in. <span lang="en">Ask in Dutch or English.</span></p>
</header>
<main id="log" aria-live="polite"></main>
<footer>
 <div class="shortcuts">
  <button type="button" data-say="/goals">Werkafspraken vastleggen (/goals)</button>
  <button type="button" data-say="/reflect preview">Reflectieherinnering bekijken (/reflect preview)</button>
 </div>
 <form id="ask"><input id="q" name="q" maxlength="1000" autocomplete="off" aria-label="Vraag of opdracht"
  placeholder="Wat helpt bij onduidelijke rollen?  ·  /goals  ·  /reflect preview" autofocus><button>Vraag / Ask</button></form>
</footer>
</body></html>`;

/** The login form GET / shows without the session cookie, when WEB_CHAT_TOKEN is set; message: why it is shown again. */
export function loginPage(language: Language, message?: string): string {
  const t = (key: 'loginTitle' | 'loginIntro' | 'loginLabel' | 'loginButton') => W[key][language];
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${t('loginTitle')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/chat.css">
</head>
<body>
<header>
 <h1>Samen</h1>
 <p>${t('loginIntro')}</p>
</header>
<main>
 ${message ? `<p class="msg error" role="alert">${message}</p>` : ''}
 <form id="login" method="post" action="login">
  <input id="token" name="token" type="password" autocomplete="current-password" required aria-label="${t('loginLabel')}" placeholder="${t('loginLabel')}" autofocus>
  <button>${t('loginButton')}</button>
 </form>
</main>
</body></html>`;
}
