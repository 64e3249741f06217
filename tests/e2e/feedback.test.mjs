// Citizens' feedback (PAKN, issue #9): submitted on the public site without an account, handled
// by the desk officer, and the published answer visible on the public page without the sender's
// personal data.
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

const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
const sender = { name: 'Trần Thị Bích Ngọc', phone: '0987654321', email: 'ngoc.e2e@example.vn' };

test('submit → the desk officer answers and publishes → the answer is public, redacted',
  { timeout: 120_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    const title = `Yêu cầu giấy tờ đã bãi bỏ ${Date.now()}`;
    await page.goto(url('/phan-anh-kien-nghi'));
    await page.getByLabel('Cơ quan, đơn vị nhận').selectOption('46.TTPVHCC');
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Nội dung').fill(
      'Bộ phận một cửa yêu cầu nộp bản sao sổ hộ khẩu dù quy định đã bãi bỏ giấy tờ này.');
    await page.getByLabel('Họ và tên').fill(sender.name);
    await page.getByLabel('Số điện thoại').fill(sender.phone);
    await page.getByLabel('Thư điện tử').fill(sender.email);
    // A disguised file (not a PDF) is refused, the typed text kept; a real PDF is accepted.
    await page.getByLabel('Tệp đính kèm').setInputFiles({
      name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf'),
    });
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await page.locator('.error-summary', { hasText: 'gia-mao.pdf' }).waitFor();
    assert.equal(await page.getByLabel('Tiêu đề').inputValue(), title);
    await page.getByLabel('Tệp đính kèm').setInputFiles({
      name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf),
    });
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/phan-anh-kien-nghi/theo-doi'),
      page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click(),
    ]);
    const followUrl = page.url();
    const code = new URL(followUrl).searchParams.get('ma');
    assert.match(code, /^PAKN-46\.TTPVHCC-\d{6}-\d{4}$/);
    assert.match(await page.locator('main').innerText(), /Chờ tiếp nhận/);

    await signIn(page, 'motcua');
    await page.goto(url(`/pakn/${code}`));
    await page.getByRole('heading', { level: 1, name: `Phản ánh, kiến nghị ${code}` }).waitFor();
    // The officer sees the attachment and downloads it (access-checked).
    const link = page.getByRole('link', { name: 'bien-ban.pdf' });
    const href = await link.getAttribute('href');
    assert.equal(href, `/api/v1/feedback/${encodeURIComponent(code)}/attachments/1`);
    const file = await page.request.get(url(href));
    assert.equal(file.status(), 200);
    assert.equal((await file.body()).toString(), pdf);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('da-luu') === '1'),
      page.getByRole('button', { name: 'Tiếp nhận và phân loại' }).click(),
    ]);
    await page.locator('#text-answer').fill(
      `Trả lời bà ${sender.name} (${sender.phone}): sổ hộ khẩu không còn là thành phần hồ sơ.`);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('da-luu') === '1'),
      page.getByRole('button', { name: 'Trả lời', exact: true }).click(),
    ]);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('da-luu') === '1'),
      page.getByRole('button', { name: 'Công khai câu trả lời' }).click(),
    ]);
    assert.match(await page.locator('main').innerText(), /Đã công khai kết quả/);

    await page.goto(url('/phan-anh-kien-nghi'));
    const answer = page.locator('article', { hasText: code });
    await answer.waitFor();
    const text = await answer.innerText();
    assert.match(text, /sổ hộ khẩu không còn là thành phần hồ sơ/);
    assert.match(text, /\[đã ẩn\]/);
    const html = await page.content();
    assert.equal(html.includes('bien-ban.pdf'), false, 'attachments are not public');
    for (const secret of Object.values(sender)) {
      assert.equal(html.includes(secret), false, `${secret} must not be public`);
    }
    await page.goto(followUrl);
    assert.match(await page.locator('main').innerText(), /Đã công khai kết quả/);
    assert.deepEqual(problems, []);
  });

test('every unit on the public organisation tree links to its feedback address',
  { timeout: 60_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await page.goto(url('/don-vi'));
    const link = page.locator('a.unit-feedback[href="/phan-anh-kien-nghi?don-vi=46.SOTP"]');
    await link.click();
    await page.waitForURL((u) => u.pathname === '/phan-anh-kien-nghi');
    assert.equal(await page.getByLabel('Cơ quan, đơn vị nhận').inputValue(), '46.SOTP');
    assert.deepEqual(problems, []);
  });
