// The officer console (issue #4): a walk-in dossier received at the provincial centre and
// settled by the Department of Justice, through every hand-over to its return; and a dossier
// returned for supplement after appraisal, whose deadline restarts. Each officer signs in with
// the demo accounts (src/app/seed.cpp).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, signIn, url } from './helpers.mjs';

const kProcedure = 'Đăng ký hoạt động của tổ chức hành nghề luật sư';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// Signs in as `username` in a fresh session.
async function as(username) {
  await browser.context.clearCookies();
  await signIn(browser.page, username);
}

// The desk receives a walk-in dossier of 1.002010 for Sở Tư pháp; returns its code.
async function receiveWalkIn(applicant) {
  const { page } = browser;
  await page.goto(url('/ho-so/tiep-nhan'));
  await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
  // Type-ahead over the catalogue (htmx), then pick the procedure: its components load.
  await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('1.002010');
  const suggestion = page.locator('#goi-y').getByRole('link', { name: kProcedure, exact: true });
  await suggestion.waitFor();
  await suggestion.click();
  await page.locator('#thu-tuc-chon').getByRole('heading', { name: 'Thủ tục đã chọn' }).waitFor();
  assert.equal(await page.locator('#thu-tuc-chon input[name="procedure_code"]').inputValue(),
               '1.002010');
  assert.equal(await page.locator('#goi-y').innerText(), '', 'the suggestions are cleared');
  await page.waitForURL((u) => u.searchParams.get('thu-tuc') === '1.002010');
  const boxes = page.locator('#thu-tuc-chon table.checklist input[type="checkbox"]');
  assert.equal(await boxes.count(), 3, 'three required components');
  for (const box of await boxes.all()) {
    assert.equal(await box.isChecked(), true, 'every component ticked by default');
  }
  await page.getByLabel('Cơ quan giải quyết').selectOption('46.SOTP');
  await page.getByLabel('Trực tiếp tại bộ phận một cửa').check();
  await page.getByLabel('Họ tên người nộp (tên tổ chức)').fill(applicant);
  await page.getByLabel('Số định danh cá nhân (mã số doanh nghiệp)').fill('046090001234');
  await page.getByLabel('Số điện thoại').fill('0905123456');
  await page.getByLabel('Địa chỉ').fill('12 Lê Lợi, phường Thuận Hóa, thành phố Huế');
  await page.getByLabel(/^Đủ: tiếp nhận/).check();
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith('/ho-so/46.TTPVHCC-') &&
                           u.searchParams.get('tiep-nhan') === '1'),
    page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click(),
  ]);
  const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  assert.match(code, /^46\.TTPVHCC-\d{6}-\d{4}$/);
  assert.match(await page.getByRole('status').first().innerText(),
               new RegExp(`Đã tiếp nhận hồ sơ ${code.replaceAll('.', '\\.')}`));
  return code;
}

async function state() {
  return (await browser.page.locator('#trang-thai-ho-so').innerText()).trim();
}

// Opens the action form `label` on the dossier page, lets `fill` complete it, submits it and
// waits for the page to come back with the confirmation.
async function act(code, label, fill = async () => {}) {
  const { page } = browser;
  await page.goto(url(`/ho-so/${code}`));
  const form = page.locator('details.action', {
    has: page.locator('summary', { hasText: new RegExp(`^${label}$`) }),
  });
  if (!(await form.evaluate((d) => d.open))) {
    await form.locator('summary').click();
  }
  await fill(form);
  await Promise.all([
    page.waitForURL((u) => u.pathname === `/ho-so/${code}` && u.searchParams.has('xong')),
    form.getByRole('button', { name: label, exact: true }).click(),
  ]);
  assert.match(await page.getByRole('status').first().innerText(),
               new RegExp(`Đã thực hiện “${label}”`));
}

async function timelineActions() {
  return browser.page.locator('.timeline .timeline-action').allInnerTexts();
}

