#!/usr/bin/env node
// A scripted browser for tests: it is launched the way any browser is (a command with the URL as its argument),
// signs in and consents on the provider's devInteractions pages (or, on glewlwyd's script-driven login page, through
// the same API calls that page makes), and follows the final redirect wherever it points, as a real browser would.
//
//   browser.mjs [--cancel] [--login NAME] [--user-code CODE] [--forge-return] [--tamper-response] [--record FILE]
//               [--quiet] URL
//
// --cancel presses "[ Cancel ]" on the sign-in page instead, which makes the provider redirect with
// error=access_denied (on a device confirmation page, "[ Abort ]": the device grant is denied). --user-code types
// CODE into the device grant's code page, as a user does at verification_uri; the device pages end on the
// provider's own success or interrupted page, which is where this script then stops. A sign-out (RP-initiated
// logout) is confirmed with "Yes, sign me out" ("No, stay signed in" with --cancel); --forge-return first calls
// its post_logout_redirect_uri with a state of its own, as a stranger on this machine could. --tamper-response
// delivers a JWT-secured response (JARM's "response", in the query or a form post) once with one character of its
// signature changed before the genuine one, as someone between the server and the client could. --record writes the
// URL it was given to FILE. Exit codes: 0 the redirect target answered, 1 a page this script does not understand,
// 2 usage, 3 a connection failed.

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as vm from 'node:vm';

const kMaxSteps = 25;

// One HTTP request the way a browser's top-level navigation sends it. Node's fetch cannot do this: it always
// says "Sec-Fetch-Mode: cors", which a careful redirect receiver rightly refuses as a script's request.
function navigate(url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
        'sec-fetch-site': 'cross-site',
        ...headers,
        ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
      },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
        text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(15_000, () => request.destroy(new Error('no answer within 15 s')));
    if (body) request.write(body);
    request.end();
  });
}

function usage(message) {
  process.stderr.write(`browser: ${message}\nusage: browser.mjs [--cancel] [--login NAME] [--user-code CODE] [--forge-return] [--tamper-response] [--record FILE] [--quiet] URL\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { cancel: false, login: 'alice', userCode: '', quiet: false, url: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--cancel') args.cancel = true;
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--forge-return') args.forgeReturn = true;
    else if (arg === '--tamper-response') args.tamperResponse = true;
    else if (arg === '--record') args.record = argv[++i] ?? usage('--record needs a file');
    else if (arg === '--login') args.login = argv[++i] ?? usage('--login needs a name');
    else if (arg === '--user-code') args.userCode = argv[++i] ?? usage('--user-code needs a code');
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else if (args.url) usage('only one URL');
    else args.url = arg;
  }
  if (!args.url) usage('no URL');
  try {
    new URL(args.url);
  } catch {
    usage(`not an absolute URL: ${args.url}`);
  }
  return args;
}

// Cookies by host and path, enough for the provider's path-scoped interaction cookies.
class CookieJar {
  #cookies = new Map();

  store(url, setCookieHeaders) {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let cookiePath = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.split('=');
        const k = key.trim().toLowerCase();
        if (k === 'path') cookiePath = val.trim() || '/';
        if (k === 'expires' && Date.parse(val) < Date.now()) expired = true;
        if (k === 'max-age' && Number(val) <= 0) expired = true;
      }
      const key = `${url.hostname}|${cookiePath}|${name}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { host: url.hostname, path: cookiePath, name, value });
    }
  }

  header(url) {
    const matching = [...this.#cookies.values()].filter(
      (c) => c.host === url.hostname && url.pathname.startsWith(c.path));
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

const decodeEntities = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attribute(tag, name) {
  const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'));
  return match ? decodeEntities(match[1]) : undefined;
}

function firstForm(html) {
  const match = html.match(/<form\b([^>]*)>([\s\S]*?)<\/form>/i);
  if (!match) return undefined;
  const fields = new URLSearchParams();
  for (const input of match[2].match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name) fields.append(name, attribute(input, 'value') ?? '');
  }
  return { action: attribute(match[1], 'action'), method: (attribute(match[1], 'method') ?? 'get').toUpperCase(),
    fields };
}

