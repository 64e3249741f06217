#!/usr/bin/env node
// End-to-end driver (CTest e2e/web, label web): seeds a fresh demo database in a temporary
// directory, starts `motcua serve` on a free loopback port, waits for /healthz, runs
// `node --test tests/e2e/*.test.mjs` (playwright-core driving Debian's chromium), stops the server and
// exits non-zero if anything failed. Screenshots land in <tmp>/artifacts; the directory is kept
// when a test failed or MOTCUA_E2E_KEEP=1, and removed otherwise.
//
// Usage: node tests/e2e/driver.mjs --motcua build/motcua [extra node --test arguments]
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const at = args.indexOf('--motcua');
if (at < 0 || !args[at + 1]) {
  fail('usage: driver.mjs --motcua PATH_TO_MOTCUA [node --test arguments]');
}
const motcua = resolve(args[at + 1]);
const testArgs = args.filter((_, i) => i !== at && i !== at + 1);
const chromiumPath = process.env.MOTCUA_E2E_CHROMIUM || '/usr/bin/chromium';
for (const [what, path] of [['motcua', motcua], ['chromium', chromiumPath],
                            ['playwright-core', join(root, 'node_modules', 'playwright-core')]]) {
  if (!existsSync(path)) {
    fail(`${what} not found at ${path} (scripts/setup installs chromium and the npm packages)`);
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const work = mkdtempSync(join(tmpdir(), 'motcua-e2e-'));
const artifacts = join(work, 'artifacts');
mkdirSync(artifacts);
const db = `sqlite:${join(work, 'motcua.db')}`;
console.log(`e2e: working directory ${work}`);

const seeded = spawnSync(motcua, ['seed-demo', '--db', db], { encoding: 'utf8' });
if (seeded.status !== 0) {
  fail(`seed-demo failed (${seeded.status}): ${seeded.stdout}${seeded.stderr}`);
}
process.stdout.write(seeded.stdout);

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const logPath = join(work, 'server.log');
const log = openSync(logPath, 'a');
// Notifications (verification codes, dossier news) go to a JSON Lines file the tests read.
const outboxPath = join(work, 'outbox.jsonl');
// The payment sandbox (issue #5) on its own free port: the server sends browsers there and the
// sandbox calls the server back. The server takes its address and secret from the environment.
const sandboxPort = await freePort();
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const paymentSecret = 'e2e-payment-secret';
const sandbox = spawn(motcua, ['payment-sandbox', '--listen', `127.0.0.1:${sandboxPort}`,
                               '--secret', paymentSecret,
                               '--notify-url', `${baseUrl}/api/v1/payments/callback`],
                      { stdio: ['ignore', log, log] });
process.on('exit', () => sandbox.kill('SIGTERM'));
process.env.MOTCUA_PAYMENT_URL = sandboxUrl;
process.env.MOTCUA_PAYMENT_SECRET = paymentSecret;
process.env.MOTCUA_E2E_SANDBOX_URL = sandboxUrl;
const server = spawn(motcua, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`,
                              '--notify', `file:${outboxPath}`],
                     { stdio: ['ignore', log, log] });
let serverExit = null;
server.on('exit', (code, signal) => {
  serverExit = { code, signal };
});

function serverLogTail() {
  try {
    return readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '';
  }
}

async function stopServer() {
  if (serverExit) {
    sandbox.kill('SIGTERM');
    return;
  }
  server.kill('SIGTERM');
  for (let i = 0; i < 150 && !serverExit; ++i) {
    await sleep(100);
  }
  if (!serverExit) {
    server.kill('SIGKILL');
  }
  // The sandbox child would keep node alive after the tests.
  sandbox.kill('SIGTERM');
}

let healthy = false;
for (let i = 0; i < 300 && !healthy && !serverExit; ++i) {
  try {
    const response = await fetch(`${baseUrl}/healthz`);
    healthy = response.ok;
  } catch {
    // not listening yet
  }
  if (!healthy) {
    await sleep(100);
  }
}
if (!healthy) {
  await stopServer();
  console.error(serverLogTail());
  fail(`motcua did not become healthy on ${baseUrl} (working directory kept: ${work})`);
}
console.log(`e2e: motcua serving on ${baseUrl}`);

// The test files by name: `node --test DIR` searches a directory on Node 18 and 20 but takes
// its arguments as globs from Node 21 on.
const testFiles = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
  .map((f) => join('tests', 'e2e', f));
const tests = spawn(process.execPath, ['--test', ...testArgs, ...testFiles], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    MOTCUA_E2E_BASE_URL: baseUrl,
    MOTCUA_E2E_ARTIFACTS: artifacts,
    MOTCUA_E2E_CHROMIUM: chromiumPath,
    MOTCUA_E2E_OUTBOX: outboxPath,
  },
});
const testStatus = await new Promise((r) => tests.on('exit', (code, signal) => r(code ?? signal)));

const crashed = serverExit !== null;
await stopServer();
if (crashed) {
  console.error(`e2e: motcua exited during the tests (${JSON.stringify(serverExit)})`);
  console.error(serverLogTail());
} else if (serverExit && serverExit.code !== 0) {
  console.error(`e2e: warning: motcua exited with ${JSON.stringify(serverExit)} on SIGTERM`);
}

const ok = testStatus === 0 && !crashed;
if (ok && process.env.MOTCUA_E2E_KEEP !== '1') {
  rmSync(work, { recursive: true, force: true });
} else {
  console.log(`e2e: screenshots and server log kept in ${work}`);
}
if (!ok) {
  fail(`failed (node --test: ${testStatus}${crashed ? ', server crashed' : ''})`);
}
console.log('e2e: all browser tests passed');
