// Shared helpers of the end-to-end tests (not a test file: node --test runs *.test.mjs only).
// The driver (driver.mjs) starts motcua and passes its address in MOTCUA_E2E_BASE_URL.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const baseUrl = process.env.MOTCUA_E2E_BASE_URL;
if (!baseUrl) {
  throw new Error(
    'MOTCUA_E2E_BASE_URL is not set: run the browser tests through tests/e2e/driver.mjs ' +
      '(cd build && ctest -L web), which seeds a database and starts motcua.');
}

// Where screenshots go (the driver's temporary directory).
export const artifactsDir =
  process.env.MOTCUA_E2E_ARTIFACTS || mkdtempSync(join(tmpdir(), 'motcua-e2e-artifacts-'));
mkdirSync(artifactsDir, { recursive: true });

export const demoPassword = 'MotCua@2026';

// Debian's chromium, headless, in a fresh profile directory (removed by close()). Every page
// records console errors and uncaught exceptions (CSP violations show up there).
export async function launchBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MOTCUA_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    locale: 'vi-VN',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  // Console errors (CSP violations, script errors) and failed sub-resources (CSS, JS, images,
  // htmx requests). A page answered 4xx on purpose (a failed sign-in is 401) is not a problem;
  // Chrome's "Failed to load resource" line for it is left out, the response check covers
  // what matters.
  const problems = [];
  const watch = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (response.status() >= 400 && type !== 'document') {
        problems.push(`${type} ${response.url()}: HTTP ${response.status()}`);
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    problems,
    // Forgets what earlier tests recorded.
    resetProblems() {
      problems.length = 0;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function url(path) {
  return new URL(path, baseUrl).toString();
}

// Signs in through the form and waits for the redirect.
export async function signIn(page, username, password = demoPassword) {
  await page.goto(url('/dang-nhap'));
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap')),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
}
