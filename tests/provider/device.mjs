// The device authorization grant (RFC 8628) on the test provider: three public clients whose device codes the
// tests poll for. oidc-provider sends no `interval` and never answers slow_down (both of which real servers
// do), so this module adds them for these clients only: `interval` 1 s in their device authorization responses
// (the 5 s default, RFC 8628 §3.2, is what a client assumes without it, and is unit-tested there), the first poll
// of debugger-device-slow answered slow_down, and debugger-device-short's codes valid for 3 s (the slow client's
// for 14 s: long enough for a slow_down and two more polls).
import * as querystring from 'node:querystring';

const CLIENTS = ['debugger-device', 'debugger-device-short', 'debugger-device-slow'];
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const LIMIT = 56 * 1024;

export function deviceClients() {
  return CLIENTS.map((id) => ({
    client_id: id,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: [DEVICE_GRANT, 'refresh_token'],
    response_types: [],
    redirect_uris: [],
  }));
}

// ttl.DeviceCode: seconds a device code lives.
export const deviceCodeTtl = (ctx, token, client) => {
  const id = client ? client.clientId : '';
  if (id === 'debugger-device-short') return 3;
  return id === 'debugger-device-slow' ? 14 : 600;
};

async function rawBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) throw new Error('request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function deviceMiddleware() {
  const slowedDown = new Set(); // device codes whose first poll was told to slow down
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/token' && ctx.is('application/x-www-form-urlencoded')) {
      // Read here, handed to the provider as already parsed: it then reads ctx.req.body.
      const body = await rawBody(ctx.req);
      ctx.req.body = body;
      const form = querystring.parse(body);
      if (form.grant_type === DEVICE_GRANT && form.client_id === 'debugger-device-slow'
          && !slowedDown.has(form.device_code)) {
        slowedDown.add(form.device_code);
        ctx.status = 400;
        ctx.type = 'application/json';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { error: 'slow_down', error_description: 'polling too fast: wait 5 s more between polls' };
        return;
      }
    }
    await next();
    if (ctx.path === '/device/auth' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object'
        && CLIENTS.includes(ctx.oidc?.client?.clientId)) {
      ctx.body.interval = 1;
    }
  };
}
