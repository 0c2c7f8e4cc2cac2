// A second, independent OpenID provider for the tests: Debian's glewlwyd (a C server), set up from scratch in a
// folder of its own (its configuration, an SQLite database, a signing key), never the system service.
//
//   node glewlwyd.mjs start DIR      start it on a free loopback port, configure it through its admin API,
//                                    leave DIR/info.json (issuer, clients, the redirect URIs it accepts)
//   node glewlwyd.mjs stop DIR       stop the one started in DIR
//
// The clients: a confidential client_secret_basic one whose secret holds ':' '%' '+' and a space, a
// client_secret_post one, and a public one with PKCE. glewlwyd matches redirect URIs exactly (port included), so
// each client accepts http://127.0.0.1:PORT/callback for the few fixed ports listed in info.json. Secrets are made
// fresh at every start: they belong to this throw-away server and to nobody's account.
import { execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const kBinary = '/usr/bin/glewlwyd';
const kSchema = '/usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz';
const kSystemConfig = '/etc/glewlwyd/glewlwyd.conf';
const kAdmin = { username: 'admin', password: 'password' }; // the fresh database's own administrator

function fail(message) {
  process.stderr.write(`glewlwyd.mjs: ${message}\n`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The packaged configuration with this folder's port, address, log and database.
function writeConfig(dir, port) {
  const lines = fs.readFileSync(kSystemConfig, 'utf8').split('\n').map((line) => {
    if (/^port\s*=/.test(line)) return `port=${port}`;
    if (/^external_url\s*=/.test(line)) return `external_url="http://127.0.0.1:${port}"`;
    if (/^#?\s*bind_address\s*=/.test(line)) return 'bind_address="127.0.0.1"';
    if (/^log_mode\s*=/.test(line)) return 'log_mode="file"';
    if (/^log_file\s*=/.test(line)) return `log_file="${dir}/glewlwyd.log"`;
    if (/^@include/.test(line)) return `database = { type = "sqlite3" path = "${dir}/glewlwyd.db" };`;
    return line;
  });
  fs.writeFileSync(path.join(dir, 'glewlwyd.conf'), lines.join('\n'));
}

function createDatabase(dir) {
  const db = path.join(dir, 'glewlwyd.db');
  fs.rmSync(db, { force: true });
  const schema = execFileSync('zcat', [kSchema]);
  execFileSync('sqlite3', [db], { input: schema });
}

function signingKey(dir) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    cert: publicKey.export({ type: 'spki', format: 'pem' }),
  };
}

async function waitForPort(port, child, logFile) {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) fail(`glewlwyd exited while starting:\n${fs.readFileSync(logFile, 'utf8')}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail(`glewlwyd did not listen on ${port} within 10 s`);
}

class Admin {
  constructor(api) { this.api = api; this.cookie = ''; }

  async call(method, route, body) {
    const response = await fetch(`${this.api}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) fail(`${method} ${route} answered ${response.status}: ${text}`);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return text;
  }
}

const trickySecret = (prefix) => `${prefix}${crypto.randomBytes(12).toString('hex')}`;

