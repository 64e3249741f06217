// Administration forms: create a unit (Post/Redirect/Get), and a post with a missing required
// field (error summary, field messages, focus).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, signIn, url } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
  await signIn(browser.page, 'quantri');
});
after(async () => {
  await browser?.close();
});

test('the administrator creates a unit through the form and sees it in the list',
  { timeout: 60_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    const code = `46.E2E${Date.now() % 100000}`;
    await page.goto(url('/quan-tri/don-vi'));
    await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
    await page.waitForURL(url('/quan-tri/don-vi/moi'));
    await page.getByLabel('Mã định danh').fill(code);
    await page.getByLabel('Tên đơn vị').fill('Sở Khoa học và Công nghệ thử nghiệm');
    await page.getByLabel('Loại đơn vị').selectOption('agency');
    await page.getByLabel('Đơn vị cấp trên').selectOption('46');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/don-vi' &&
                                 u.searchParams.get('them') === code);
    assert.match(await page.getByRole('status').first().innerText(),
                 new RegExp(`Đã thêm đơn vị “Sở Khoa học và Công nghệ thử nghiệm” \\(mã ${code.replace('.', '\\.')}\\)`));
    const row = page.locator('tr', { hasText: code });
    assert.match(await row.innerText(), /Sở Khoa học và Công nghệ thử nghiệm/);
    assert.match(await row.innerText(), /Thành phố Huế/);
    // Reloading the list (after the redirect) does not post again.
    await page.reload();
    assert.equal(await page.locator('tr', { hasText: code }).count(), 1);
    // And the public organisation tree shows it too.
    await page.goto(url('/don-vi'));
    assert.match(await page.locator('.unit-tree').innerText(),
                 /Sở Khoa học và Công nghệ thử nghiệm/);
    assert.deepEqual(problems, []);
  });

test('a post with a missing required field shows the error summary', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    await page.goto(url('/quan-tri/don-vi/moi'));
    await page.getByLabel('Mã định danh').fill('46.THIEUTEN');
    await page.getByLabel('Loại đơn vị').selectOption('agency');
    await page.getByLabel('Đơn vị cấp trên').selectOption('46');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Có lỗi, vui lòng kiểm tra lại/);
    assert.match(await alert.innerText(), /Nhập tên đơn vị\./);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains(
      'error-summary')), true, 'focus moved to the error summary');
    assert.equal(await page.getByLabel('Tên đơn vị').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Mã định danh').inputValue(), '46.THIEUTEN',
                 'what was typed is kept');
    await alert.getByRole('link', { name: 'Nhập tên đơn vị.' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');
    // Nothing was created.
    await page.goto(url('/quan-tri/don-vi'));
    assert.equal(await page.locator('tr', { hasText: '46.THIEUTEN' }).count(), 0);
  });

test('the administrator creates a user with a role and a unit', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    const username = `e2e${Date.now() % 100000}`;
    await page.goto(url('/quan-tri/nguoi-dung/moi'));
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Họ và tên').fill('Đặng Thị Thử');
    await page.getByLabel('Mật khẩu ban đầu').fill('ThuNghiem@2026');
    await page.getByLabel('Vai trò').selectOption('desk_officer');
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('46.TTPVHCC');
    await page.getByRole('button', { name: 'Tạo người dùng' }).click();
    await page.waitForURL((u) => u.searchParams.get('them') === username);
    const row = page.locator('tr', { hasText: username });
    assert.match(await row.innerText(), /Đặng Thị Thử/);
    assert.match(await row.innerText(), /Công chức Bộ phận Một cửa – Trung tâm Phục vụ hành chính công/);
  });
