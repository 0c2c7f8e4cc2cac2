// Local OpenID provider for the OAuth2 Debugger demo and tests (oidc-provider, pinned in package.json).
//
//   node provider.mjs [--port N] [--info FILE] [--test-shapes] [--issuer-path /PATH]
//                     [--tls-cert PEM --tls-key PEM [--mtls DIR]]
//
// Binds 127.0.0.1 only, on N or a free port (0, the default), prints "ISSUER <url>" once it listens and, with
// --info, writes a JSON file describing the issuer and its clients. Client secrets are made fresh at every start:
// they belong to this throw-away provider and to nobody's account.
//
// --test-shapes adds endpoints under /__shapes/ that answer the way the real provider never does (an HTML page
// where JSON belongs, a JSON array, wrong metadata types, a server that never answers, a key set that rotates,
// terminal controls and HTML in every text field, a body without end).
// They exist only for the tests and are off for the demo.
//
// --issuer-path makes the provider claim an issuer with that path while serving at the root, as a provider behind a
// misconfigured reverse proxy does: its metadata then names an issuer other than the URL it was fetched from, and
// its authorization responses carry that other issuer in "iss". Tests use such a second instance for issuer
// mismatch and mix-up cases. --tls-cert/--tls-key serve https with that certificate (tests of a profile's CA file
// and of accepting a self-signed certificate); with --mtls DIR (ctl.sh --tls makes it) the https instance also
// asks for client certificates (mtls.mjs).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { deviceClients, deviceCodeTtl, deviceMiddleware } from './device.mjs';
import { grantClients, grantsInfo, registerGrants } from './grants.mjs';
import { mtlsSetup } from './mtls.mjs';
import * as path from 'node:path';
import { errors, Provider } from 'oidc-provider';

