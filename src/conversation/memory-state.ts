/**
 * The conversation state in this process only (tests, the terminal, a server without a
 * database): bounded LRU caches whose entries expire (lru-cache's max and ttl), never written
 * to disk. Lost on a restart and not shared with other instances: the server uses the
 * database state instead (database-state.ts).
 */
import { LRUCache } from 'lru-cache';
import { withTurn } from '../answer/history.js';
import type { Turn } from '../answer/llm/composer.js';
import { checkTenant, type Tenant } from '../storage/tenant.js';
import type { ConversationState, HitResult } from './state.js';

export interface MemoryStateOptions {
  /** Entries per kind (handled ids, conversations, rate-limit keys, answers); the least recently used go first. */
  max?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export class MemoryState implements ConversationState {
  private readonly sightings: LRUCache<string, true>;
  private readonly conversations: LRUCache<string, Turn[]>;
  private readonly hits: LRUCache<string, number[]>;
  private readonly answers: LRUCache<string, string[]>;
  private readonly now: () => number;

  constructor(options: MemoryStateOptions = {}) {
    this.now = options.now ?? Date.now;
    // ttlResolution 0: the clock is read on every check, so an injected clock is never cached.
    const cache = { max: options.max ?? 20_000, perf: { now: this.now }, ttlResolution: 0 };
    this.sightings = new LRUCache(cache);
    this.conversations = new LRUCache(cache);
    this.hits = new LRUCache(cache);
    this.answers = new LRUCache(cache);
  }

  async firstSighting(scope: Tenant, id: string, ttlMs: number): Promise<boolean> {
    const key = keyOf(scope, id);
    if (this.sightings.has(key)) return false;
    this.sightings.set(key, true, { ttl: ttlMs });
    return true;
  }

  async turns(scope: Tenant, conversation: string): Promise<Turn[] | undefined> {
    const turns = this.conversations.get(keyOf(scope, conversation));
    return turns?.map((t) => ({ ...t }));
  }

  async remember(scope: Tenant, conversation: string, turn: Turn, ttlMs: number): Promise<void> {
    const key = keyOf(scope, conversation);
    this.conversations.set(key, withTurn(this.conversations.get(key), { ...turn }), { ttl: ttlMs });
  }

  async hit(scope: Tenant, key: string, limit: number, windowMs: number): Promise<HitResult> {
    const k = keyOf(scope, key);
    const now = this.now();
    const recent = (this.hits.get(k) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      return { allowed: false, retryAfterMs: Math.max(1, (recent[recent.length - limit] ?? now) + windowMs - now) };
    }
    recent.push(now);
    this.hits.set(k, recent, { ttl: windowMs });
    return { allowed: true };
  }

  async rememberAnswer(scope: Tenant, messageId: string, findingIds: string[], ttlMs: number): Promise<void> {
    this.answers.set(keyOf(scope, messageId), [...findingIds], { ttl: ttlMs });
  }

  async answerFindings(scope: Tenant, messageId: string): Promise<string[] | undefined> {
    const ids = this.answers.get(keyOf(scope, messageId));
    return ids && [...ids];
  }
}

function keyOf(scope: Tenant, id: string): string {
  const { platform, tenantId } = checkTenant(scope);
  return `${platform}\u0000${tenantId}\u0000${id}`;
}