async function configure(api, issuer, keys, redirectUris) {
  const admin = new Admin(api);
  await admin.call('POST', '/auth/', kAdmin);
  await admin.call('POST', '/mod/plugin/', {
    module: 'oidc',
    name: 'oidc',
    display_name: 'OpenID Connect',
    parameters: {
      iss: issuer, 'jwt-type': 'rsa', 'jwt-key-size': '256', key: keys.key, cert: keys.cert,
      'access-token-duration': 3600, 'refresh-token-duration': 1209600, 'code-duration': 600,
      'refresh-token-rolling': true, 'allow-non-oidc': true,
      'auth-type-code-enabled': true, 'auth-type-token-enabled': false, 'auth-type-id-token-enabled': true,
      'auth-type-none-enabled': true, 'auth-type-client-enabled': true, 'auth-type-refresh-enabled': true,
      'auth-type-password-enabled': false, 'auth-type-device-enabled': true,
      'device-authorization-expiration': 12, 'device-authorization-interval': 1,
      scope: [], 'allowed-scope': ['openid', 'profile', 'email'], 'jwks-show': true, 'secret-type': 'public',
      'name-claim': 'on-demand', 'email-claim': 'on-demand',
      'pkce-allowed': true, 'pkce-method-plain-allowed': false,
      'introspection-revocation-allowed': true, 'introspection-revocation-allow-target-client': true,
      'request-parameter-allow': false,
    },
  });
  for (const name of ['profile', 'email', 'admin']) {
    await admin.call('POST', '/scope/', { name, display_name: name, description: `${name} (test)`,
      password_required: false, scheme: {} });
  }
  await admin.call('POST', '/user/', { username: 'alice', name: 'Alice Example', email: 'alice@example.test',
    password: 'alice-password', scope: ['g_profile', 'openid', 'profile', 'email'], enabled: true });
  const grants = ['code', 'refresh_token', 'client_credentials', 'delete_token'];
  const clients = [
    { client_id: 'debugger-basic', client_secret: trickySecret('p@ss:w+rd %/~ '), role: 'basic',
      token_endpoint_auth_method: 'client_secret_basic' },
    { client_id: 'debugger-post', client_secret: trickySecret('post-secret-'), role: 'post',
      token_endpoint_auth_method: 'client_secret_post' },
    { client_id: 'debugger-public', role: 'public', token_endpoint_auth_method: 'none' },
  ];
  for (const client of clients) {
    const confidential = Boolean(client.client_secret);
    await admin.call('POST', '/client/', {
      client_id: client.client_id, name: client.client_id, enabled: true, confidential,
      ...(confidential ? { password: client.client_secret } : {}),
      redirect_uri: redirectUris,
      authorization_type: confidential ? grants : ['code', 'refresh_token', 'device_authorization'],
      scope: ['openid', 'profile', 'email'],
      token_endpoint_auth_method: [client.token_endpoint_auth_method],
    });
    client.redirect_uris = redirectUris;
  }
  return clients;
}

function stop(dir) {
  const pidFile = path.join(dir, 'pid');
  if (!fs.existsSync(pidFile)) {
    process.stdout.write(`no glewlwyd was running in ${dir}\n`);
    return;
  }
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8'), 10);
  let ours = false;
  try {
    ours = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.join(dir, 'glewlwyd.conf'));
  } catch { /* gone already */ }
  if (ours) process.kill(pid, 'SIGTERM');
  fs.rmSync(pidFile, { force: true });
  process.stdout.write('glewlwyd stopped\n');
}

async function start(dir) {
  if (!fs.existsSync(kBinary)) fail('glewlwyd is not installed (apt-get install glewlwyd; scripts/deps.sh does)');
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, 'pid'))) stop(dir);
  fs.rmSync(path.join(dir, 'info.json'), { force: true });
  const port = await freePort();
  writeConfig(dir, port);
  createDatabase(dir);
  const logFile = path.join(dir, 'glewlwyd.log');
  const out = fs.openSync(path.join(dir, 'glewlwyd.out'), 'w');
  fs.writeFileSync(logFile, '');
  const child = spawn(kBinary, [`--config-file=${path.join(dir, 'glewlwyd.conf')}`],
    { detached: true, stdio: ['ignore', out, out] });
  fs.writeFileSync(path.join(dir, 'pid'), `${child.pid}\n`);
  await waitForPort(port, child, logFile);

  const api = `http://127.0.0.1:${port}/api`;
  const issuer = `${api}/oidc`;
  const redirectPorts = [];
  while (redirectPorts.length < 3) {
    const candidate = await freePort();
    if (candidate !== port && !redirectPorts.includes(candidate)) redirectPorts.push(candidate);
  }
  const redirectUris = redirectPorts.map((p) => `http://127.0.0.1:${p}/callback`);
  const clients = await configure(api, issuer, signingKey(dir), redirectUris);
  const info = { issuer, pid: child.pid, server: 'glewlwyd', clients, redirectUris,
    user: { username: 'alice', password: 'alice-password' } };
  const tmp = path.join(dir, `info.json.tmp-${process.pid}`);
  fs.writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, 'info.json'));
  child.unref();
  process.stdout.write(`glewlwyd ${issuer} (pid ${child.pid}, ${dir}/info.json)\n`);
}

const [command, dir] = process.argv.slice(2);
if (!dir || !['start', 'stop'].includes(command)) {
  process.stderr.write('usage: glewlwyd.mjs start DIR | glewlwyd.mjs stop DIR\n');
  process.exit(2);
}
if (command === 'start') await start(path.resolve(dir));
else stop(path.resolve(dir));
