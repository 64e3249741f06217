// Public posting at a desk (issue #8, engineer E; docs/control.md "Public posting"): the demo desk
// officer of Phường Phú Xuân opens the desk's posting page, sees the check's warnings (seed-demo
// leaves this desk with an outdated posting), records a posting, the warning gives way to the
// "matches" notice, opens the A4 posting sheet (a QR code per procedure, its address beside it)
// and, signed out, the public page of the desk listing what it receives. No console errors.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, signIn, url } from './helpers.mjs';

const kDesk = '19753.BPMC';
const kDeskName = 'Bộ phận Một cửa phường Phú Xuân';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a desk officer clears the posting warnings and prints the sheet', { timeout: 120_000 },
  async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await signIn(page, 'motcuaxa');

    // The list of desks in the officer's scope links to the desk.
    await page.goto(url('/cong-khai'));
    await page.getByRole('link', { name: kDeskName }).click();
    await page.waitForURL((u) => u.pathname === `/cong-khai/bo-phan/${kDesk}`);

    // The check's warnings: the demo posting leaves procedures out.
    const warning = page.locator('.notice-warning');
    await warning.waitFor();
    assert.match(await warning.innerText(), /chưa khớp danh mục đang có hiệu lực: [1-9]\d* thủ tục chưa niêm yết/);
    const flagged = await page.locator('table.posting-findings tbody tr').count();
    assert.ok(flagged > 0, 'the findings are listed');
    await page.screenshot({ path: join(artifactsDir, 'posting-desk-warnings.png'), fullPage: true });

    // Record today's posting of everything the desk receives.
    await page.getByLabel('Hình thức').selectOption('a4');
    await page.getByLabel('Ghi chú').fill('Niêm yết lại toàn bộ danh mục (kiểm thử trình duyệt).');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('da-ghi')),
      page.getByRole('button', { name: 'Ghi nhận' }).click(),
    ]);
    await page.getByText('Đã ghi nhận lần niêm yết.').waitFor();
    assert.equal(await page.locator('.notice-warning').count(), 0, 'the warning is gone');
    assert.equal(await page.locator('table.posting-findings').count(), 0);
    await page.locator('.notice-success', { hasText: 'khớp danh mục thủ tục đang có hiệu lực' })
      .waitFor();
    assert.ok(await page.getByRole('cell', { name: 'Niêm yết lại toàn bộ danh mục (kiểm thử trình duyệt).' }).count() > 0,
      'the new posting is in the history');

    // The A4 sheet: one QR code (inline SVG) per procedure row, the address printed beside it.
    await page.getByRole('link', { name: 'Danh sách A4' }).click();
    await page.waitForURL((u) => u.pathname === `/cong-khai/bo-phan/${kDesk}/niem-yet`);
    const rows = page.locator('table.posting-table tbody tr');
    const count = await rows.count();
    assert.ok(count > 10, `the sheet lists the commune's procedures (${count})`);
    assert.equal(await page.locator('table.posting-table td.posting-qr svg').count(), count);
    const first = rows.first();
    const code = (await first.locator('td.code').innerText()).trim();
    assert.equal(await first.locator('.posting-url').textContent(),
      ` ${url(`/thu-tuc/${code}`)}`);
    assert.equal(await first.locator('svg').getAttribute('aria-label'),
      `Mã QR trang thủ tục ${code}`);
    const box = await first.locator('svg').boundingBox();
    assert.ok(box && box.width > 30 && box.height > 30, 'the QR code is drawn at a usable size');
    await page.screenshot({ path: join(artifactsDir, 'posting-sheet-a4.png'), fullPage: false });
    assert.deepEqual(problems, [], 'no console errors (CSP, scripts)');
  });

test('the public page of the desk lists what it receives, without an account',
  { timeout: 60_000 }, async () => {
    const anonymous = await launchBrowser();
    try {
      const { page, problems } = anonymous;
      await page.goto(url(`/don-vi/${kDesk}`));
      await page.getByRole('heading', { name: kDeskName }).waitFor();
      const links = page.locator('table a[href^="/thu-tuc/"]');
      const count = await links.count();
      assert.ok(count > 10, `the desk's procedures are listed (${count})`);
      assert.match(await page.locator('body').innerText(), new RegExp(`Thủ tục hành chính tiếp nhận \\(${count}\\)`));
      // Nothing for officers: no sign-out button, no posting form.
      assert.equal(await page.locator('form[action^="/cong-khai/bo-phan/"]').count(), 0);
      await page.getByRole('link', { name: /phản ánh|kiến nghị/i }).first().waitFor();
      await page.screenshot({ path: join(artifactsDir, 'posting-public-unit.png'), fullPage: false });
      assert.deepEqual(problems, [], 'no console errors (CSP, scripts)');
    } finally {
      await anonymous.close();
    }
  });
