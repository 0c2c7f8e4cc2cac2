// Grants oidc-provider does not ship, added to the test provider through its registerGrantType extension point. They
// are test shapes, written to the RFCs, so that the debugger has a real server on loopback to speak them with:
//
//   token exchange (RFC 8693)      debugger-exchange (client_secret_basic) trades a token of this provider (an access,
//                                  refresh or ID token) for a new access token; debugger-exchange-bare gets the same
//                                  answer without issued_token_type, which §2.2.1 requires (no real server leaves it
//                                  out on purpose: the shape exists to show the check failing).
//   JWT bearer (RFC 7523 §2.1)     debugger-jwt-bearer (public) presents an assertion signed with a key made at every
//                                  start (its private half in the info file, for the tests); iss must be the client,
//                                  aud the issuer or the token endpoint, exp in the future and within an hour, and a
//                                  jti is taken once.
//   password (RFC 6749 §4.3)       debugger-password (client_secret_post) signs in user "alice" with a password made
//                                  at every start (in the info file). RFC 9700 §2.4 says it must not be used: it is
//                                  here because old servers still offer it.
//
// Each grant issues an access token of the provider's own (introspectable, good at userinfo), for a grant it records.
import * as crypto from 'node:crypto';
import { errors } from 'oidc-provider';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TYPE = 'urn:ietf:params:oauth:token-type:';
const USER = 'alice';

const bearerKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const password = crypto.randomBytes(12).toString('base64url');

export function grantClients() {
  const secret = () => `exchange-${crypto.randomBytes(12).toString('hex')}`;
  const exchange = (id) => ({
    client_id: id,
    client_secret: secret(),
    application_type: 'native',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: [TOKEN_EXCHANGE, 'client_credentials'],
    response_types: [],
    redirect_uris: [],
  });
  return [exchange('debugger-exchange'), exchange('debugger-exchange-bare'),
    {
      client_id: 'debugger-jwt-bearer',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: [JWT_BEARER],
      response_types: [],
      redirect_uris: [],
      private_key_pem: bearerKey.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    },
    {
      client_id: 'debugger-password',
      client_secret: `password-client-${crypto.randomBytes(12).toString('hex')}`,
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['password'],
      response_types: [],
      redirect_uris: [],
    }];
}

// What the tests need to know besides the clients: the password grant's user.
export const grantsInfo = { passwordUser: { username: USER, password } };

// The error with its description as the RFCs word it (the provider's own InvalidGrant hides the description).
const fail = (code, description) => { throw new errors.CustomOIDCProviderError(code, description); };

// A compact JWS verified with node's crypto: the key, and the algorithms it may sign with.
function verifyJws(jws, key, algorithms) {
  const parts = String(jws).split('.');
  if (parts.length !== 3) return null;
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const publicKey = typeof key === 'function' ? key(header) : key;
  if (!publicKey || !algorithms.includes(header.alg)) return null;
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  const digest = { RS256: 'sha256', PS256: 'sha256', ES256: 'sha256', EdDSA: null }[header.alg];
  const options = header.alg === 'PS256' ? { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32 } : header.alg === 'ES256' ? { key: publicKey, dsaEncoding: 'ieee-p1363' } : publicKey;
  return crypto.verify(digest, input, options, signature) ? payload : null;
}

async function issueFor(provider, ctx, accountId, scope, gty, audience) {
  const { client } = ctx.oidc;
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope('openid profile email');
  const grantId = await grant.save();
  const at = new provider.AccessToken({ accountId, client, grantId, gty, scope: scope || 'openid' });
  if (audience) at.aud = audience;
  const value = await at.save();
  return { access_token: value, token_type: 'Bearer', expires_in: at.expiration, scope: at.scope };
}

// The subject (or actor) token, as this provider issued it: its account, or null.
async function subjectOf(provider, publicKeys, token, type) {
  if (type === `${TYPE}access_token`) {
    const at = await provider.AccessToken.find(token);
    if (at && !at.isExpired) return at.accountId;
    const cc = await provider.ClientCredentials.find(token);
    return cc && !cc.isExpired ? `client:${cc.clientId}` : null;
  }
  if (type === `${TYPE}refresh_token`) {
    const rt = await provider.RefreshToken.find(token);
    return rt && !rt.isExpired ? rt.accountId : null;
  }
  if (type === `${TYPE}id_token` || type === `${TYPE}jwt`) {
    const keyOf = (header) => {
      const jwk = publicKeys.find((k) => k.kid === header.kid);
      return jwk ? crypto.createPublicKey({ key: jwk, format: 'jwk' }) : null;
    };
    const claims = verifyJws(token, keyOf, ['RS256', 'PS256', 'ES256', 'EdDSA']);
    if (!claims || claims.iss !== provider.issuer || (claims.exp && claims.exp * 1000 < Date.now())) return null;
    return claims.sub || null;
  }
  return fail('invalid_request', `subject_token_type ${type} is not one this server takes`);
}

