import type { AssistantConfig } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { threadKey } from '../../memory.js';

type AssistantThreadContextStore = NonNullable<AssistantConfig['threadContextStore']>;
type AssistantThreadContext = Awaited<ReturnType<AssistantThreadContextStore['get']>>;

type Payload = { channel?: string; thread_ts?: string; assistant_thread?: { channel_id?: string; thread_ts?: string; context?: AssistantThreadContext } };

function where(payload: unknown): string {
  const p = payload as Payload;
  return threadKey(p.assistant_thread?.channel_id ?? p.channel ?? '', p.assistant_thread?.thread_ts ?? p.thread_ts);
}

/**
 * Keeps each assistant thread's context (the channel the user has open) in this process, in a
 * bounded cache whose entries expire. Bolt's default store keeps it in message metadata, which
 * costs two Web API calls and the history scope per message. It is not shared between
 * instances, on purpose: Samen's answers do not depend on the context, so an instance that
 * does not know it loses nothing (the thread's turns, which do matter, are in the shared state).
 */
export function memoryContextStore(): AssistantThreadContextStore {
  const contexts = new LRUCache<string, AssistantThreadContext>({ max: 20_000, ttl: 7 * 24 * 60 * 60 * 1000 });
  return {
    get: async ({ payload }) => contexts.get(where(payload)) ?? {},
    save: async ({ payload }) => {
      const context = (payload as Payload).assistant_thread?.context;
      if (context) contexts.set(where(payload), context);
    },
  };
}
