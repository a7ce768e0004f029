/**
 * Bot Framework's token issuer on loopback: an OpenID metadata document and its signing keys
 * (JWKS, with the channel endorsements Bot Framework puts on its keys), and a signer that
 * makes tokens as the Bot Framework channel service does (jose, RS256).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  issuer?: string;
  /** Sign with this key instead of the published one (a forged token). */
  key?: CryptoKey;
  kid?: string;
}

export class FakeOpenId {
  private constructor(
    private readonly server: Server,
    readonly metadataUrl: string,
    private readonly privateKey: CryptoKey,
    readonly kid: string,
  ) {}

  static async start(): Promise<FakeOpenId> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = 'samen-test-key-1';
    const jwk = { ...(await exportJWK(publicKey)), kid, kty: 'RSA', use: 'sig', endorsements: ['msteams', 'emulator'] };
    let base = '';
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(
          JSON.stringify({
            issuer: BOT_FRAMEWORK_ISSUER,
            authorization_endpoint: `${base}/v1/.well-known/authorize`,
            jwks_uri: `${base}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          }),
        );
      } else if (req.url === '/v1/.well-known/keys') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FakeOpenId(server, `${base}/v1/.well-known/openidconfiguration`, privateKey, kid);
  }

  /** A bearer token as the channel service signs it for a request to the bot. */
  async token(o: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = o.expiresIn ?? 3600;
    return new SignJWT({ serviceurl: o.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? this.kid, typ: 'JWT' })
      .setIssuer(o.issuer ?? BOT_FRAMEWORK_ISSUER)
      .setAudience(o.audience)
      .setIssuedAt(Math.min(now, now + expiresIn - 600))
      .setNotBefore(Math.min(now, now + expiresIn - 600))
      .setExpirationTime(now + expiresIn)
      .sign(o.key ?? this.privateKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
