// The local web chat in the browser: sends what the chat box says to /api/ask, a card's
// Action.Submit to /api/submit, and renders every card Samen answers with Microsoft's
// adaptivecards renderer (window.AdaptiveCards, served from node_modules). No build step.
'use strict';

(() => {
  const AC = window.AdaptiveCards;
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('q');

  const hostConfig = new AC.HostConfig({
    fontFamily: 'system-ui, "Segoe UI", sans-serif',
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
    actions: { maxActions: 8, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'vertical', actionAlignment: 'left' },
  });

  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

  // The Adaptive Card markdown subset Samen uses: **bold**, *italic* / _italic_, `code`, line breaks.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = escapeHtml(text)
      .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,:;!?]|$)/g, '$1<em>$2</em>')
      .replace(/`([^`\n]+)`/g, '<code>$1</code>')
      .replace(/\n/g, '<br>');
    result.didProcess = true;
  };

  function scrollDown(el) {
    el.scrollIntoView({ block: 'nearest' });
  }

  function userMessage(text) {
    const div = document.createElement('div');
    div.className = 'msg user';
    div.textContent = text;
    log.append(div);
    scrollDown(div);
  }

  function renderCard(json, bubble) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.parse(json);
    card.onExecuteAction = (action) => {
      if (action instanceof AC.OpenUrlAction) {
        window.open(action.url, '_blank', 'noopener');
      } else if (action instanceof AC.SubmitAction) {
        const data = action.data || {};
        if (data.samen === 'ask' && typeof data.question === 'string') userMessage(data.question);
        send('api/submit', { data }, bubble);
      }
    };
    const el = card.render();
    bubble.replaceChildren(el);
  }

  function samenMessage() {
    const div = document.createElement('div');
    div.className = 'msg samen';
    log.append(div);
    return div;
  }

  // Posts and shows the answer: in a new message, or in place of the card that was submitted.
  async function send(path, body, from) {
    const pending = document.createElement('div');
    pending.className = 'msg pending';
    pending.textContent = 'Samen…';
    log.append(pending);
    scrollDown(pending);
    try {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      // Signed out (WEB_CHAT_TOKEN changed, or the cookie expired): the page shows the login form again.
      if (res.status === 401) return void location.reload();
      const data = await res.json();
      pending.remove();
      if (!data.card) throw new Error(data.error || res.statusText);
      const bubble = data.replace && from ? from : samenMessage();
      renderCard(data.card, bubble);
      scrollDown(bubble);
    } catch (err) {
      pending.className = 'msg error';
      pending.textContent = `Error: ${err?.message ? err.message : String(err)}`;
    }
  }

  function say(text) {
    const t = text.trim();
    if (!t) return;
    userMessage(t);
    send('api/ask', { question: t });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    say(input.value);
    input.value = '';
  });
  for (const b of document.querySelectorAll('[data-say]')) b.addEventListener('click', () => say(b.dataset.say));
})();
