'use strict';
// Logging in and out, the language switch, and what each role finds in the navigation.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUi, VIEWPORTS } = require('./harness');

let ui;
before(async () => {
  ui = await startUi();
  await ui.createUser('ops.admin', 'admin', [], 'Ops Admin');
  const institution = await ui.createInstitution('第五中学', 1);
  await ui.createUser('fleet.li', 'fleet_admin', [institution.id], '李明');
  await ui.createUser('energy.wu', 'energy_office', [institution.id], '吴芳');
});
after(async () => { await ui?.stop(); });

test('a wrong password is refused with a message, the right one opens the dashboard', async () => {
  const page = await ui.newPage();
  await page.goto(ui.base + '/');
  await page.getByLabel('Username').fill('ops.admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  assert.equal(await page.locator('.topbar .user-name').textContent(), 'Ops Admin');
  // The session is a cookie the page's scripts cannot read.
  assert.equal(await page.evaluate(() => document.cookie), '');

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  ui.assertClean(page);
});

test('the language follows the browser, can be switched, and is remembered', async () => {
  const page = await ui.newPage({ locale: 'zh-CN' });
  await page.goto(ui.base + '/');
  await page.getByRole('button', { name: '登录' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await ui.login(page, 'fleet.li');
  await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
  await ui.screenshot(page, 'dashboard-zh-desktop');

  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('link', { name: '充电桩', exact: true }).waitFor();
  ui.assertClean(page);
});

test('the navigation offers each role what it may use', async () => {
  const expectations = {
    'ops.admin': { has: ['Users', 'API tokens', 'Audit log', 'Organisation', 'Load management'], lacks: [] },
    'fleet.li': { has: ['Chargers', 'Load management', 'Organisation'], lacks: ['Users', 'API tokens', 'Audit log'] },
    'energy.wu': { has: ['Reports', 'Data quality'], lacks: ['Users', 'Organisation', 'Audit log'] },
  };
  for (const [username, { has, lacks }] of Object.entries(expectations)) {
    const page = await ui.newPage({ viewport: VIEWPORTS.tablet });
    await ui.login(page, username);
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of has) await navigation.getByRole('link', { name, exact: true }).waitFor();
    for (const name of lacks) assert.equal(await navigation.getByRole('link', { name, exact: true }).count(), 0, `${username} sees ${name}`);
    // A page outside the role is not offered even when its address is typed.
    if (username !== 'ops.admin') {
      await page.goto(`${ui.base}/#/admin/users`);
      await page.getByRole('alert').waitFor();
    }
    ui.assertClean(page);
    await page.context().close();
  }
});

test('users change their own password; it ends their session and the new one works', async () => {
  await ui.createUser('qian.hua', 'energy_office', [], '钱华');
  const page = await ui.newPage();
  await ui.login(page, 'qian.hua');
  await page.getByRole('button', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  const newPassword = 'three unrelated words here';
  await dialog.getByLabel('Current password').fill('not-my-password');
  await dialog.getByLabel('New password', { exact: true }).fill(newPassword);
  await dialog.getByLabel('New password again').fill(newPassword);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByText('The current password is not correct.').waitFor();
  assert.equal(await dialog.getByLabel('Current password').getAttribute('aria-invalid'), 'true');

  await dialog.getByLabel('Current password').fill('correct-horse-battery');
  await dialog.getByLabel('New password again').fill('something else entirely');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.getByText('The two new passwords differ.').waitFor();

  await dialog.getByLabel('New password again').fill(newPassword);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password has been changed. Please log in with the new one.').waitFor();
  await ui.login(page, 'qian.hua', newPassword);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  ui.assertClean(page);
});
