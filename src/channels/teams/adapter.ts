/**
 * botbuilder's CloudAdapter with Samen's credentials. With MICROSOFT_APP_ID, botbuilder
 * validates every request's bearer token (issuer, signature against Bot Framework's
 * OpenID signing keys, expiry, audience = the app id, the serviceUrl claim); without it,
 * requests are accepted unauthenticated, as the Emulator and Agents Playground send them.
 */
import { createRequire } from 'node:module';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';

import type { TeamsCredentials } from './settings.js';

/**
 * Where botbuilder fetches signing keys and tokens. The defaults are the public Azure
 * cloud's; override for a sovereign cloud, or in tests (a loopback OpenID server).
 */
export interface BotFrameworkEndpoints {
  toBotFromChannelOpenIdMetadataUrl?: string;
  toBotFromChannelTokenIssuer?: string;
  toBotFromEmulatorOpenIdMetadataUrl?: string;
  toChannelFromBotLoginUrl?: string;
  toChannelFromBotOAuthScope?: string;
  oAuthUrl?: string;
  callerId?: string;
}

export interface AdapterOverrides {
  endpoints?: BotFrameworkEndpoints;
  /** Replaces the credentials botbuilder builds from the settings (outgoing tokens; tests). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * botbuilder's CloudAdapter, with the HTTP side left to Samen: its `process` answers an error
 * with the error's message (a failed fetch, a token's complaint) and prints its stack to
 * the console. Samen validates the activity first and answers errors with JSON itself.
 */
export class SamenCloudAdapter extends CloudAdapter {
  /**
   * Authenticates the activity's request and runs the turn; resolves to the invoke
   * response, if any. Rejects with an AuthenticationError (token refused), an
   * AuthenticationUnavailableError (token not checkable now), or what else went wrong.
   */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, validateAndFixActivity(activity), logic);
  }
}

/** botbuilder's own fixing of an activity (its timestamps as dates), as its `process` does. */
const validateAndFixActivity: (activity: Activity) => Activity = (() => {
  const validator = createRequire(import.meta.url)('botbuilder/lib/activityValidator.js') as {
    validateAndFixActivity?: (activity: Activity) => Activity;
  };
  if (!validator.validateAndFixActivity) throw new Error('botbuilder changed: validateAndFixActivity is gone; check SamenCloudAdapter');
  return validator.validateAndFixActivity;
})();

export function createAdapter(credentials: TeamsCredentials | undefined, overrides: AdapterOverrides = {}): SamenCloudAdapter {
  keepEntityProperties();
  const options: Record<string, string | boolean | undefined> = {
    MicrosoftAppId: credentials?.appId ?? '',
    MicrosoftAppPassword: credentials?.password ?? '',
    MicrosoftAppType: credentials ? (credentials.type === 'UserAssignedMSI' ? 'UserAssignedMsi' : credentials.type) : '',
    MicrosoftAppTenantId: credentials?.tenantId ?? '',
    CertificateThumbprint: credentials?.certificate?.thumbprint,
    CertificatePrivateKey: credentials?.certificate?.privateKey,
  };
  const e = overrides.endpoints;
  if (e) {
    // Setting any endpoint makes botbuilder use exactly the endpoints given: fill in the rest.
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: e.toBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: e.toBotFromChannelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl:
        e.toBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: e.toChannelFromBotLoginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: e.toChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: e.oAuthUrl ?? AuthenticationConstants.OAuthUrl,
      CallerId: e.callerId ?? 'urn:botframework:azure',
    });
  }
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const auth = new ConfigurationBotFrameworkAuthentication(options, overrides.credentialsFactory);
  return new SamenCloudAdapter(new RejectingAuthentication(auth));
}

/**
 * The token could not be checked at all (Bot Framework's sign-in metadata or keys could not
 * be fetched): not the sender's fault, so a 503 and not a 401, and never a 500 with the
 * fetch's error in it.
 */
export class AuthenticationUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Bot Framework authentication is unavailable', { cause });
    this.name = 'AuthenticationUnavailableError';
  }
}

/** Errors of the token library (bad signature, malformed token, not yet valid) as 401s. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function asAuthFailure(err: unknown): unknown {
  if (err instanceof AuthenticationError) return err;
  if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
    return new AuthenticationError(`Unauthorized: ${err.message}`, StatusCodes.UNAUTHORIZED);
  }
  return new AuthenticationUnavailableError(err);
}

/**
 * botbuilder answers a token whose signature does not verify with 500 (the token library's
 * error is not an AuthenticationError); Samen answers every rejected token with 401, and a
 * token it cannot check (the keys unreachable) with 503.
 */
export class RejectingAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asAuthFailure(err);
    }
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asAuthFailure(err);
    }
  }

  async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (err) {
      throw asAuthFailure(err);
    }
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}

/**
 * botframework-connector 4.23.3 serialises an outgoing activity's entities with only their
 * type, text and mentioned fields: Teams would never see the AI label or the citations.
 * botbuilder fixed its Entity mapper after that release (botbuilder-js pull request 4903,
 * "additionalProperties" on the Entity model); this applies the same change until a
 * release has it. Idempotent; a test checks that entities arrive whole.
 */
export function keepEntityProperties(): void {
  const mappers = createRequire(import.meta.url)('botframework-connector/lib/connectorApi/models/mappers.js') as {
    Entity?: { type: { additionalProperties?: unknown } };
  };
  if (!mappers.Entity) throw new Error('botframework-connector changed: its Entity mapper is gone; check keepEntityProperties');
  mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
