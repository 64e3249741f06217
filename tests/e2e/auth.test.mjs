// Sign-in and sign-out through the server-rendered forms.
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

test('a failed sign-in shows the Vietnamese error and stays on the form', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    await page.goto(url('/dang-nhap'));
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('mat-khau-sai');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Tên đăng nhập hoặc mật khẩu không đúng\./);
    assert.equal(new URL(page.url()).pathname, '/dang-nhap');
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'quantri');
    assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password is not echoed');
    // The error summary links to the field it is about.
    await alert.getByRole('link').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
  });

test('signing in as quantri shows the user name; signing out ends the session',
  { timeout: 60_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await signIn(page, 'quantri');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.match(await nav.innerText(), /Nguyễn Văn Quản/);
    assert.equal(await nav.getByRole('link', { name: 'Đăng nhập' }).count(), 0);

    await nav.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(url('/'));
    assert.doesNotMatch(await nav.innerText(), /Nguyễn Văn Quản/);
    await nav.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    assert.deepEqual(problems, []);
  });

test('an anonymous visit to an admin page goes through sign-in and back', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    await page.goto(url('/quan-tri/nguoi-dung'));
    assert.equal(new URL(page.url()).pathname, '/dang-nhap');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/quan-tri/nguoi-dung');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('MotCua@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(url('/quan-tri/nguoi-dung'));
    await page.getByRole('heading', { level: 1, name: 'Quản trị người dùng' }).waitFor();
    assert.match(await page.locator('table').innerText(), /chuyenvien/);
  });
