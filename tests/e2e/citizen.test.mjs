// The citizen's side of a dossier (issue #5), end to end: a new citizen signs up (the code is
// read from the notification outbox file the driver gives motcua: MOTCUA_E2E_OUTBOX), verifies,
// signs in, finds procedure 1.002010, fills the e-form, saves a draft, resumes it and submits
// online; the desk officer (a second browser) asks for a supplement, the citizen supplements
// online, the officers carry the dossier to its result and return it online, and the citizen
// sees it returned. Each step is one async function over the shared `flow`, so the payment,
// upload and rating steps can be inserted between them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, signIn, url } from './helpers.mjs';

const kProcedureCode = '1.002010';
const kProcedure = 'Đăng ký hoạt động của tổ chức hành nghề luật sư';
const kPremises = 'Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.';
const kSupplementReason = 'Thiếu hợp đồng thuê trụ sở có công chứng.';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What the steps share.
const flow = {
  email: `hoa.${Date.now()}@example.vn`,
  idNumber: `0461${String(Date.now()).slice(-8)}`,
  name: 'Lê Thị Hoa',
  password: 'Hoa@Hue2026!',
  draftPath: '',
  code: '',
};

let citizen;  // the citizen's browser
let officer;  // the officers' browser (a separate profile: separate cookies)
before(async () => {
  citizen = await launchBrowser();
  officer = await launchBrowser();
});
after(async () => {
  await citizen?.close();
  await officer?.close();
});

// The newest message of `kind` sent to `to` in the outbox file (the dispatcher runs every 2 s).
async function outboxMessage(to, kind) {
  const path = process.env.MOTCUA_E2E_OUTBOX;
  assert.ok(path, 'MOTCUA_E2E_OUTBOX is set by driver.mjs');
  for (let i = 0; i < 100; ++i) {
    if (existsSync(path)) {
      const found = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
        .filter((m) => m.to === to && m.kind === kind);
      if (found.length > 0) {
        return found[found.length - 1];
      }
    }
    await sleep(200);
  }
  throw new Error(`no ${kind} message to ${to} in ${path}`);
}

async function citizenState() {
  return (await citizen.page.locator('#trang-thai-ho-so').innerText()).trim();
}

// ---- the citizen ---------------------------------------------------------------------------

async function signUp() {
  const { page } = citizen;
  await page.goto(url('/'));
  await page.getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Đăng ký' }).click();
  await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
  await page.getByLabel('Cá nhân', { exact: true }).check();
  await page.getByLabel('Họ và tên (tên tổ chức)').fill(flow.name);
  await page.getByLabel('Số định danh cá nhân (mã số thuế)').fill(flow.idNumber);
  await page.getByLabel('Thư điện tử', { exact: true }).fill(flow.email);
  await page.getByLabel('Số điện thoại', { exact: true }).fill('0905111222');
  await page.getByLabel('Địa chỉ', { exact: true }).fill('3 Hùng Vương, phường Thuận Hóa, thành phố Huế');
  await page.locator('#password').fill(flow.password);
  await page.getByLabel('Nhập lại mật khẩu').fill('not the same');
  await page.getByLabel('Qua thư điện tử').check();
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  // A mismatch comes back next to its field, the other values kept.
  await page.getByRole('alert').waitFor();
  assert.match(await page.locator('#password_confirm-error').innerText(),
               /Mật khẩu nhập lại không khớp\./);
  assert.equal(await page.getByLabel('Thư điện tử', { exact: true }).inputValue(), flow.email);
  await page.locator('#password').fill(flow.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(flow.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/dang-ky/xac-thuc'),
    page.getByRole('button', { name: 'Đăng ký' }).click(),
  ]);
  assert.match(await page.getByRole('status').first().innerText(),
               /Mã xác thực gồm 6 chữ số đã được gửi tới thư điện tử của bạn\./);
}

