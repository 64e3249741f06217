// TTHC-control plans (issue #7, docs/plans.md "Pages"): a control officer imports Nhật Tân's 2024
// plan (the S2 seed, tab-separated) through /ke-hoach — the file chosen in the form, the preview
// with its counts and the problem of one stray row, then the import —, opens the plan and
// records progress with evidence on a late deliverable — a document number and date and a PDF
// attached through the form (web/static/plan_evidence.js) —, whose status turns to done; the file
// is listed beside the report and downloads. No console errors (the page's scripts are files:
// strict CSP).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn, url } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const seed = join(here, '..', 'fixtures', 'seeds', 's2-nhat-tan-2024.txt');

let browser;
let dir;
before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'motcua-e2e-plans-'));
});
after(async () => {
  await browser?.close();
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import S2 through the page → preview with counts and a problem → progress turns a ' +
  'deliverable done', { timeout: 180_000 }, async () => {
  const { page, problems } = browser;
  browser.resetProblems();
  // S2 with one stray row after its table: a row with 2 cells where the table has 6.
  const file = join(dir, 'ke-hoach-nhat-tan-2024.txt');
  writeFileSync(file, readFileSync(seed, 'utf8') + '\n9\tDòng thiếu ô\n');

  await signIn(page, 'kiemsoat');
  await page.goto(url('/ke-hoach'));
  await page.getByRole('heading', { level: 1, name: 'Kế hoạch kiểm soát TTHC' }).waitFor();
  await page.getByLabel('Mã đơn vị ban hành').fill('19753');
  await page.getByLabel('Tệp kế hoạch').setInputFiles(file);
  await page.locator('.plan-file-status', { hasText: 'Đã đọc tệp' }).waitFor();
  assert.match(await page.getByLabel('Hoặc dán nội dung bảng').inputValue(), /Nhật Tân/);

  await Promise.all([
    page.waitForLoadState('load'),
    page.getByRole('button', { name: 'Xem trước' }).click(),
  ]);
  const preview = page.locator('.plan-preview');
  await preview.waitFor();
  const counts = await preview.locator('.plan-counts').innerText();
  assert.match(counts, /8 mục/);
  assert.match(counts, /19 nhiệm vụ/);
  assert.match(counts, /1 lỗi/);
  assert.match(await preview.locator('.plan-problems').innerText(), /^Dòng \d+: dòng có 2 ô/);
  assert.ok(await preview.locator('.plan-unmatched li').count() > 0, 'unmatched names listed');

  await Promise.all([
    page.waitForURL((u) => /^\/ke-hoach\/\d+$/.test(u.pathname)),
    page.getByRole('button', { name: 'Nhập kế hoạch' }).click(),
  ]);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Đã nhập kế hoạch/);
  assert.match(await main.innerText(), /Số 12\/QĐ-UBND/);
  assert.match(await page.locator('.plan-problems').innerText(), /dòng có 2 ô/);

  // A deliverable of the commune, late (2024's deadlines have passed), reported done.
  const late = page.locator('.plan-deliverable', {
    has: page.locator('[data-status="late"]'),
  }).filter({ has: page.locator('form[action$="/tien-do"]') }).first();
  const id = await late.getAttribute('data-deliverable');
  assert.ok(id, 'a late deliverable with a progress form');
  const pdfBytes = '%PDF-1.4\n% minh chứng\n1 0 obj <<>> endobj\n%%EOF\n';
  const pdf = join(dir, 'bao-cao-15.pdf');
  writeFileSync(pdf, pdfBytes);
  await late.getByText('Báo cáo tiến độ', { exact: true }).click();
  await late.getByLabel('Tình trạng').selectOption('done');
  await late.getByLabel('Số văn bản minh chứng').fill('15/BC-UBND');
  await late.getByLabel('Ngày văn bản').fill('2024-03-20');
  await late.getByLabel('Tệp minh chứng').setInputFiles(pdf);
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('da-luu') === '1'),
    late.getByRole('button', { name: 'Lưu tiến độ' }).click(),
  ]);
  const done = page.locator(`#sp-${id}`);
  assert.equal(await done.locator('[data-status]').first().getAttribute('data-status'), 'done');
  assert.match(await done.innerText(), /Hoàn thành/);
  assert.match(await done.innerText(), /văn bản số 15\/BC-UBND ngày 20\/3\/2024/);
  assert.equal(await page.locator('[data-count="done"]').innerText(), '1');
  const link = done.locator('a[data-evidence-file]', { hasText: 'bao-cao-15.pdf' });
  assert.equal(await link.count(), 1);
  const href = await link.getAttribute('href');
  assert.match(href, /^\/ke-hoach\/\d+\/minh-chung\/\d+$/);
  const download = await page.request.get(url(href));
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.equal((await download.body()).toString('utf8'), pdfBytes);
  assert.deepEqual(problems, []);
});