// glewlwyd's login page is a script: it signs in with POST /api/auth/, grants the scopes with PUT
// /api/auth/grant/CLIENT, then goes back to the authorization URL with g_continue. This does the same calls.
async function glewlwydSignIn(loginUrl, jar, args, log) {
  const api = `${loginUrl.origin}/api`;
  const call = async (method, route, body) => {
    const url = new URL(`${api}${route}`);
    log(`${method} ${url.pathname} (the login page's script)`);
    const response = await navigate(url, { method, headers: { 'content-type': 'application/json',
      cookie: jar.header(url) }, body: JSON.stringify(body) });
    const setCookie = response.headers['set-cookie'] ?? [];
    jar.store(url, Array.isArray(setCookie) ? setCookie : [setCookie]);
    if (response.status !== 200) {
      process.stderr.write(`browser: ${method} ${route} answered ${response.status}: ${response.text.slice(0, 200)}\n`);
      process.exit(1);
    }
  };
  await call('POST', '/auth/', { username: args.login, password: `${args.login}-password` });
  const clientId = loginUrl.searchParams.get('client_id');
  await call('PUT', `/auth/grant/${encodeURIComponent(clientId)}`, { scope: loginUrl.searchParams.get('scope') ?? '' });
  return { url: new URL(`${loginUrl.searchParams.get('callback_url')}&g_continue`), method: 'GET', body: undefined };
}

// A page's inline script run as a browser would, against the little of the DOM a redirect receiver's page may
// touch: location (with the fragment this browser kept), history, and forms it builds and submits. Returns the
// submitted form as the next request, or undefined when the script submits none.
function runPageScript(html, url) {
  const source = html.match(/<script>([\s\S]*?)<\/script>/i)?.[1];
  if (!source) return undefined;
  let submitted;
  const element = (tag) => {
    const node = { tagName: tag.toUpperCase(), children: [], textContent: '' };
    node.appendChild = (child) => { node.children.push(child); };
    node.submit = () => { submitted = node; };
    return node;
  };
  const body = element('body');
  const messages = element('p');
  const location = { hash: url.hash, pathname: url.pathname, href: url.href };
  const history = { replaceState: (_state, _title, to) => { location.hash = ''; location.href = new URL(to, url).href; } };
  const document = { createElement: element, body, getElementById: () => messages };
  vm.runInNewContext(source, { location, history, document, URLSearchParams }, { timeout: 1000 });
  if (!submitted) return { message: messages.textContent };
  const fields = new URLSearchParams();
  for (const input of submitted.children) fields.append(input.name, input.value);
  const target = new URL(submitted.action, url);
  return { request: String(submitted.method).toUpperCase() === 'POST'
    ? { url: target, method: 'POST', body: fields.toString() }
    : { url: new URL(`${target.origin}${target.pathname}?${fields}`), method: 'GET', body: undefined } };
}

const pageTitle = (html) => (html.match(/<title>([^<]*)<\/title>/i)?.[1] ?? '').trim();

