/**
 * The inspection console in a real browser (Debian's Chromium), against the real service on the
 * embedded stores: signing in, the dashboard, the history with the integrity badge before and after
 * the SQLite file is tampered with, a report sent through the form, a refusal in Vietnamese, and
 * axe-core on every page. A screenshot of every page goes to browser-screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { editFigure, tamperWith } from '../integrity/tamper-helpers';
import { listenOnLoopback } from '../support/http-client';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';
import { buildConsole, describeWithBrowser, launchChromium, screenshot, seriousAxeViolations } from './browser';

const REPORTER_BHXH = KEYS.reporter('bao-hiem-xa-hoi-thanh-pho');

// A browser, axe-core over a page of 50 rows and a machine shared with other work: minutes, not Jest's 30 s.
jest.setTimeout(180_000);

describeWithBrowser('the inspection console in Chromium (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildConsole();
    t = await startTestApp();
    base = (await listenOnLoopback(t)).baseUrl;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    // Far from Hạ Long on purpose: the console must show Vietnam time whatever the browser's zone.
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'America/New_York' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      // A refusal the console shows in words is still logged by the browser as a failed load: not an error of the page.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function signIn(key: string): Promise<void> {
    await page.goto(`${base}/`);
    await page.getByLabel('Khóa API').fill(key);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
  }

  it('signs an inspector in and shows who they are, keeping the key for the tab only', async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/console/`);
    await screenshot(page, '01-sign-in');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Khóa API').fill('not-a-key');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Khóa API hoặc mã JWT không đúng, hoặc đã hết hạn. Hãy đăng nhập lại.').waitFor();
    await signIn(KEYS.inspector);
    await page.getByRole('link', { name: /Kiểm tra viên – Cơ quan Ủy ban Kiểm tra/ }).waitFor();
    expect(await page.evaluate('[sessionStorage.length, localStorage.length, document.cookie]')).toEqual([1, 0, '']);
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.locator('#main').getByText('Kiểm tra viên', { exact: true }).waitFor();
    await screenshot(page, '07-account');
  });

  it('lists the 20 key indicators on the dashboard, with the figures the API gives', async () => {
    await t.post('/indicators/ind-12/progress-reports', { metric: 'health_insurance_coverage', period: '2021-Q1', value: 93.125 }, REPORTER_BHXH).expect(201);
    await signIn(KEYS.inspector);
    const rows = page.locator('section[aria-labelledby="indicators-heading"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    const numbers = await rows.locator('td.col-number').allTextContents();
    expect(numbers.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const row12 = page.locator('tr[data-indicator="ind-12"]');
    expect(await row12.textContent()).toContain('93,125%');
    expect(await row12.textContent()).toContain('Từ 97% trở lên');
    await screenshot(page, '02-dashboard');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Tình trạng', { exact: true }).selectOption('at_risk');
    await page.locator('tr[data-indicator="ind-01"]').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-indicator')).toBe('ind-12');
  });

  it("shows an entry created through the API in the history, with its reason and decision reference, and the chain's integrity", async () => {
    // Recorded two weeks after the seed, so that the indicator as it stood in between can be asked for.
    t.clock.set('2021-08-03T02:00:00Z');
    await t
      .post('/indicators/ind-05/reassignments', { toUnitId: 'phong-kinh-te', reason: 'Giao theo chức năng quản lý ngành', decisionRef: '318/QĐ-UBND' }, KEYS.coordinator)
      .expect(201);
    await signIn(KEYS.inspector);
    await page.goto(`${base}/console/indicators/ind-05/history`);
    const entry = page.locator('tr', { hasText: 'Giao theo chức năng quản lý ngành' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Văn bản: 318/QĐ-UBND');
    expect(await entry.textContent()).toContain('Phân công lại');
    // Who: the unit and the role the coordinator acted in.
    await entry.getByText('Điều phối').waitFor();
    expect(await entry.textContent()).toContain('Văn phòng Thành ủy');
    await page.locator('[data-integrity="valid"]').waitFor();
    // As it stood on 25 July 2021 (typed the Vietnamese way, in Vietnam time): still with its first unit.
    await page.getByLabel('Ngày', { exact: true }).fill('25/07/2021');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const asOf = page.locator('.as-of-result');
    await asOf.waitFor();
    expect(await asOf.textContent()).toContain('Tại 25/07/2021 23:59: phiên bản 0, đơn vị phụ trách Phòng Tài chính - Kế hoạch');
    await screenshot(page, '04-history');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('lets a reporter send a report through the form, and shows a refused figure in Vietnamese next to its field', async () => {
    await signIn(REPORTER_BHXH);
    await page.goto(`${base}/console/indicators/ind-12`);
    const form = page.locator('form[aria-labelledby="report-heading"]');
    await form.waitFor();
    await form.getByLabel('Kỳ báo cáo').selectOption('2021-Q2');
    await form.getByLabel(/^Số liệu/).fill('140');
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const refusal = form.getByText('Giá trị không phù hợp với đơn vị đo của mục tiêu. Tỷ lệ phần trăm phải từ 0 đến 100.');
    await refusal.waitFor();
    expect(await form.getByLabel(/^Số liệu/).getAttribute('aria-describedby')).toContain(await refusal.getAttribute('id'));
    expect(await page.content()).not.toContain('VALUE_OUT_OF_RANGE');
    await screenshot(page, '03b-indicator-refused');
    await form.getByLabel(/^Số liệu/).fill('94,2');
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await form.getByText(/Đã ghi báo cáo vào sổ cái/).waitFor();
    const { body } = await t.get('/progress-reports?indicatorId=ind-12&period=2021-Q2').expect(200);
    expect(body.items).toEqual([expect.objectContaining({ value: 94.2, reportedBy: expect.objectContaining({ unitId: 'bao-hiem-xa-hoi-thanh-pho' }) })]);
    await page.locator('table.reports-table').getByText('94,2%').waitFor();
    await screenshot(page, '03-indicator');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows the audit log, its digest and the units without serious accessibility violations', async () => {
    await signIn(KEYS.inspector);
    await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
    const digest = page.locator('[data-digest]');
    await digest.waitFor();
    const value = await digest.getAttribute('data-digest');
    const position = await page.locator('dt:has-text("Vị trí") + dd').textContent();
    await page.getByRole('textbox', { name: 'Mã tổng hợp', exact: true }).fill(value!);
    await page.getByRole('textbox', { name: 'Vị trí', exact: true }).fill(position!);
    await page.getByRole('button', { name: 'Đối chiếu' }).click();
    await page.getByText(/Khớp: sổ cái đến vị trí/).waitFor();
    await screenshot(page, '06-audit');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: 'Đơn vị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
    await page.locator('.unit-card').first().waitFor();
    await screenshot(page, '08-units');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('is usable with the keyboard alone: from the skip link to an indicator page', async () => {
    await signIn(KEYS.inspector);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Bỏ qua, tới nội dung chính');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const text = (await page.evaluate('document.activeElement?.textContent ?? ""')) as string;
      if (text.startsWith('Tỷ lệ tổ chức cơ sở đảng')) break;
    }
    await page.keyboard.press('Enter');
    // A page reached by navigating puts the focus on its title, so that it is announced and Tab goes on from there.
    await page.getByRole('heading', { level: 1, name: /^Chỉ tiêu 1:/ }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
  });

  it('shows the quarterly review and lets the standing committee approve it, then checks it against the ledger', async () => {
    await signIn(KEYS.standingCommittee);
    await page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: 'Sơ kết' }).click();
    await page.getByRole('link', { name: 'Quý II/2021' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sơ kết Quý II/2021' }).waitFor();
    await page.getByText('Bản nháp').waitFor();
    const form = page.locator('form[aria-labelledby="approve-heading"]');
    await form.getByRole('button', { name: 'Phê duyệt' }).click();
    await form.getByText('Cần ghi số hiệu văn bản quyết định.').waitFor();
    await form.getByLabel('Số hiệu văn bản').fill('215-TB/TU');
    await form.getByLabel('Ngày họp (không bắt buộc)').fill('15/07/2021');
    await form.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.getByRole('heading', { level: 2, name: 'Đã phê duyệt' }).waitFor();
    await page.getByRole('button', { name: 'Đối chiếu với sổ cái' }).click();
    await page.getByText('Báo cáo đã phê duyệt khớp với sổ cái hôm nay.').waitFor();
    await screenshot(page, '09-review');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  // Last: the tampered store stays broken for the rest of the suite.
  it('turns the integrity badge red, naming the revision, once the SQLite file is tampered with', async () => {
    await t.post('/indicators/ind-13/progress-reports', { metric: 'poor_households_reduced_share', period: '2021-Q1', value: 50 }, KEYS.coordinator).expect(201);
    await signIn(KEYS.inspector);
    await page.goto(`${base}/console/indicators/ind-13/history`);
    await page.locator('[data-integrity="valid"]').waitFor();
    tamperWith(t, editFigure(1, 75), 'indicator-ind-13');
    await page.reload();
    const broken = page.locator('[data-integrity="broken"]');
    await broken.waitFor();
    expect(await broken.textContent()).toContain('Chuỗi băm bị phá vỡ tại phiên bản 1');
    await screenshot(page, '05-history-broken');
  });

});
