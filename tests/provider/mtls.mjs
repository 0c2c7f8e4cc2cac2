// Mutual TLS for the https instance (RFC 8705): ctl.sh makes a client CA, a certificate it signed, a
// self-signed certificate and one from a CA the server does not trust (the --mtls DIR); this module turns
// them into the https server's options, the provider's mTLS feature, two clients and what info.json tells the
// tests. The token, introspection and revocation endpoints are also served under /mtls/ and named in
// mtls_endpoint_aliases, as servers that take client certificates on other hosts or paths do.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const JWT_API = 'https://api.mtls.test/';
const read = (dir, name) => fs.readFileSync(path.join(dir, name), 'utf8');

function peer(ctx) {
  const cert = ctx.socket.getPeerCertificate ? ctx.socket.getPeerCertificate() : null;
  return cert && cert.raw ? cert : null;
}

export function mtlsSetup(dir, issuer) {
  const selfSigned = read(dir, 'self.pem');
  const selfJwk = {
    ...crypto.createPublicKey(selfSigned).export({ format: 'jwk' }),
    use: 'sig',
    x5c: [new crypto.X509Certificate(selfSigned).raw.toString('base64')],
  };
  const files = (name) => ({ cert_file: path.join(dir, `${name}.pem`), key_file: path.join(dir, `${name}-key.pem`) });
  // A client-credentials client that authenticates with `method` and gets certificate-bound access tokens.
  const client = (id, method, more) => ({
    client_id: id,
    application_type: 'native',
    token_endpoint_auth_method: method,
    tls_client_certificate_bound_access_tokens: true,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    ...more,
  });
  const clients = [
    client('debugger-mtls', 'tls_client_auth', {
      tls_client_auth_subject_dn: 'CN=debugger-mtls',
      ...files('client'),
      p12_file: path.join(dir, 'client.p12'),
      p12_passphrase: 'p12-passphrase',
    }),
    // The same certificate, and access tokens in the JWT format (RFC 9068): the client reads cnf itself.
    client('debugger-mtls-jwt', 'tls_client_auth',
      { tls_client_auth_subject_dn: 'CN=debugger-mtls', ...files('client') }),
    client('debugger-mtls-self', 'self_signed_tls_client_auth', { jwks: { keys: [selfJwk] }, ...files('self') }),
  ];
  const mtls = `${issuer}/mtls`;
  return {
    serverOptions: { requestCert: true, rejectUnauthorized: false, ca: [read(dir, 'ca.pem')] },
    clients,
    clientAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth'],
    feature: {
      enabled: true,
      certificateBoundAccessTokens: true,
      tlsClientAuth: true,
      selfSignedTlsClientAuth: true,
      getCertificate: (ctx) => {
        const cert = peer(ctx);
        return cert ? new crypto.X509Certificate(cert.raw) : undefined;
      },
      certificateAuthorized: (ctx) => ctx.socket.authorized === true,
      certificateSubjectMatches: (ctx, property, expected) => property === 'tls_client_auth_subject_dn'
        && peer(ctx) !== null && `CN=${peer(ctx).subject.CN}` === expected,
    },
    // debugger-mtls-jwt's tokens are for an API whose access tokens are JWTs; every other client's stay opaque.
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf
        ?? (client && client.clientId === 'debugger-mtls-jwt' ? JWT_API : undefined),
      getResourceServerInfo: async (ctx, resource) => {
        if (resource !== JWT_API) throw new Error(`unknown resource ${resource}`);
        return { scope: 'api', audience: JWT_API, accessTokenFormat: 'jwt', accessTokenTTL: 600 };
      },
      useGrantedResource: async () => true,
    },
    discovery: {
      mtls_endpoint_aliases: {
        token_endpoint: `${mtls}/token`,
        introspection_endpoint: `${mtls}/token/introspection`,
        revocation_endpoint: `${mtls}/token/revocation`,
      },
    },
    // /mtls/token… is the same endpoint: the path is rewritten before the provider routes it.
    middleware: async (ctx, next) => {
      if (ctx.path.startsWith('/mtls/')) ctx.path = ctx.path.slice('/mtls'.length);
      return next();
    },
    info: { untrustedClientCert: files('untrusted'), clientCa: path.join(dir, 'ca.pem') },
  };
}