// The request with one character of its JARM response's signature changed (well inside it: the last one carries
// padding bits, and changing it can make the base64url non-canonical rather than the signature wrong); undefined
// when it carries none.
function tampered(request) {
  const flip = (jwt) => {
    const at = jwt.length - 10;
    return `${jwt.slice(0, at)}${jwt[at] === 'A' ? 'B' : 'A'}${jwt.slice(at + 1)}`;
  };
  if (request.method === 'GET' && request.url.searchParams.has('response')) {
    const url = new URL(request.url);
    url.searchParams.set('response', flip(url.searchParams.get('response')));
    return { url, method: 'GET', body: undefined };
  }
  const fields = new URLSearchParams(request.body ?? '');
  if (request.method === 'POST' && fields.has('response')) {
    fields.set('response', flip(fields.get('response')));
    return { url: request.url, method: 'POST', body: fields.toString() };
  }
  return undefined;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (line) => { if (!args.quiet) process.stderr.write(`browser: ${line}\n`); };
  const jar = new CookieJar();
  const providerOrigin = new URL(args.url).origin;
  let request = { url: new URL(args.url), method: 'GET', body: undefined };
  if (args.record) fs.writeFileSync(args.record, args.url); // the URL as the browser was given it
  const returnUri = request.url.searchParams.get('post_logout_redirect_uri');
  if (args.forgeReturn && returnUri) {
    const forged = new URL(returnUri);
    forged.searchParams.set('state', 'not-this-sign-out');
    const answer = await navigate(forged, { method: 'GET', headers: {} }).catch((err) => ({ status: err.code }));
    log(`forged a way back to ${forged.pathname}: ${answer.status}`);
  }

  for (let step = 0; step < kMaxSteps; step += 1) {
    const headers = { 'user-agent': 'oauth2-debugger-scripted-browser' };
    const cookie = jar.header(request.url);
    if (cookie) headers.cookie = cookie;
    if (request.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const leavingProvider = request.url.origin !== providerOrigin;
    log(`${request.method} ${leavingProvider ? request.url.href : request.url.pathname}`);
    const forgery = leavingProvider && args.tamperResponse ? tampered(request) : undefined;
    if (forgery) {
      args.tamperResponse = false;
      const answer = await navigate(forgery.url, { method: forgery.method, headers, body: forgery.body })
        .catch((err) => ({ status: err.code }));
      log(`delivered a response with a changed signature first: ${answer.status}`);
    }

    let response;
    try {
      response = await navigate(request.url, { method: request.method, headers, body: request.body });
    } catch (err) {
      // Like a browser tab showing an error page, with the address still in its bar.
      process.stderr.write(`browser: cannot reach ${request.url.href}: ${err.code ?? err.message}\n`);
      process.exit(3);
    }
    const setCookie = response.headers['set-cookie'] ?? [];
    jar.store(request.url, Array.isArray(setCookie) ? setCookie : [setCookie]);
    const body = response.text;

    if (leavingProvider && response.status === 200 && body.includes('<script>') && request.method === 'GET') {
      // The receiver's page runs (implicit and hybrid: it posts the URL fragment back to the receiver).
      const ran = runPageScript(body, request.url);
      if (ran && ran.request) {
        log(`the page's script submits a form to ${ran.request.url.pathname}`);
        request = ran.request;
        continue;
      }
      if (ran) {
        process.stdout.write(`${response.status} ${pageTitle(body)}: ${ran.message}\n`);
        return;
      }
    }
    if (leavingProvider) {
      // The redirect target (the debugger's listener) answered: that is where a browser tab would stop.
      process.stdout.write(`${response.status} ${pageTitle(body) || body.slice(0, 120).replace(/\s+/g, ' ')}\n`);
      return;
    }
    if (response.status >= 300 && response.status < 400 && response.headers.location) {
      const next = new URL(response.headers.location, request.url);
      if (next.origin === providerOrigin && next.pathname.endsWith('/login.html') && next.searchParams.has('callback_url')) {
        request = await glewlwydSignIn(next, jar, args, log);
        continue;
      }
      request = { url: next, method: 'GET', body: undefined };
      continue;
    }
    const title = pageTitle(body);
    const form = firstForm(body);
    // The device grant's last pages stay on the provider: signed in, or the request aborted.
    if (title === 'Sign-in Success' || body.includes('The Sign-in request was interrupted')) {
      process.stdout.write(`${response.status} ${title}${title === 'Sign-in Success' ? '' : ' (interrupted)'}\n`);
      return;
    }
    if (form && form.fields.has('user_code') && title === 'Sign-in') {
      if (!args.userCode) {
        process.stderr.write('browser: the device code page asks for a user code: give --user-code CODE\n');
        process.exit(1);
      }
      form.fields.set('user_code', args.userCode);
    }
    if (form && title === 'Device Login Confirmation' && args.cancel) form.fields.set('abort', 'yes');
    // RP-initiated logout asks first; its "Yes, sign me out" button sits outside the form it submits.
    if (form && title === 'Logout Request' && !args.cancel) form.fields.set('logout', 'yes');
    if (title === 'Sign-out Success') {
      process.stdout.write(`${response.status} ${title}\n`);
      return;
    }
    if (title === 'Sign-in' && args.cancel) {
      const abort = body.match(/href="([^"]*\/abort)"/);
      if (!abort) break;
      request = { url: new URL(decodeEntities(abort[1]), request.url), method: 'GET', body: undefined };
      continue;
    }
    if (form && form.action) {
      if (title === 'Sign-in' && form.fields.has('login')) {
        form.fields.set('login', args.login);
        form.fields.set('password', 'any-password');
      }
      const target = new URL(form.action, request.url);
      request = form.method === 'POST'
        ? { url: target, method: 'POST', body: form.fields.toString() }
        : { url: new URL(`${target.origin}${target.pathname}?${form.fields}`), method: 'GET', body: undefined };
      continue;
    }
    process.stderr.write(`browser: stuck on "${title || 'untitled'}" (HTTP ${response.status}): `
      + `${body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)}\n`);
    process.exit(1);
  }
  process.stderr.write(`browser: gave up after ${kMaxSteps} steps\n`);
  process.exit(1);
}

main();