async function verify() {
  const { page } = citizen;
  const message = await outboxMessage(flow.email, 'verification');
  const code = /\b(\d{6})\b/.exec(message.message)?.[1];
  assert.ok(code, `a 6-digit code in "${message.message}"`);
  assert.equal(await page.getByLabel('Tài khoản (thư điện tử hoặc số điện thoại)').inputValue(),
               flow.email);
  await page.getByLabel('Mã xác thực').fill('000000');
  await page.getByRole('button', { name: 'Xác thực' }).click();
  await page.getByText('Mã xác thực không đúng hoặc đã hết hạn.').first().waitFor();
  await page.getByLabel('Mã xác thực').fill(code);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/dang-nhap'),
    page.getByRole('button', { name: 'Xác thực' }).click(),
  ]);
  assert.match(await page.getByRole('status').first().innerText(),
               /Tài khoản đã được kích hoạt\. Mời bạn đăng nhập\./);
}

async function citizenSignsIn() {
  const { page } = citizen;
  await page.getByLabel('Tên đăng nhập').fill(flow.email);
  await page.getByLabel('Mật khẩu').fill(flow.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/cong-dan'),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
  assert.match(await page.getByRole('status').first().innerText(), /Tài khoản đã được kích hoạt/);
}

async function findProcedure() {
  const { page } = citizen;
  await page.getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Dịch vụ công' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến' }).waitFor();
  await page.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill(kProcedureCode);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === kProcedureCode);
  await Promise.all([
    page.waitForURL((u) => u.pathname === `/dich-vu-cong/${kProcedureCode}`),
    page.getByRole('link', { name: new RegExp(`^Nộp hồ sơ trực tuyến\\W+${kProcedure}$`) }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
}

async function fillEformAndSaveDraft() {
  const { page } = citizen;
  // Pre-filled from the account; the settling unit from the published agency.
  assert.equal(await page.getByLabel('Họ tên người nộp (tên tổ chức)').inputValue(), flow.name);
  assert.equal(await page.getByLabel('Số định danh cá nhân (mã số doanh nghiệp)').inputValue(),
               flow.idNumber);
  assert.equal(await page.getByRole('combobox', { name: /^Cơ quan giải quyết/ }).inputValue(),
               '46.SOTP');
  const boxes = page.locator('table.eform-components input[type="checkbox"]');
  assert.equal(await boxes.count(), 3, 'one row per required component');
  // The premises document will come later: the desk will ask for it.
  await page.getByLabel(kPremises, { exact: true }).uncheck();
  await page.getByLabel('Ghi chú gửi Bộ phận Một cửa').fill('Xin nhận kết quả trực tuyến.');
  await Promise.all([
    page.waitForURL((u) => /^\/cong-dan\/nhap\/\d+$/.test(u.pathname)),
    page.getByRole('button', { name: 'Lưu nháp' }).click(),
  ]);
  flow.draftPath = new URL(page.url()).pathname;
  assert.match(await page.getByRole('status').first().innerText(), /Đã lưu bản nháp\./);
}

async function resumeDraft() {
  const { page } = citizen;
  await page.goto(url('/cong-dan'));
  const drafts = page.locator('section', { has: page.getByRole('heading', { name: 'Bản nháp' }) });
  await Promise.all([
    page.waitForURL((u) => u.pathname === flow.draftPath),
    drafts.getByRole('link', { name: kProcedure }).click(),
  ]);
  assert.equal(await page.getByLabel(kPremises, { exact: true }).isChecked(), false,
               'the untick was saved');
  assert.equal(await page.getByLabel('Ghi chú gửi Bộ phận Một cửa').inputValue(),
               'Xin nhận kết quả trực tuyến.');
  assert.equal(await page.locator('.upload[data-upload-url]').count(), 3,
               'an upload control per component of a saved draft');
}

// A small PDF (the server sniffs the bytes, not the name).
const kPdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
// PNG bytes declared as a PDF: refused as mislabelled.
const kPngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function uploadToDraft() {
  const { page } = citizen;
  const first = page.locator('.upload[data-upload-url]').first();
  // A mislabelled file is refused with a message, nothing attached.
  await first.locator('input[type="file"]').setInputFiles(
    { name: 'anh-chup.pdf', mimeType: 'application/pdf', buffer: kPngBytes });
  await first.locator('.upload-status').filter({ hasText: /định dạng|không khớp|không đúng|không được/i })
    .waitFor();
  assert.equal(await page.getByText('Đã đính kèm: anh-chup.pdf').count(), 0);
  // The browser logs the refused request (415) as a console error: expected here, not a fault.
  const refused = citizen.problems.filter((p) => /anh-chup\.pdf: HTTP 415/.test(p));
  assert.equal(refused.length, 1, JSON.stringify(citizen.problems));
  citizen.problems.splice(0, citizen.problems.length,
                          ...citizen.problems.filter((p) => !refused.includes(p)));
  // A real PDF is attached; the page reloads and lists it.
  await Promise.all([
    page.waitForEvent('load'),
    first.locator('input[type="file"]').setInputFiles(
      { name: 'don-de-nghi.pdf', mimeType: 'application/pdf', buffer: kPdf }),
  ]);
  await page.getByText('Đã đính kèm: don-de-nghi.pdf').waitFor();
}

async function submitOnline() {
  const { page } = citizen;
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith('/cong-dan/ho-so/')),
    page.getByRole('button', { name: 'Nộp hồ sơ' }).click(),
  ]);
  flow.code = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]);
  assert.match(flow.code, /^[0-9A-Z.]+-\d{6}-\d{4}$/);
  assert.equal(await citizenState(), 'Đã nộp, chờ tiếp nhận');
  assert.match(await page.getByRole('status').first().innerText(),
               new RegExp(`Đã nộp hồ sơ ${flow.code.replaceAll('.', '\\.')}`));
  assert.match(await page.locator('.facts').innerText(),
               /Cơ quan giải quyết\s+Sở Tư pháp thành phố Huế/);
  assert.equal(await page.getByRole('link', { name: 'Thanh toán phí, lệ phí' }).getAttribute('href'),
               `/cong-dan/ho-so/${flow.code}/thanh-toan`, 'the procedure has a fee');
  await page.goto(url('/cong-dan'));
  await page.getByRole('link', { name: flow.code }).waitFor();
  await page.getByText('Không có bản nháp nào.').waitFor();
}

