/** The local web chat's routes: the page at / and POST /api/ask answering with the reply model and its HTML. */
import express, { type Express } from 'express';
import type { Reply } from '../../answer/reply.js';
import { PAGE } from './page.js';
import { renderHtml } from './render.js';

export interface WebDeps {
  /** The core's answer; userId is the client's IP address, channelId "web". */
  answer(question: string, asker: { userId?: string; channelId?: string }): Reply | Promise<Reply>;
}

export function mountWeb(app: Express, deps: WebDeps): void {
  app.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  app.post('/api/ask', express.json({ limit: '16kb' }), async (req, res) => {
    const question = typeof req.body?.question === 'string' ? req.body.question.trim() : '';
    if (!question) return void res.status(400).json({ error: 'Send {"question": "..."}.' });
    // Length, rate limits and the personal-data warning are the core's question guard's.
    const reply = await deps.answer(question, { userId: req.ip ?? req.socket.remoteAddress, channelId: 'web' });
    res.json({ reply, html: renderHtml(reply) });
  });
}