function tokenExchange(provider, publicKeys) {
  return async (ctx) => {
    const p = ctx.oidc.params;
    if (!p.subject_token || !p.subject_token_type) {
      fail('invalid_request', 'subject_token and subject_token_type are required (RFC 8693 §2.1)');
    }
    if (p.actor_token && !p.actor_token_type) {
      fail('invalid_request', 'actor_token_type is required with actor_token (RFC 8693 §2.1)');
    }
    const requested = p.requested_token_type || `${TYPE}access_token`;
    if (requested !== `${TYPE}access_token`) {
      fail('invalid_request', `requested_token_type ${requested} is not issued here; ask for an access token`);
    }
    const subject = await subjectOf(provider, publicKeys, p.subject_token, p.subject_token_type);
    if (!subject) fail('invalid_grant', 'subject_token is not a valid token of this server, or has expired');
    if (p.actor_token && !(await subjectOf(provider, publicKeys, p.actor_token, p.actor_token_type))) {
      fail('invalid_grant', 'actor_token is not a valid token of this server, or has expired');
    }
    const body = await issueFor(provider, ctx, subject, p.scope, 'token-exchange', p.audience || p.resource);
    if (ctx.oidc.client.clientId !== 'debugger-exchange-bare') body.issued_token_type = requested;
    ctx.body = body;
  };
}

function jwtBearer(provider) {
  const seen = new Set();
  return async (ctx) => {
    const { assertion, scope } = ctx.oidc.params;
    if (!assertion) fail('invalid_request', 'assertion is required (RFC 7523 §2.1)');
    const claims = verifyJws(assertion, bearerKey.publicKey, ['ES256']);
    if (!claims) fail('invalid_grant', 'the assertion\'s signature does not verify with the key registered for it');
    const now = Math.floor(Date.now() / 1000);
    const tokenEndpoint = provider.urlFor('token');
    const audiences = [].concat(claims.aud ?? []);
    if (claims.iss !== ctx.oidc.client.clientId) fail('invalid_grant', `iss ${claims.iss} is not this client`);
    if (!claims.sub) fail('invalid_grant', 'the assertion has no sub (RFC 7523 §3)');
    if (!audiences.some((a) => a === provider.issuer || a === tokenEndpoint)) {
      fail('invalid_grant', `aud must be ${provider.issuer} or ${tokenEndpoint}`);
    }
    if (typeof claims.exp !== 'number' || claims.exp <= now) fail('invalid_grant', 'the assertion has expired');
    if (claims.exp > now + 3600) fail('invalid_grant', 'the assertion lives longer than an hour');
    if (claims.jti && seen.has(claims.jti)) fail('invalid_grant', 'this assertion (its jti) was used before');
    if (claims.jti) seen.add(claims.jti);
    ctx.body = await issueFor(provider, ctx, claims.sub, scope, 'jwt-bearer');
  };
}

function passwordGrant(provider) {
  return async (ctx) => {
    const { username, password: given, scope } = ctx.oidc.params;
    if (!username || !given) fail('invalid_request', 'username and password are required (RFC 6749 §4.3.2)');
    const a = Buffer.from(String(given));
    const b = Buffer.from(password);
    if (username !== USER || a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
      fail('invalid_grant', 'the user name or password is wrong');
    }
    ctx.body = await issueFor(provider, ctx, USER, scope, 'password');
  };
}

export function registerGrants(provider, publicKeys) {
  provider.registerGrantType(TOKEN_EXCHANGE, tokenExchange(provider, publicKeys), ['subject_token',
    'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type', 'audience', 'resource',
    'scope']);
  provider.registerGrantType(JWT_BEARER, jwtBearer(provider), ['assertion', 'scope']);
  provider.registerGrantType('password', passwordGrant(provider), ['username', 'password', 'scope']);
}