test('a walk-in dossier goes from the desk to the Department of Justice and back',
  { timeout: 120_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await as('motcua');
    const code = await receiveWalkIn('Nguyễn Văn An');
    assert.equal(await state(), 'Đã tiếp nhận');
    assert.match(await page.locator('.facts').first().innerText(),
                 /Cơ quan giải quyết\s+Sở Tư pháp thành phố Huế/);
    assert.match(await page.locator('#han-giai-quyet').innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // Print links for the forms of the rule set.
    assert.equal(await page.getByRole('link', { name: 'PDF mẫu số 01' }).getAttribute('href'),
                 `/api/v1/dossiers/${code}/forms/receipt.pdf`);
    // The desk's inbox lists it to transfer.
    await page.goto(url('/ho-so?hop=to_transfer'));
    await page.getByRole('link', { name: code }).waitFor();

    await act(code, 'Chuyển hồ sơ đến cơ quan giải quyết');
    assert.equal(await state(), 'Đang giải quyết');
    assert.match(await page.locator('.dossier-status').innerText(), /Bước: Thẩm định hồ sơ/);

    await as('chuyenvien');
    await page.goto(url('/ho-so'));
    assert.equal(await page.locator('.tabs [aria-current="page"]').innerText(), 'Đang xử lý');
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(url(`/ho-so/${code}`));
    await act(code, 'Hoàn thành bước xử lý', async (form) => {
      await form.getByLabel('Ý kiến, kết quả xử lý').fill('Hồ sơ đủ điều kiện, đề xuất cấp giấy.');
    });
    assert.equal(await state(), 'Đang giải quyết');
    assert.match(await page.locator('.dossier-status').innerText(), /Bước: Lãnh đạo xem xét/);

    await as('lanhdaostp');
    await page.goto(url('/ho-so?hop=to_approve'));
    await page.getByRole('link', { name: code }).waitFor();
    await act(code, 'Phê duyệt');
    assert.equal(await state(), 'Đã phê duyệt');

    await as('chuyenvien');
    await act(code, 'Ban hành kết quả', async (form) => {
      await form.getByLabel('Số, ngày và trích yếu kết quả')
        .fill('Giấy đăng ký hoạt động số 12/TP-ĐKHĐ');
    });
    assert.equal(await state(), 'Chờ trả kết quả');

    await as('motcua');
    await page.goto(url('/ho-so?hop=to_return'));
    await page.getByRole('link', { name: code }).waitFor();
    await act(code, 'Trả kết quả', async (form) => {
      await form.getByLabel('Trực tiếp tại bộ phận một cửa').check();
    });
    assert.equal(await state(), 'Đã trả kết quả');
    assert.deepEqual(await timelineActions(), [
      'Tiếp nhận hồ sơ',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Hoàn thành bước xử lý',
      'Phê duyệt',
      'Ban hành kết quả',
      'Trả kết quả',
    ]);
    const items = page.locator('.timeline .timeline-item');
    assert.match(await items.nth(0).innerText(), /Phạm Thị Thu/);
    assert.match(await items.nth(2).innerText(), /Hoàng Văn Chuyên/);
    assert.match(await items.nth(2).innerText(), /Hồ sơ đủ điều kiện, đề xuất cấp giấy\./);
    assert.match(await items.nth(3).innerText(), /Đặng Văn Tư/);
    assert.match(await items.nth(3).locator('.timeline-states').innerText(),
                 /Đang giải quyết → Đã phê duyệt/);
    assert.match(await items.nth(4).locator('.timeline-states').innerText(),
                 /Đã phê duyệt → Chờ trả kết quả/);
    assert.match(await items.nth(5).innerText(),
                 /Hình thức trả kết quả\s+Trực tiếp tại bộ phận một cửa/);
    assert.match(await page.locator('.facts').first().innerText(),
                 /Kết quả\s+Kết quả: Giấy đăng ký hoạt động số 12\/TP-ĐKHĐ/);
    assert.match(await page.locator('#thao-tac').locator('..').innerText(), /Hồ sơ đã kết thúc\./);
    await page.screenshot({ path: join(artifactsDir, 'dossier-returned.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console errors (CSP, scripts)');
  });

test('a dossier returned for supplement after appraisal restarts its deadline',
  { timeout: 120_000 }, async () => {
    const { page, problems } = browser;
    browser.resetProblems();
    await as('motcua');
    const code = await receiveWalkIn('Trần Thị Bình');
    await act(code, 'Chuyển hồ sơ đến cơ quan giải quyết');

    await as('chuyenvien');
    await act(code, 'Trả lại để bổ sung sau thẩm định', async (form) => {
      await form.getByLabel('Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.').check();
      await form.getByLabel('Nội dung cần bổ sung, hoàn thiện')
        .fill('Hợp đồng thuê trụ sở chưa được công chứng.');
    });
    assert.equal(await state(), 'Trả lại để bổ sung sau thẩm định');
    assert.match(await page.locator('table').first().innerText(), /Còn thiếu/);

    await as('motcua');
    await page.goto(url('/ho-so?hop=supplement'));
    await page.getByRole('link', { name: code }).waitFor();
    await act(code, 'Nhận hồ sơ bổ sung', async (form) => {
      const box = form.getByLabel('Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.');
      assert.equal(await box.isChecked(), true, 'the missing component is offered ticked');
    });
    assert.equal(await state(), 'Đang giải quyết');
    const items = page.locator('.timeline .timeline-item');
    const last = items.last();
    assert.match(await last.locator('.timeline-action').innerText(), /^Nhận hồ sơ bổ sung$/);
    assert.match(await last.locator('.timeline-states').innerText(),
                 /Trả lại để bổ sung sau thẩm định → Đang giải quyết/);
    // The settlement time restarts from the supplement: the header shows the new start and the
    // new legal deadline the event set.
    const restart = await last.locator('dt', { hasText: 'Thời hạn giải quyết tính lại từ đầu, từ' })
      .locator('xpath=following-sibling::dd').innerText();
    const due = await last.locator('dt', { hasText: /^Hạn giải quyết$/ })
      .locator('xpath=following-sibling::dd').innerText();
    assert.equal(await page.locator('#bat-dau-tinh').innerText(), restart);
    assert.equal(await page.locator('#han-giai-quyet').innerText(), due);
    assert.match(await items.nth(2).innerText(), /Hợp đồng thuê trụ sở chưa được công chứng\./);
    assert.match(await page.locator('table').first().innerText(), /Đã nộp/);
    assert.doesNotMatch(await page.locator('table').first().innerText(), /Còn thiếu/);
    await page.screenshot({ path: join(artifactsDir, 'dossier-supplement.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no console errors (CSP, scripts)');
  });

test('a second submit of the intake form makes no second dossier', { timeout: 60_000 },
  async () => {
    const { page } = browser;
    await as('motcua');
    await page.goto(url('/ho-so/tiep-nhan?thu-tuc=1.002010'));
    await page.getByLabel('Họ tên người nộp (tên tổ chức)').fill('Lê Văn Cường');
    // Send the same form twice, as a double click or a resend would.
    const body = await page.evaluate(() => new URLSearchParams(
      new FormData(document.querySelector('form.intake-form'))).toString());
    const send = () => page.evaluate((b) => fetch('/ho-so/tiep-nhan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: b,
      redirect: 'manual',
    }).then((r) => r.type), body);
    await send();
    await send();
    await page.goto(url(`/ho-so?hop=all&q=${encodeURIComponent('Lê Văn Cường')}`));
    assert.equal(await page.locator('tbody tr', { hasText: 'Lê Văn Cường' }).count(), 1);
  });
