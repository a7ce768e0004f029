/**
 * The web chat's access check when WEB_CHAT_TOKEN is set: a request carries the token as
 * `Authorization: Bearer <token>`, or the session cookie its login form sets. The cookie holds
 * an HMAC of the token, not the token: it proves a login without giving the token away, and
 * changing the token signs everyone out.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'samen_web';
const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export class WebAccess {
  /** The session cookie's value. */
  readonly session: string;

  constructor(private readonly token: string) {
    this.session = createHmac('sha256', token).update('samen web chat session').digest('base64url');
  }

  /** The token, typed into the login form or sent as a bearer. */
  isToken(candidate: string): boolean {
    return sameSecret(candidate, this.token);
  }

  /** A bearer with the token, or the session cookie. */
  allows(req: Request): boolean {
    const bearer = /^Bearer +(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer !== undefined && this.isToken(bearer.trim())) return true;
    const cookie = readCookie(req.get('cookie'), SESSION_COOKIE);
    return cookie !== undefined && sameSecret(cookie, this.session);
  }

  /** HttpOnly (the page's script never needs it), SameSite=Strict (no other site can post with it). */
  cookieOptions(req: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: isHttps(req), maxAge: SESSION_MAX_AGE_MS, path: '/' };
  }
}

/**
 * Constant-time comparison; hashing first gives both sides the same length, so not even the
 * token's length leaks.
 */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** One cookie's value from a Cookie header (ours is base64url: no quoting or decoding needed). */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Samen speaks plain HTTP; behind a TLS proxy, X-Forwarded-Proto says the browser used https.
 * Believing it without `trust proxy` is safe here: it can only make the cookie stricter.
 */
function isHttps(req: Request): boolean {
  return req.secure || req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
