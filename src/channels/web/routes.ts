/** The local web chat's routes: the page at / and POST /api/ask answering with the reply model and its HTML. */
import express, { type Express } from 'express';
import type { Reply } from '../../answer/reply.js';
import { PAGE } from './page.js';
import { renderHtml } from './render.js';

export interface WebDeps {
  answer(question: string): Reply | Promise<Reply>;
}

const MAX_QUESTION_CHARS = 1000;

export function mountWeb(app: Express, deps: WebDeps): void {
  app.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  app.post('/api/ask', express.json({ limit: '16kb' }), async (req, res) => {
    const question = typeof req.body?.question === 'string' ? req.body.question.trim() : '';
    if (!question) return void res.status(400).json({ error: 'Send {"question": "..."}.' });
    if (question.length > MAX_QUESTION_CHARS) {
      return void res.status(413).json({ error: `A question may be at most ${MAX_QUESTION_CHARS} characters.` });
    }
    const reply = await deps.answer(question);
    res.json({ reply, html: renderHtml(reply) });
  });
}