async function citizenSupplements() {
  const { page } = citizen;
  await page.goto(url(`/cong-dan/ho-so/${flow.code}`));
  assert.equal(await citizenState(), 'Chờ bổ sung hồ sơ');
  assert.match(await page.locator('.supplement-reason').innerText(),
               new RegExp(`Nội dung cần bổ sung: ${kSupplementReason.replaceAll('.', '\\.')}`));
  // Sending without ticking is refused.
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await citizenState(), 'Chờ bổ sung hồ sơ');
  await page.getByLabel(kPremises, { exact: true }).check();
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('bo-sung') === '1'),
    page.getByRole('button', { name: 'Gửi bổ sung' }).click(),
  ]);
  assert.equal(await citizenState(), 'Đã nộp, chờ tiếp nhận');
}

async function payOnline() {
  const { page } = citizen;
  await page.goto(url(`/cong-dan/ho-so/${flow.code}/thanh-toan`));
  assert.equal((await page.locator('#payment-state').innerText()).trim(), 'Chưa thanh toán');
  const sandbox = process.env.MOTCUA_E2E_SANDBOX_URL;
  assert.ok(sandbox, 'the driver runs the payment sandbox');
  await Promise.all([
    page.waitForURL((u) => u.origin === new URL(sandbox).origin && u.pathname === '/pay'),
    page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click(),
  ]);
  assert.match(await page.locator('#order-ref').innerText(), /\S+/);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/cong-dan/thanh-toan/ket-qua'),
    page.getByRole('button', { name: 'Thanh toán', exact: true }).click(),
  ]);
  assert.equal((await page.locator('#payment-outcome').innerText()).trim(), 'Thanh toán thành công');
  await page.goto(url(`/cong-dan/ho-so/${flow.code}/thanh-toan`));
  assert.equal((await page.locator('#payment-state').innerText()).trim(), 'Đã thanh toán');
  // A forged confirmation (wrong signature) is refused and changes nothing.
  const forged = await fetch(url('/api/v1/payments/callback'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'order_ref=FAKE&amount=1&status=paid&txn=X&signature=00',
  });
  assert.ok(forged.status >= 400 && forged.status < 500, `forged callback → ${forged.status}`);
}

