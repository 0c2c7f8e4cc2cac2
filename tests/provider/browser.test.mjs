// The scripted browser against the running test provider: consent yields a code at the redirect target, cancel
// yields error=access_denied, and an unreachable redirect target is reported. Run by ctest (node --test).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const browser = fileURLToPath(new URL('./browser.mjs', import.meta.url));
const info = JSON.parse(fs.readFileSync(process.env.OAUTH2DBG_PROVIDER_INFO, 'utf8'));

// A stand-in for the debugger's loopback listener: records the first callback it gets.
async function redirectTarget() {
  let resolveCallback;
  const callback = new Promise((resolve) => { resolveCallback = resolve; });
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<title>Captured</title>');
    resolveCallback(new URL(req.url, 'http://127.0.0.1'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, callback, redirectUri: `http://127.0.0.1:${server.address().port}/callback` };
}

function authorizationUrl(redirectUri, state) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const url = new URL(`${info.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: 'debugger-public', response_type: 'code', scope: 'openid email', redirect_uri: redirectUri, state,
    code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [browser, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

test('signs in, consents and follows the redirect with a code', async () => {
  const target = await redirectTarget();
  try {
    const result = await run(['--quiet', authorizationUrl(target.redirectUri, 'state-1')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^200 Captured/);
    const callback = await target.callback;
    assert.equal(callback.pathname, '/callback');
    assert.equal(callback.searchParams.get('state'), 'state-1');
    assert.equal(callback.searchParams.get('iss'), info.issuer);
    assert.ok(callback.searchParams.get('code')?.length > 10);
  } finally {
    target.server.close();
  }
});

test('--cancel makes the provider answer access_denied', async () => {
  const target = await redirectTarget();
  try {
    const result = await run(['--quiet', '--cancel', authorizationUrl(target.redirectUri, 'state-2')]);
    assert.equal(result.code, 0, result.stderr);
    const callback = await target.callback;
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('state'), 'state-2');
    assert.equal(callback.searchParams.get('code'), null);
  } finally {
    target.server.close();
  }
});

test('an unreachable redirect target is reported with exit code 3', async () => {
  const target = await redirectTarget();
  const { redirectUri } = target;
  await new Promise((resolve) => target.server.close(resolve));
  const result = await run(['--quiet', authorizationUrl(redirectUri, 'state-3')]);
  assert.equal(result.code, 3);
  assert.match(result.stderr, /cannot reach http:\/\/127\.0\.0\.1:\d+/);
});

test('usage errors exit with 2', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['not a url'])).code, 2);
});
