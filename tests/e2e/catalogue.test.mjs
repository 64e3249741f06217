// The public catalogue: search with and without diacritics (htmx and plain forms), the
// procedure page, its print view, keyboard use, and screenshots for a person to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, url } from './helpers.mjs';

const kBirth = 'Thủ tục đăng ký khai sinh';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

function resultLink(page, name) {
  return page.locator('#ket-qua').getByRole('link', { name, exact: true });
}

for (const text of ['dang ky khai sinh', 'Đăng ký khai sinh']) {
  test(`typing "${text}" lists "${kBirth}" (htmx)`, { timeout: 60_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await page.goto(url('/thu-tuc'));
    await page.getByLabel('Tìm thủ tục').fill(text);
    await resultLink(page, kBirth).waitFor();
    // htmx pushed the search into the address bar, and the live status line was updated.
    await page.waitForURL((u) => u.searchParams.get('q') === text);
    assert.match(await page.locator('#trang-thai').innerText(), /^Tìm thấy \d+ thủ tục/);
    assert.deepEqual(problems, [], 'no console errors (CSP, scripts)');
  });
}

test('the search works without JavaScript', { timeout: 60_000 }, async () => {
  const plain = await launchBrowser({ javaScriptEnabled: false });
  try {
    const { page } = plain;
    await page.goto(url('/thu-tuc'));
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === 'dang ky khai sinh'),
      page.getByRole('button', { name: 'Tìm kiếm' }).click(),
    ]);
    await resultLink(page, kBirth).waitFor();
  } finally {
    await plain.close();
  }
});

test('filters by field and level, and pages with the cursor', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.goto(url('/thu-tuc'));
  await page.getByLabel('Lĩnh vực').selectOption('Hộ tịch');
  await page.waitForURL((u) => u.searchParams.get('field') === 'Hộ tịch');
  await page.getByLabel('Cấp thực hiện').selectOption('commune');
  await page.waitForURL((u) => u.searchParams.get('level') === 'commune');
  await page.waitForFunction(() => /Tìm thấy \d+ thủ tục/.test(
    document.querySelector('#trang-thai')?.textContent ?? ''));
  const metas = await page.locator('#ket-qua .result-meta').allInnerTexts();
  assert.ok(metas.length > 0);
  for (const meta of metas) {
    assert.match(meta, /Hộ tịch/);
    assert.match(meta, /Cấp xã/);
  }
  await page.goto(url('/thu-tuc'));
  await page.getByRole('link', { name: 'Trang sau »' }).click();
  await page.waitForURL((u) => u.searchParams.has('cursor'));
  assert.match(await page.locator('#trang-thai').innerText(), /hiển thị 21–40/);
  await page.getByRole('link', { name: '« Trang đầu' }).waitFor();
});

test('keyboard: Tab reaches the search box and Enter submits', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.goto(url('/thu-tuc'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()),
               'Bỏ qua, đến nội dung chính', 'the skip link comes first');
  let reached = false;
  for (let i = 0; i < 20 && !reached; ++i) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'q');
  }
  assert.ok(reached, 'Tab reached the search box');
  await page.keyboard.type('khai sinh');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === 'khai sinh');
  await resultLink(page, kBirth).waitFor();
});

test('the procedure page shows its code and field; screenshots', { timeout: 60_000 }, async () => {
  const { page, problems } = browser;
  browser.resetProblems();
  await page.goto(url('/thu-tuc?q=dang+ky+khai+sinh'));
  await resultLink(page, kBirth).waitFor();
  await page.screenshot({ path: join(artifactsDir, 'catalogue.png'), fullPage: false });

  await resultLink(page, kBirth).click();
  await page.waitForURL(url('/thu-tuc/1.001193'));
  await page.getByRole('heading', { level: 1, name: kBirth }).waitFor();
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, /Mã thủ tục\s+1\.001193/);
  assert.match(facts, /Lĩnh vực\s+Hộ tịch/);
  assert.match(facts, /Cấp thực hiện\s+Cấp xã/);
  assert.match(facts, /Mức độ dịch vụ công trực tuyến\s+Trực tuyến một phần/);
  await page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
  await page.screenshot({ path: join(artifactsDir, 'procedure.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('the print view has no navigation and prints on A4', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.goto(url('/thu-tuc/1.001193'));
  await page.getByRole('link', { name: 'Bản in niêm yết' }).click();
  await page.waitForURL(url('/thu-tuc/1.001193?print=1'));
  assert.equal(await page.getByRole('navigation').count(), 0);
  assert.equal(await page.locator('header.site-header, footer.site-footer').count(), 0);
  await page.getByRole('heading', { level: 1, name: kBirth }).waitFor();
  await page.screenshot({ path: join(artifactsDir, 'print-view.png'), fullPage: false });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'In trang này' }).isVisible(), false,
               'the print button is hidden on paper');
  const pdf = await page.pdf({ path: join(artifactsDir, 'procedure-print.pdf'),
                               preferCSSPageSize: true });
  assert.ok(pdf.length > 1000);
  await page.emulateMedia({ media: 'screen' });
});

test('the organisation tree lists the city, its communes and desks', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    await page.goto(url('/don-vi'));
    const tree = page.locator('.unit-tree');
    const text = await tree.innerText();
    assert.match(text, /Thành phố Huế/);
    assert.match(text, /Phường Phú Xuân/);
    assert.match(text, /Bộ phận Một cửa phường Phú Xuân/);
    assert.match(text, /Sở Tư pháp/);
  });

test('an unknown procedure is a Vietnamese 404 page', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const response = await page.goto(url('/thu-tuc/9.999999'));
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
});