function parseArgs(argv) {
  const args = { port: 0, info: '', testShapes: false, issuerPath: '', tlsCert: '', tlsKey: '', mtls: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port') args.port = Number.parseInt(argv[++i], 10);
    else if (arg === '--info') args.info = argv[++i];
    else if (arg === '--test-shapes') args.testShapes = true;
    else if (arg === '--issuer-path') args.issuerPath = argv[++i] ?? '';
    else if (arg === '--tls-cert') args.tlsCert = argv[++i] ?? '';
    else if (arg === '--tls-key') args.tlsKey = argv[++i] ?? '';
    else if (arg === '--mtls') args.mtls = argv[++i] ?? '';
    else {
      process.stderr.write(`provider: unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    process.stderr.write('provider: --port takes a number from 0 to 65535\n');
    process.exit(2);
  }
  return args;
}

function signingKeys() {
  const jwk = (key, alg, kid) => ({ ...key.export({ format: 'jwk' }), alg, use: 'sig', kid });
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const rsaPss = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const ed = crypto.generateKeyPairSync('ed25519').privateKey;
  // RS256 first: it is the default ID token algorithm. v9 wants every kid unique.
  return [jwk(rsa, 'RS256', 'rs256-1'), jwk(rsaPss, 'PS256', 'ps256-1'), jwk(ec, 'ES256', 'es256-1'),
    jwk(ed, 'EdDSA', 'ed25519-1')];
}

// A secret that a naive `base64(id + ":" + secret)` gets wrong (RFC 6749 §2.3.1), plus fresh randomness.
const trickySecret = (prefix) => `${prefix}${crypto.randomBytes(12).toString('hex')}`;

// One key pair per private_key_jwt algorithm; the public JWK carries the RFC 7638 thumbprint as its kid, as
// the debugger names a PEM key it signs with.
function assertionKeys() {
  const thumbprint = (jwk) => {
    const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: 'RSA', n: jwk.n }
      : jwk.kty === 'EC' ? { crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: 'OKP', x: jwk.x };
    return crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
  };
  const pairs = [['RS256', () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['PS256', () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['ES256', () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['EdDSA', () => crypto.generateKeyPairSync('ed25519')]];
  return pairs.map(([alg, make]) => {
    const { publicKey, privateKey } = make();
    const jwk = publicKey.export({ format: 'jwk' });
    return { alg, publicJwk: { ...jwk, kid: thumbprint(jwk), use: 'sig' },
      privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      privateJwk: { ...privateKey.export({ format: 'jwk' }), kid: thumbprint(jwk) } };
  });
}

function clientsFor() {
  const loopback = ['http://127.0.0.1/callback', 'http://[::1]/callback', 'http://localhost/callback'];
  return [
    {
      client_id: 'debugger basic:client+1%',
      client_secret: trickySecret('p@ss:w+rd %/~ '),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    },
    {
      client_id: 'debugger-post',
      client_secret: trickySecret('post-secret-'),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    },
    {
      client_id: 'debugger-public',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
    },
    // One public client per further ID token algorithm (RS256 is everyone else's), and one whose ID tokens are
    // signed with its own secret (HS256: the secret must hold at least 256 bits).
    ...['PS256', 'ES256', 'EdDSA'].map((alg) => ({
      client_id: `debugger-${alg.toLowerCase()}`,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: alg,
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    // A public client whose code-flow ID tokens also carry c_hash, as servers that speak the hybrid flow may put
    // it in every ID token (OIDC Core §3.3.2.11): a hash a client must check when it is present.
    {
      client_id: 'debugger-hashes',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    // private_key_jwt with each key type, and client_secret_jwt. The private keys are made at every start and
    // written to the info file (PEM) for the tests to sign with; the provider holds only the public halves.
    ...assertionKeys().map(({ alg, publicJwk, privatePem, privateJwk }) => ({
      client_id: `debugger-pkjwt-${alg.toLowerCase()}`,
      application_type: 'native',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: alg,
      jwks: { keys: [publicJwk] },
      private_key_pem: privatePem,
      private_key_jwk: privateJwk,
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    })),
    {
      client_id: 'debugger-csjwt',
      client_secret: trickySecret(`csjwt-${crypto.randomBytes(16).toString('hex')}-`),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_jwt',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    },
    // A client the provider holds to pushed authorization requests (RFC 9126 §6): an unpushed request is refused.
    {
      client_id: 'debugger-par',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      require_pushed_authorization_requests: true,
    },
    // Implicit and hybrid (OIDC Core §3.2, §3.3): their responses come in the URL fragment. debugger-hybrid-bad's
    // front-channel ID tokens carry a c_hash of another code (a shape: to see the code kept unspent).
    {
      client_id: 'debugger-implicit',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: loopback,
      grant_types: ['implicit'],
      response_types: ['id_token token', 'id_token'],
    },
    ...['debugger-hybrid', 'debugger-hybrid-bad'].map((id) => ({
      client_id: id,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'implicit', 'refresh_token'],
      response_types: ['code id_token', 'code token', 'code id_token token', 'code'],
    })),
    // DPoP (RFC 9449): clients whose access tokens are always bound to a DPoP key. debugger-dpop authenticates
    // (it may introspect, where cnf.jkt is told); debugger-dpop-nonce is public, and the provider wants its
    // nonce in every proof it sends to the token endpoint (as it does in every proof sent to userinfo).
    {
      client_id: 'debugger-dpop',
      client_secret: trickySecret('dpop-secret-'),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      dpop_bound_access_tokens: true,
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    },
    {
      client_id: 'debugger-dpop-nonce',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      dpop_bound_access_tokens: true,
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
    // Rich authorization requests (RFC 9396): the types this client may ask for.
    {
      client_id: 'debugger-rar',
      client_secret: trickySecret('rar-secret-'),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      authorization_details_types: ['payment_initiation', 'account_information'],
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
    },
    {
      client_id: 'debugger-hs256',
      client_secret: trickySecret(`hs256-${crypto.randomBytes(16).toString('hex')}-`),
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'HS256',
      redirect_uris: loopback,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ];
}

function account(id) {
  return {
    accountId: id,
    claims: async () => ({
      sub: id,
      name: `Demo User ${id}`,
      preferred_username: id,
      email: `${id}@example.test`,
      email_verified: true,
    }),
  };
}

// oidc-provider's RAR wants every access token for a resource: debugger-rar's go to this one (the provider's
// defaults, refusing any other resource with invalid_target, hold for everyone else).
const RAR_API = 'https://payments.example.test/';
const rarResourceIndicators = {
  enabled: true,
  defaultResource: async (ctx, client, oneOf) => oneOf ?? (client?.clientId === 'debugger-rar' ? RAR_API : undefined),
  getResourceServerInfo: async (ctx, resource) => {
    if (resource !== RAR_API) throw new errors.InvalidTarget();
    return { scope: 'payments', audience: RAR_API, accessTokenFormat: 'opaque', accessTokenTTL: 600 };
  },
  useGrantedResource: async () => true,
};

function configuration(clients, keys, mtls) {
  const withTls = (list, more) => (mtls ? [...list, ...more] : list);
  return {
    // The provider's copy of each client: never a private key (the info file's private_key_pem is the tests').
    // A client that comes back to a loopback callback may come back from sign-out the same way, on /logout
    // (RP-Initiated Logout: any port, as for its redirect URIs).
    clients: clients.map(({ private_key_pem: _pem, private_key_jwk: _jwk, cert_file: _c, key_file: _k, p12_file: _p,
      p12_passphrase: _pp, ...client }) => (client.redirect_uris?.includes('http://127.0.0.1/callback')
      ? { ...client, post_logout_redirect_uris: client.redirect_uris.map((u) => u.replace(/\/callback$/, '/logout')) }
      : client)),
    jwks: { keys },
    findAccount: async (ctx, id) => account(id),
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    clientAuthMethods: withTls(['client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt',
      'client_secret_jwt'], mtls ? mtls.clientAuthMethods : []),
    ...(mtls ? { discovery: mtls.discovery } : {}),
    // RFC 9700 §2.1.1: public clients must use PKCE; confidential ones may skip it so a debugger can show both.
    pkce: { required: (ctx, client) => client.clientAuthMethod === 'none' },
    // Refresh tokens whenever the client may use them (no offline_access dance), rotated on every use.
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, RefreshToken: 86400, DeviceCode: deviceCodeTtl,
      Grant: 86400, Interaction: 3600, Session: 86400 },
    responseTypes: ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token',
      'none'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256'] },
    // An authentication context the ID token names when asked for (acr_values).
    acrValues: ['urn:oauth2dbg:loa:1'],
    features: {
      devInteractions: { enabled: true },
      // Request objects (RFC 9101) by value or pushed, verified with the client's own registered keys.
      requestObjects: { enabled: true },
      // JWT-secured authorization responses (JARM): response_mode jwt, query.jwt, fragment.jwt, form_post.jwt.
      jwtResponseModes: { enabled: true },
      // Rich authorization requests (RFC 9396) of two types. A payment_initiation needs its instructedAmount;
      // what was consented to is what the tokens carry and introspection tells.
      richAuthorizationRequests: {
        enabled: true,
        types: {
          payment_initiation: {
            validate(ctx, detail) {
              if (typeof detail.instructedAmount?.amount !== 'string') {
                throw new errors.InvalidAuthorizationDetails('payment_initiation needs instructedAmount.amount');
              }
            },
          },
          account_information: { validate() {} },
        },
        authorizationDetailsForGrantSource: (ctx) => ctx.oidc.grant.rar,
        authorizationDetailsForAccessToken: (ctx, token, source) => source?.rar
          ?? (ctx.oidc.params.authorization_details ? JSON.parse(ctx.oidc.params.authorization_details) : undefined),
        authorizationDetailsForIntrospection: (ctx, token) => token.rar,
      },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      // DPoP with server nonces (RFC 9449 §8, §9): asked of debugger-dpop-nonce at the token endpoint and of
      // every proof at userinfo (where the client is not known before the token is read).
      dPoP: {
        enabled: true,
        nonceSecret: crypto.randomBytes(32),
        requireNonce: (ctx) => ctx.oidc.route === 'userinfo' || ctx.oidc.client?.clientId === 'debugger-dpop-nonce',
      },
      ...(mtls ? { mTLS: mtls.feature, resourceIndicators: mtls.resourceIndicators }
        : { resourceIndicators: rarResourceIndicators }),
    },
  };
}

// The token endpoint's ID token for debugger-hashes carries c_hash, of the code it was traded for; the provider
// hashes it with the ID token's own alg.
function hashesForTheHashesClient(provider) {
  const { issue } = provider.IdToken.prototype;
  provider.IdToken.prototype.issue = function issueWithHashes(...args) {
    const oidc = this.ctx && this.ctx.oidc;
    if (oidc && oidc.client && oidc.client.clientId === 'debugger-hashes'
        && oidc.params && oidc.params.grant_type === 'authorization_code') {
      this.set('c_hash', oidc.params.code);
    }
    if (oidc && oidc.client && oidc.client.clientId === 'debugger-hybrid-bad' && oidc.params
        && !oidc.params.grant_type && this.extra && this.extra.c_hash) {
      this.set('c_hash', 'not-the-code-that-came-with-it');
    }
    return issue.apply(this, args);
  };
}

function send(ctx, status, type, body) {
  ctx.status = status;
  ctx.type = type;
  ctx.body = body;
}

// What a hostile server puts in every text field: terminal controls (clear screen, an OSC 8 link, an OSC 52
// clipboard write, a title change, a C1 CSI), a right-to-left override and HTML that a rich-text label would draw.
export const HOSTILE = '\x1b[2J\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\x1b]52;c;ZXZpbA==\x07'
  + '\x1b]0;pwned\x07\u202Egnp.exe<img src=file:///etc/hostname><b>bold</b>\u009b31m';

// A response written byte for byte, as no HTTP library would: control characters in the reason phrase and
// in a header.
function rawAnswer(ctx, status, headers, body) {
  ctx.respond = false;
  const bytes = Buffer.from(body, 'utf8');
  const head = [`HTTP/1.1 ${status}`, ...headers, `Content-Length: ${bytes.length}`, 'Connection: close', '', '']
    .join('\r\n');
  ctx.req.socket.end(Buffer.concat([Buffer.from(head, 'utf8'), bytes]));
}

// A body without end, at the pace the reader takes it (back-pressure), for at most 60 s or 4 GiB.
function endless(ctx) {
  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const stopAt = Date.now() + 60_000;
  let sent = 0;
  const pump = () => {
    while (!res.destroyed && Date.now() < stopAt && sent < 4 * 1024 ** 3) {
      sent += chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    return res.end();
  };
  res.on('error', () => {});
  pump();
}

function hostileShapes(ctx, issuer, publicKeys, wellKnown) {
  const p = ctx.path;
  const json = (body, type = 'application/json') => {
    send(ctx, 200, type, JSON.stringify(body));
    return true;
  };
  const metadata = (name, extra = {}) => ({
    issuer: `${issuer}/__shapes/${name}`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/__shapes/${name}/token`,
    jwks_uri: `${issuer}/__shapes/${name}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    ...extra,
  });
  if (p === `/__shapes/hostile${wellKnown}`) return json(metadata('hostile'));
  if (p === `/__shapes/hostile-ok${wellKnown}`) return json(metadata('hostile-ok'));
  if (p === `/__shapes/hostile-issuer${wellKnown}`) {
    return json(metadata('hostile-issuer', { issuer: `${issuer}/__shapes/hostile-issuer${HOSTILE}` }));
  }
  if (p === '/__shapes/hostile/token') {
    rawAnswer(ctx, `400 ${HOSTILE}`, ['Content-Type: application/json', 'Cache-Control: no-store',
      `Location: https://evil.example/${HOSTILE}`],
    JSON.stringify({ error: HOSTILE, error_description: HOSTILE, error_uri: `https://evil.example/${HOSTILE}` }));
    return true;
  }
  if (p === '/__shapes/hostile-ok/token') {
    return json({ access_token: 'opaque-access-token', token_type: HOSTILE, scope: HOSTILE, expires_in: 1e300 });
  }
  if (p === '/__shapes/hostile/jwks' || p === '/__shapes/hostile-ok/jwks') {
    return json({ keys: [{ ...publicKeys[0], kid: HOSTILE }] }, 'application/jwk-set+json');
  }
  if (p === '/__shapes/endless') {
    endless(ctx);
    return true;
  }
  return false;
}

// Shapes the real provider cannot produce, for bad-input tests only (see the header comment).
function testShapes(issuer, publicKeys) {
  const wellKnown = '/.well-known/openid-configuration';
  // Key rotation as a client sees it: /__shapes/jwks-rotating/NAME serves only the RS256 key the first time NAME
  // is asked for (the set before the issuer added its other keys) and every key after that. One NAME per test,
  // so tests running at once do not see each other's rotation.
  const rotations = new Set();
  const nonceAsks = new Map();
  return async (ctx, next) => {
    const p = ctx.path;
    if (hostileShapes(ctx, issuer, publicKeys, wellKnown)) return undefined;
    if (p.startsWith('/__shapes/jwks-rotating/')) {
      const first = !rotations.has(p);
      rotations.add(p);
      const keys = first ? publicKeys.filter((key) => key.kid === 'rs256-1') : publicKeys;
      return send(ctx, 200, 'application/jwk-set+json', JSON.stringify({ keys }));
    }
    if (p === `/__shapes/html${wellKnown}`) {
      return send(ctx, 200, 'text/html', '<!doctype html><html><body><h1>Sign in to the Wi-Fi</h1></body></html>');
    }
    if (p === `/__shapes/array${wellKnown}`) return send(ctx, 200, 'application/json', '[]');
    if (p === `/__shapes/broken${wellKnown}`) return send(ctx, 200, 'application/json', '{"issuer": "');
    if (p === `/__shapes/badtypes${wellKnown}`) {
      return send(ctx, 200, 'application/json', JSON.stringify({
        issuer: `${issuer}/__shapes/badtypes`,
        authorization_endpoint: 'file:///etc/passwd',
        token_endpoint: 42,
        response_types_supported: 'code',
        code_challenge_methods_supported: ['S256', 7],
        authorization_response_iss_parameter_supported: 'true',
      }));
    }
    if (p === `/.well-known/oauth-authorization-server/__shapes/oauth`) {
      return send(ctx, 200, 'application/json', JSON.stringify({
        issuer: `${issuer}/__shapes/oauth`,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
      }));
    }
    // A token endpoint that asks for a DPoP nonce every time and never takes one (a server whose nonces change
    // at every request): RFC 9449 §8 has the client retry once, so a test sees how many requests came.
    // /__shapes/dpop-nonce-always/NAME/count says how many reached NAME.
    if (p.startsWith('/__shapes/dpop-nonce-always/')) {
      const name = p.split('/')[3];
      if (p.endsWith('/count')) return send(ctx, 200, 'application/json', JSON.stringify({ count: nonceAsks.get(name) ?? 0 }));
      nonceAsks.set(name, (nonceAsks.get(name) ?? 0) + 1);
      ctx.set('DPoP-Nonce', crypto.randomBytes(16).toString('base64url'));
      ctx.set('Cache-Control', 'no-store');
      return send(ctx, 400, 'application/json', JSON.stringify({ error: 'use_dpop_nonce',
        error_description: 'Authorization server requires nonce in DPoP proof' }));
    }
    if (p === '/__shapes/token-html') {
      return send(ctx, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1><p>upstream timed out</p></body></html>');
    }
    if (p.startsWith('/__shapes/hang')) {
      ctx.respond = false; // hold the socket open and never answer
      return undefined;
    }
    return next();
  };
}

function writeInfo(file, info) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tls = Boolean(args.tlsCert && args.tlsKey);
  // The issuer is known once the port is: the mTLS options that need it come after listen().
  const clientCa = tls && args.mtls ? fs.readFileSync(path.join(args.mtls, 'ca.pem')) : null;
  const server = tls
    ? https.createServer({ cert: fs.readFileSync(args.tlsCert), key: fs.readFileSync(args.tlsKey),
      ...(clientCa ? { requestCert: true, rejectUnauthorized: false, ca: [clientCa] } : {}) })
    : http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', resolve);
  }).catch((err) => {
    process.stderr.write(`provider: cannot listen on 127.0.0.1:${args.port}: ${err.message}\n`);
    process.exit(1);
  });

  const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}${args.issuerPath}`;
  const mtls = clientCa ? mtlsSetup(args.mtls, issuer) : null;
  const clients = [...clientsFor(), ...deviceClients(), ...grantClients(), ...(mtls ? mtls.clients : [])];
  const keys = signingKeys();
  const provider = new Provider(issuer, configuration(clients, keys, mtls));
  provider.use(deviceMiddleware());
  if (mtls) provider.use(mtls.middleware);
  hashesForTheHashesClient(provider);
  const publicKeys = keys.map(({ kty, kid, alg, use, n, e, crv, x, y }) => ({ kty, kid, alg, use, n, e, crv, x, y }));
  registerGrants(provider, publicKeys);
  if (args.testShapes) provider.use(testShapes(issuer, publicKeys));
  server.on('request', provider.callback());

  if (args.info) {
    writeInfo(args.info, { issuer, pid: process.pid, clients, ...grantsInfo, ...(tls ? { caFile: args.tlsCert } : {}),
      ...(mtls ? mtls.info : {}) });
  }
  process.stdout.write(`ISSUER ${issuer}\n`);

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