async function officerUploadsResult() {
  await officerAs('motcua');
  const { page } = officer;
  await page.goto(url(`/ho-so/${flow.code}/tai-lieu`));
  await page.locator('#ket-qua-ten').fill('Giấy đăng ký hoạt động số 7/TP-ĐKHĐ');
  await page.locator('#ket-qua-tep').setInputFiles(
    { name: 'giay-dang-ky.pdf', mimeType: 'application/pdf', buffer: kPdf });
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Tải lên kết quả' }).click(),
  ]);
  await page.getByRole('link', { name: 'giay-dang-ky.pdf' }).waitFor();
}

async function citizenSeesHoldings() {
  const { page } = citizen;
  await page.goto(url('/cong-dan/kho-du-lieu'));
  await page.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Giấy đăng ký hoạt động số 7\/TP-ĐKHĐ/);
  // The draft's attachment travelled with the dossier.
  await page.goto(url(`/ho-so/${flow.code}/tai-lieu`));
  await page.getByRole('link', { name: 'don-de-nghi.pdf' }).waitFor();
}

async function citizenRates() {
  const { page } = citizen;
  await page.goto(url(`/cong-dan/ho-so/${flow.code}/danh-gia`));
  await page.getByLabel('Rất hài lòng').check();
  await page.getByLabel(/liên hệ bao nhiêu lần/).fill('1');
  await page.getByLabel(/^Không phải đến cơ quan nào/).check();
  await page.locator('#complaint-0').check();
  await page.getByLabel('Góp ý').fill('Nộp trực tuyến thuận tiện.');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.getByRole('heading', { name: 'Đánh giá đã ghi nhận' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Nộp trực tuyến thuận tiện\./);
  assert.equal(await page.getByRole('button', { name: 'Gửi đánh giá' }).count(), 0,
               'rated once');
}

async function citizenSeesReturned() {
  const { page, problems } = citizen;
  await page.goto(url(`/cong-dan/ho-so/${flow.code}`));
  assert.equal(await citizenState(), 'Đã trả kết quả');
  const actions = await page.locator('.timeline .timeline-action').allInnerTexts();
  assert.deepEqual(actions, [
    'Nộp hồ sơ trực tuyến',
    'Tiếp nhận hồ sơ',
    'Nhận hồ sơ bổ sung',
    'Tiếp nhận hồ sơ',
    'Chuyển hồ sơ đến cơ quan giải quyết',
    'Hoàn thành bước xử lý',
    'Phê duyệt',
    'Ban hành kết quả',
    'Trả kết quả',
  ]);
  const timeline = await page.locator('.timeline').innerText();
  assert.match(timeline, new RegExp(kSupplementReason.replaceAll('.', '\\.')),
               'the reason addressed to the applicant is shown');
  assert.doesNotMatch(timeline, /Ý kiến nội bộ/, 'officers\' notes stay internal');
  assert.doesNotMatch(timeline, /Hoàng Văn Chuyên/, 'officers are not named');
  assert.match(await page.locator('.facts').innerText(), /Kết quả\s+Giấy đăng ký hoạt động số 7/);
  assert.equal(await page.getByRole('link', { name: 'Đánh giá' }).getAttribute('href'),
               `/cong-dan/ho-so/${flow.code}/danh-gia`);
  assert.equal(await page.getByRole('link', { name: 'Giấy tờ, tệp đính kèm' }).first()
    .getAttribute('href'), `/ho-so/${flow.code}/tai-lieu`);
  await page.screenshot({ path: join(artifactsDir, 'citizen-dossier-returned.png'),
                          fullPage: true });
  await page.goto(url('/cong-dan'));
  const row = page.locator('tr', { has: page.getByRole('link', { name: flow.code }) });
  assert.match(await row.innerText(), /Đã trả kết quả/);
  assert.deepEqual(problems, [], 'no console errors (CSP, scripts) for the citizen');
}

// ---- the officers ------------------------------------------------------------------------------

async function officerAs(username) {
  await officer.context.clearCookies();
  await signIn(officer.page, username);
}

// Opens the action form `label` on the officer's dossier page, lets `fill` complete it, submits.
async function act(label, fill = async () => {}) {
  const { page } = officer;
  await page.goto(url(`/ho-so/${flow.code}`));
  const form = page.locator('details.action', {
    has: page.locator('summary', { hasText: new RegExp(`^${label}$`) }),
  });
  if (!(await form.evaluate((d) => d.open))) {
    await form.locator('summary').click();
  }
  await fill(form);
  await Promise.all([
    page.waitForURL((u) => u.pathname === `/ho-so/${flow.code}` && u.searchParams.has('xong')),
    form.getByRole('button', { name: label, exact: true }).click(),
  ]);
}

async function officerState() {
  return (await officer.page.locator('#trang-thai-ho-so').innerText()).trim();
}

async function deskRequestsSupplement() {
  await officerAs('motcua');
  const { page } = officer;
  await page.goto(url('/ho-so?hop=to_receive'));
  await page.getByRole('link', { name: flow.code }).waitFor();
  await act('Tiếp nhận hồ sơ', async (form) => {
    await form.getByLabel(/^Thiếu: lập phiếu yêu cầu bổ sung/).check();
    assert.equal(await form.getByLabel(kPremises).isChecked(), false,
                 'the component the citizen did not attach is not ticked');
    await form.getByLabel('Lý do (khi yêu cầu bổ sung hoặc từ chối)').fill(kSupplementReason);
  });
  assert.equal(await officerState(), 'Chờ bổ sung hồ sơ');
}

async function deskReceivesComplete() {
  const { page } = officer;
  await page.goto(url(`/ho-so/${flow.code}`));
  assert.equal(await officerState(), 'Đã nộp, chờ tiếp nhận');
  await act('Tiếp nhận hồ sơ', async (form) => {
    await form.getByLabel(/^Đủ: tiếp nhận/).check();
  });
  assert.equal(await officerState(), 'Đã tiếp nhận');
}

async function officersSettleAndReturnOnline() {
  await act('Chuyển hồ sơ đến cơ quan giải quyết');
  assert.equal(await officerState(), 'Đang giải quyết');
  await officerAs('chuyenvien');
  await act('Hoàn thành bước xử lý', async (form) => {
    await form.getByLabel('Ý kiến, kết quả xử lý').fill('Ý kiến nội bộ: đủ điều kiện.');
  });
  await officerAs('lanhdaostp');
  await act('Phê duyệt');
  assert.equal(await officerState(), 'Đã phê duyệt');
  await officerAs('chuyenvien');
  await act('Ban hành kết quả', async (form) => {
    await form.getByLabel('Số, ngày và trích yếu kết quả')
      .fill('Giấy đăng ký hoạt động số 7/TP-ĐKHĐ');
  });
  assert.equal(await officerState(), 'Chờ trả kết quả');
  await officerAs('motcua');
  await act('Trả kết quả', async (form) => {
    await form.getByLabel('Trực tuyến').check();
  });
  assert.equal(await officerState(), 'Đã trả kết quả');
}

// ---- the scenario --------------------------------------------------------------------------

test('a citizen signs up, submits online, supplements and receives the result',
  { timeout: 240_000 }, async () => {
    citizen.resetProblems();
    officer.resetProblems();
    const steps = [
      signUp,
      verify,
      citizenSignsIn,
      findProcedure,
      fillEformAndSaveDraft,
      resumeDraft,
      uploadToDraft,
      submitOnline,
      deskRequestsSupplement,
      citizenSupplements,
      deskReceivesComplete,
      payOnline,
      officersSettleAndReturnOnline,
      officerUploadsResult,
      citizenSeesReturned,
      citizenSeesHoldings,
      citizenRates,
    ];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        await citizen.page.screenshot({ path: join(artifactsDir, `citizen-${step.name}.png`),
                                        fullPage: true }).catch(() => {});
        error.message = `step ${step.name}: ${error.message}`;
        throw error;
      }
    }
    assert.deepEqual(officer.problems, [], 'no console errors for the officers');
  });

test('another citizen cannot open the dossier', { timeout: 60_000 }, async () => {
  assert.ok(flow.code, 'the first scenario made a dossier');
  const other = await launchBrowser();
  try {
    await signIn(other.page, 'congdan');
    const response = await other.page.goto(url(`/cong-dan/ho-so/${flow.code}`));
    assert.equal(response.status(), 404);
    await other.page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    const body = await other.page.locator('main').innerText();
    assert.doesNotMatch(body, new RegExp(flow.name));
    assert.doesNotMatch(body, new RegExp(flow.idNumber));
  } finally {
    await other.close();
  }
});
