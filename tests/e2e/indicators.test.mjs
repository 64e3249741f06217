// Issue #6 (engineer T): the Decision 766 pages in a real browser — the public monthly
// publication, a leader's /chi-so and the dashboard with its inline SVG charts — with no console
// errors (the strict CSP forbids inline scripts and styles; the charts use SVG attributes only).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn, url } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

function monthText(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

test('chỉ số 766: the monthly publication is public', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  browser.resetProblems();
  const now = new Date();
  const previous = monthText(new Date(now.getFullYear(), now.getMonth() - 1, 1));
  await page.goto(url(`/cong-khai/chi-so-766?unit=46&month=${previous}`));
  await page.getByRole('heading', { name: `Thành phố Huế · tháng ${previous}` }).waitFor();
  await page.getByRole('heading', { name: 'Cán bộ, công chức, viên chức để xảy ra chậm trễ' })
    .waitFor();
  assert.ok(await page.getByRole('link', { name: 'Tải về bảng tính CSV' }).isVisible());
  assert.deepEqual(problems, [], 'no console errors');
});

test('chỉ số 766: a leader reads the scorecard and the dashboard', { timeout: 90_000 }, async () => {
  const { page, problems } = browser;
  await signIn(page, 'lanhdao');
  browser.resetProblems();
  await page.getByRole('link', { name: 'Chỉ số 766' }).click();
  await page.getByLabel(/^Đơn vị/).selectOption('46');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/chi-so' && u.searchParams.get('don-vi') === '46'),
    page.getByRole('button', { name: 'Xem chỉ số' }).click(),
  ]);
  await page.getByText(/Tổng điểm: \d+,\d\d \/ 100 điểm/).waitFor();
  await page.getByRole('link', { name: 'Bảng điều khiển' }).click();
  await page.getByLabel(/^Đơn vị/).selectOption('46');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/bang-dieu-khien' && u.searchParams.has('don-vi')),
    page.getByRole('button', { name: 'Xem', exact: true }).click(),
  ]);
  await page.locator('svg.chart').first().waitFor();
  assert.equal(await page.locator('svg.chart rect.chart-bar').count(), 12, 'one bar per month');
  const box = await page.locator('svg.chart').first().boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, 'the chart is laid out');
  assert.deepEqual(problems, [], 'no console errors (CSP)');
});
