// Durability under SIGKILL (issue #4): a burst of dossier actions against a real `motcua serve`
// on SQLite, the server killed with SIGKILL in the middle of it, restarted on the same database:
// every action that was acknowledged (201/200) must still be there. Run by CTest
// (durability/sigkill, labels dossier and storage): node sigkill.mjs --motcua <binary>.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const motcua = args[args.indexOf('--motcua') + 1];
const burstMs = Number(process.env.MOTCUA_SIGKILL_BURST_MS || 2500);
const workers = 48;

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'motcua-sigkill-'));
const db = `sqlite:${join(dir, 'motcua.db')}`;
const seeded = spawnSync(motcua, ['seed-demo', '--db', db], { encoding: 'utf8' });
if (seeded.status !== 0) fail(`seed-demo: ${seeded.stdout}${seeded.stderr}`);

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function start() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(motcua, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  for (let i = 0; i < 200; ++i) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { child, base };
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  fail(`server did not start: ${stderr}`);
}

async function signIn(base, username) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: 'MotCua@2026' }),
  });
  if (r.status !== 200 && r.status !== 201) fail(`sign-in ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  return { cookie, csrf };
}

function call(base, session, method, path, body, extra = {}) {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      origin: base,
      ...extra,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// ---- the burst ----
let { child, base } = await start();
const desk = await signIn(base, 'motcua');
const received = new Map();  // code → idempotency key (acknowledged receipts)
const transferred = new Set();  // codes whose transfer was acknowledged
let stop = false;
let attempts = 0;
let errors = 0;

async function worker(w) {
  for (let i = 0; !stop; ++i) {
    const key = `w${w}-${i}`;
    ++attempts;
    try {
      const r = await call(base, desk, 'POST', '/api/v1/dossiers', {
        procedure_code: '1.002010',
        settling_unit: '46.SOTP',
        applicant: { name: `Người nộp ${key}`, id_number: '046090001234' },
      }, { 'idempotency-key': key });
      if (r.status !== 201) {
        if (!stop) fail(`receive answered ${r.status}: ${await r.text()}`);
        return;
      }
      const { code } = await r.json();
      received.set(code, key);
      const t = await call(base, desk, 'POST', `/api/v1/dossiers/${code}/actions`,
                           { action: 'transfer', version: 1 });
      if (t.status === 200) {
        await t.json();
        transferred.add(code);
      } else if (!stop) {
        fail(`transfer answered ${t.status}: ${await t.text()}`);
      }
    } catch {
      ++errors;  // the connection died with the server: not acknowledged
      return;
    }
  }
}

const running = Array.from({ length: workers }, (_, w) => worker(w));
await new Promise((r) => setTimeout(r, burstMs));
child.kill('SIGKILL');
stop = true;
await Promise.allSettled(running);
await new Promise((r) => child.exitCode !== null || child.signalCode ? r() : child.once('exit', r));
console.log(`burst: ${attempts} attempts, ${received.size} receipts and ${transferred.size} ` +
            `transfers acknowledged, ${errors} requests cut by the kill`);
if (received.size < 20) fail(`too few actions acknowledged (${received.size}) to prove anything`);

// ---- after the restart ----
({ child, base } = await start());
try {
  const again = await signIn(base, 'motcua');
  let missing = 0;
  for (const [code] of received) {
    const r = await call(base, again, 'GET', `/api/v1/dossiers/${code}`);
    if (r.status !== 200) {
      ++missing;
      console.error(`lost receipt ${code}: ${r.status}`);
      continue;
    }
    const d = await r.json();
    if (transferred.has(code) && d.state !== 'processing') {
      ++missing;
      console.error(`lost transfer of ${code}: state ${d.state}`);
    }
    if (d.events.length < (transferred.has(code) ? 2 : 1)) {
      ++missing;
      console.error(`lost events of ${code}: ${d.events.length}`);
    }
  }
  if (missing > 0) fail(`${missing} acknowledged actions lost`);
  console.log(`after restart: all ${received.size} receipts and ${transferred.size} transfers present`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
