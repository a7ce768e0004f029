/** The local web chat: one small page, no build step; it posts questions to /api/ask. */
export const PAGE = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Samen</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
 form{display:flex;gap:.5rem} input{flex:1;padding:.6rem;font-size:1rem} button{padding:.5rem .8rem;cursor:pointer}
 .answer{border-top:1px solid #ddd;margin-top:1.5rem;padding-top:.5rem}
 .helps{color:#1a7f37}.hinders{color:#b42318}.actions{color:#175cd3}
 blockquote{margin:.3rem 0 .6rem 1rem;color:#555;font-style:italic}.ref{text-decoration:none}
 .followups button{margin:.2rem}
</style></head>
<body>
<h1>Samen</h1>
<p>Vraag wat helpt en wat in de weg staat bij samenwerken rond gezinnen — antwoorden uit twee literatuuronderzoeken, met bronnen.
Geen namen of andere persoonsgegevens van cliënten invullen. / Ask in Dutch or English.</p>
<form id="ask"><input id="q" name="q" maxlength="1000" placeholder="Wat helpt bij onduidelijke rollen?" autofocus><button>Vraag / Ask</button></form>
<div id="answers"></div>
<script>
const answers = document.getElementById('answers');
async function ask(q) {
  const res = await fetch('api/ask', {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify({question:q})});
  const data = await res.json();
  const div = document.createElement('div');
  div.className = 'answer';
  div.innerHTML = data.html ?? ('<p>' + (data.error ?? 'Error') + '</p>');
  answers.prepend(div);
}
document.getElementById('ask').addEventListener('submit', (e) => { e.preventDefault(); const q = document.getElementById('q').value.trim(); if (q) ask(q); });
answers.addEventListener('click', (e) => { const b = e.target.closest('button.ask'); if (b) ask(b.dataset.q); });
</script>
</body></html>`;
