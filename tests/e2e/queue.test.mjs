// Issue #9 (engineer Q): queue tickets in a real browser — a citizen takes a ticket at the
// kiosk, the desk officer calls it at counter 2, the waiting-room display shows it and speaks
// "Mời số … đến quầy 2" (speechSynthesis.speak is wrapped by an init script only to observe the
// call; the pages, the API and the polling are real), then the officer serves and finishes it.
// No console errors: the pages run under the strict CSP with their scripts in web/static/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request as playwrightRequest } from 'playwright-core';

import { baseUrl, demoPassword, launchBrowser, signIn, url } from './helpers.mjs';

const desk = '46.TTPVHCC';
let browser;
before(async () => {
  browser = await launchBrowser();
  // The desk's kiosk buttons and counters, set up by the administrator through the API.
  const api = await playwrightRequest.newContext({ baseURL: baseUrl });
  const session = await api.post('/api/v1/session', {
    data: { username: 'quantri', password: demoPassword },
  });
  assert.equal(session.status(), 201, await session.text());
  const { csrf_token: csrf } = await session.json();
  const setup = await api.put(`/api/v1/queue/desks/${desk}`, {
    headers: { 'x-csrf-token': csrf },
    data: {
      groups: [
        { code: 'HT', prefix: 'A', label: 'Hộ tịch, chứng thực' },
        { code: 'DD', prefix: 'B', label: 'Đất đai, xây dựng' },
      ],
      counters: [
        { code: '1', label: 'Quầy 1', groups: ['DD'] },
        { code: '2', label: 'Quầy 2', groups: ['HT', 'DD'] },
      ],
    },
  });
  assert.equal(setup.status(), 200, await setup.text());
  await api.dispose();
});
after(async () => {
  await browser?.close();
});

test('xếp hàng: kiosk → counter → display (spoken in Vietnamese)', { timeout: 120_000 }, async () => {
  const { context, page, problems } = browser;
  browser.resetProblems();

  // The waiting-room display, open before the call, with speech observed.
  const display = await context.newPage();
  await display.addInitScript(() => {
    window.__spoken = [];
    const record = (utterance) => window.__spoken.push({ text: utterance.text, lang: utterance.lang });
    if (window.speechSynthesis && typeof window.speechSynthesis.speak === 'function') {
      const real = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (utterance) => {
        record(utterance);
        real(utterance);
      };
    } else {
      // A browser built without speech: observe the call on a minimal stand-in.
      window.speechSynthesis = { speak: record, getVoices: () => [] };
      if (typeof window.SpeechSynthesisUtterance !== 'function') {
        window.SpeechSynthesisUtterance = function SpeechSynthesisUtterance(text) { this.text = text; };
      }
    }
  });
  await display.goto(url(`/xep-hang/${desk}/man-hinh`));
  await display.getByRole('heading', { name: 'Trung tâm Phục vụ hành chính công thành phố Huế' }).waitFor();
  await display.getByRole('rowheader', { name: 'Quầy 2' }).waitFor();
  await display.locator('.queue-display[data-version]').waitFor();  // first state polled

  // The kiosk: a large button per service group; the ticket's number is shown.
  const kiosk = await context.newPage();
  await kiosk.goto(url(`/xep-hang/${desk}`));
  await kiosk.getByRole('button', { name: /Hộ tịch, chứng thực/ }).click();
  const numberBox = kiosk.locator('#queue-ticket-number');
  await numberBox.waitFor({ state: 'visible' });
  const number = (await numberBox.textContent()).trim();
  assert.match(number, /^A\d{3}$/);
  await kiosk.getByText('Số thứ tự của ông/bà').waitFor();

  // The counter: the desk officer calls the next ticket at counter 2.
  await signIn(page, 'motcua');
  await page.goto(url(`/xep-hang/${desk}/quay`));
  await page.getByLabel('Quầy của tôi').selectOption('2');
  await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
  await page.locator('#queue-current-number', { hasText: number }).waitFor();

  // The display shows it at counter 2 and speaks it.
  const row = display.locator('tr[data-counter="2"] .queue-board-number');
  await row.filter({ hasText: number }).waitFor({ timeout: 15_000 });
  const sentence = `Mời số ${number} đến quầy 2`;
  await display.locator('#queue-announce', { hasText: sentence }).waitFor();
  await display.waitForFunction((s) => window.__spoken.some((u) => u.text === s), sentence);
  const spoken = await display.evaluate(() => window.__spoken);
  assert.equal(spoken.filter((u) => u.text === sentence).length, 1, 'spoken once');
  assert.equal(spoken[0].lang, 'vi-VN');

  // Serve and finish; the list shows it done.
  await page.getByRole('button', { name: 'Bắt đầu phục vụ' }).click();
  await page.locator('#queue-current-state', { hasText: 'Đang phục vụ' }).waitFor();
  await page.getByRole('button', { name: 'Kết thúc' }).click();
  await page.locator('#queue-list tr', { hasText: number }).filter({ hasText: 'Đã xong' }).waitFor();

  await display.close();
  await kiosk.close();
  assert.deepEqual(problems, [], 'no console errors (CSP)');
});
