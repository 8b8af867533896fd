'use strict';
// The admin pages and the organisation page: an admin sets up an institution, a site and a fleet admin
// through the UI and that fleet admin then sees only what is theirs; API tokens are shown once, work, and
// stop working when revoked; the audit log names who did what; disabling a user ends their session.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUi, eventually, creditCode, PASSWORD, VIEWPORTS } = require('./harness');

let ui;
let school;
let archiveInstitution = null; // created through the UI in the first test
let archiveUser = null;

before(async () => {
  ui = await startUi();
  await ui.createUser('ops.admin', 'admin', [], '张伟');
  // Other institutions, sites and users, so that scoping has something to leave out and the screenshots
  // show a realistic organisation.
  school = await ui.createInstitution('北京市第五中学', 1);
  const health = await ui.csms.api('POST', '/api/v1/institutions', {
    name: '北京市卫生健康委员会', unifiedSocialCreditCode: creditCode(2), type: 'state_organ', region: '110101',
  });
  assert.equal(health.status, 201, JSON.stringify(health.body));
  const association = await ui.csms.api('POST', '/api/v1/institutions', {
    name: '北京市科学技术协会', unifiedSocialCreditCode: creditCode(3), type: 'social_organisation',
  });
  assert.equal(association.status, 201, JSON.stringify(association.body));
  await ui.createSite(school.id, '东操场停车场');
  const garage = await ui.csms.api('POST', '/api/v1/sites', { institutionId: school.id, name: '教学楼地下车库', address: '东城区新中街 3 号', serviceFeePerKwh: 0.6 });
  assert.equal(garage.status, 201, JSON.stringify(garage.body));
  await ui.createSite(health.body.id, '机关大院停车场');
  await ui.createUser('wang.fang', 'fleet_admin', [school.id], '王芳');
  await ui.createUser('wu.fang', 'energy_office', [school.id, health.body.id], '吴芳');
  await ui.createUser('li.ming', 'fleet_admin', [health.body.id], '李明');
});
after(async () => { await ui?.stop(); });

// A credit code with a wrong check character: the last character of a valid one, changed.
function withWrongCheck(code) {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, -1) + last;
}

test('an admin sets up an institution, a site and a fleet admin, who then sees only that institution', async () => {
  const page = await ui.newPage();
  await ui.login(page, 'ops.admin');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisation', exact: true }).click();
  await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();

  // The institution: a wrong check character is refused by the server, shown at the code field.
  await page.getByRole('button', { name: 'New institution' }).click();
  let dialog = page.getByRole('dialog', { name: 'New institution' });
  await dialog.getByLabel('Name').fill('北京市档案馆');
  const code = creditCode(77);
  const codeInput = dialog.getByLabel('Unified social credit code');
  await codeInput.fill(withWrongCheck(code).toLowerCase());
  assert.equal(await codeInput.inputValue(), withWrongCheck(code), 'the code is shown in capitals as typed');
  await dialog.getByLabel('Type').selectOption({ label: 'Public institution (事业单位)' });
  await dialog.getByLabel('Sector').selectOption({ label: 'Culture' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  const codeField = dialog.locator('.field', { has: page.getByLabel('Unified social credit code') });
  await codeField.getByRole('alert').filter({ hasText: 'check character' }).waitFor();
  assert.equal(await codeInput.getAttribute('aria-invalid'), 'true');
  assert.equal(await dialog.locator('.field-error').count(), 1, 'the error is shown at the code field only');

  // Changing the type away from public institution hides the sector, which only those have.
  await dialog.getByLabel('Type').selectOption('state_organ');
  assert.equal(await dialog.getByLabel('Sector').isVisible(), false);
  await dialog.getByLabel('Type').selectOption('public_institution');

  await codeInput.fill(code);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const institutionRow = page.getByRole('row').filter({ hasText: '北京市档案馆' });
  await institutionRow.filter({ hasText: code }).waitFor();
  await institutionRow.filter({ hasText: 'Culture' }).waitFor();
  const listed = await ui.csms.api('GET', `/api/v1/institutions?q=${code}`);
  assert.equal(listed.body.total, 1);
  archiveInstitution = listed.body.items[0];
  assert.equal(archiveInstitution.type, 'public_institution');
  assert.equal(archiveInstitution.sector, 'culture');

  // A site of that institution, narrowed to it with the filter kept in the address.
  await page.getByRole('link', { name: 'Show the sites of 北京市档案馆' }).click();
  await page.getByRole('heading', { name: 'Sites of 北京市档案馆' }).waitFor();
  assert.match(page.url(), new RegExp(`institution=${archiveInstitution.id}`));
  await page.getByText('No site yet.').waitFor();
  await page.getByRole('button', { name: 'New site' }).click();
  dialog = page.getByRole('dialog', { name: 'New site' });
  assert.equal(await dialog.getByLabel('Institution').inputValue(), String(archiveInstitution.id), 'the filtered institution is preselected');
  assert.equal(await dialog.getByLabel('Time zone').inputValue(), 'Asia/Shanghai');
  await dialog.getByLabel('Name', { exact: true }).fill('东区地下车库');
  await dialog.getByLabel('Address').fill('西城区永定门西街 1 号');
  await dialog.getByLabel('Service fee per kWh').fill('0.8');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const siteLink = page.getByRole('link', { name: '东区地下车库' });
  await siteLink.waitFor();
  const sites = await ui.csms.api('GET', `/api/v1/sites?institutionId=${archiveInstitution.id}`);
  assert.equal(sites.body.total, 1);
  const site = sites.body.items[0];
  assert.deepEqual([site.name, site.address, site.timeZone, site.serviceFeePerKwh], ['东区地下车库', '西城区永定门西街 1 号', 'Asia/Shanghai', 0.8]);
  assert.equal(await siteLink.getAttribute('href'), `#/load/${site.id}`);
  await page.getByRole('row').filter({ hasText: '东区地下车库' }).filter({ hasText: '0.80 CNY/kWh' }).waitFor();
  // The filter survives a reload.
  await page.reload();
  await page.getByRole('heading', { name: 'Sites of 北京市档案馆' }).waitFor();
  await page.getByRole('link', { name: '东区地下车库' }).waitFor();

  // The fleet admin: institutions are required for the role, the password rule is the server's.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New user' }).click();
  dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Username').fill('zhao.min');
  await dialog.getByLabel('Name', { exact: true }).fill('赵敏');
  assert.equal(await dialog.getByLabel('Role').inputValue(), 'fleet_admin');
  await dialog.getByLabel('Password').fill('too-short');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const scope = dialog.getByRole('group', { name: 'Institutions' });
  await scope.getByRole('alert').filter({ hasText: 'Choose at least one institution' }).waitFor();
  // An admin has no scope: the list is switched off for that role.
  await dialog.getByLabel('Role').selectOption('admin');
  assert.equal(await scope.getByRole('checkbox', { name: '北京市档案馆' }).isDisabled(), true);
  await dialog.getByLabel('Role').selectOption('fleet_admin');
  await scope.getByRole('checkbox', { name: '北京市档案馆' }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  const passwordField = dialog.locator('.field', { has: page.getByLabel('Password') });
  await passwordField.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const userRow = page.getByRole('row').filter({ hasText: 'zhao.min' });
  await userRow.filter({ hasText: '赵敏' }).filter({ hasText: 'Fleet administrator' }).filter({ hasText: '北京市档案馆' }).waitFor();
  const users = await ui.csms.api('GET', '/api/v1/users?role=fleet_admin');
  archiveUser = users.body.items.find((user) => user.username === 'zhao.min');
  assert.deepEqual(archiveUser.institutionIds, [archiveInstitution.id]);
  ui.assertClean(page);

  // The new fleet admin logs in elsewhere and sees only that institution and its site.
  const theirs = await ui.newPage({ viewport: VIEWPORTS.tablet });
  await ui.login(theirs, 'zhao.min');
  const navigation = theirs.getByRole('navigation', { name: 'Main navigation' });
  assert.equal(await navigation.getByRole('link', { name: 'Users', exact: true }).count(), 0);
  await navigation.getByRole('link', { name: 'Organisation', exact: true }).click();
  await theirs.getByText('Institutions are managed by the administrators.').waitFor();
  const institutionsTable = theirs.locator('section.panel').filter({ has: theirs.getByRole('heading', { name: 'Institutions' }) });
  await institutionsTable.getByRole('row').filter({ hasText: '北京市档案馆' }).waitFor();
  assert.equal(await institutionsTable.locator('tbody tr').count(), 1, 'only the own institution is listed');
  const sitesPanel = theirs.locator('section.panel').filter({ has: theirs.getByRole('heading', { name: 'Sites (car parks)' }) });
  await sitesPanel.getByRole('link', { name: '东区地下车库' }).waitFor();
  assert.equal(await sitesPanel.locator('tbody tr').count(), 1, 'only the own site is listed');
  assert.equal(await theirs.getByRole('button', { name: 'New institution' }).count(), 0);
  assert.equal(await theirs.getByRole('button', { name: 'Edit 北京市档案馆' }).count(), 0, 'institutions are read-only');
  await theirs.getByRole('button', { name: 'Edit 东区地下车库' }).waitFor(); // but their sites are theirs to manage
  for (const name of ['北京市第五中学', '教学楼地下车库', '机关大院停车场']) assert.equal(await theirs.getByText(name).count(), 0, `${name} is hidden`);

  await theirs.goto(`${ui.base}/#/admin/users`);
  await theirs.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
  assert.equal(await theirs.getByRole('heading', { name: 'Users', level: 1 }).count(), 0);
  ui.assertClean(theirs);
  await theirs.context().close();
});

test('an API token is shown once, works as a Bearer token, and is refused once revoked', async () => {
  const page = await ui.newPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.base });
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/admin/tokens`);
  await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New API token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API token' });
  await dialog.getByLabel('Name').fill('energy-platform');
  await dialog.getByLabel('Role').selectOption('energy_office');
  await dialog.getByRole('group', { name: 'Institutions' }).getByRole('checkbox', { name: '北京市第五中学' }).check();
  // An expiry in the past is refused at its field.
  await dialog.getByLabel('Expires').fill('2020-01-01T08:00');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.locator('.field', { has: page.getByLabel('Expires') }).getByRole('alert').filter({ hasText: 'must be in the future' }).waitFor();
  const nextYear = new Date().getFullYear() + 1;
  await dialog.getByLabel('Expires').fill(`${nextYear}-06-30T18:00`);
  await dialog.getByRole('button', { name: 'Create' }).click();

  const reveal = page.getByRole('dialog', { name: 'API token energy-platform created' });
  await reveal.getByText('it will not be shown again').waitFor();
  const token = await reveal.getByLabel('Token').inputValue();
  assert.match(token, /^pgt_/);
  await reveal.getByRole('button', { name: 'Copy' }).click();
  await reveal.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  await reveal.getByRole('button', { name: 'I have copied it' }).click();
  await reveal.waitFor({ state: 'detached' });
  assert.equal((await page.content()).includes(token), false, 'the token is gone from the page');
  const row = page.getByRole('row').filter({ hasText: 'energy-platform' });
  await row.filter({ hasText: 'Energy office' }).filter({ hasText: '北京市第五中学' }).filter({ hasText: '张伟' }).filter({ hasText: 'Active' }).waitFor();
  await page.reload();
  await row.waitFor();
  assert.equal((await page.content()).includes(token), false, 'the token is not listed again');

  // From outside the browser, as the other system would use it: scoped to its institution.
  const asToken = (path) => fetch(`${ui.base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const answer = await asToken('/sites');
  assert.equal(answer.status, 200);
  const sites = await answer.json();
  assert.deepEqual(sites.items.map((site) => site.name).sort(), ['东操场停车场', '教学楼地下车库']);

  // Revoking asks first; cancelling keeps the token working.
  await row.getByRole('button', { name: 'Revoke energy-platform' }).click();
  let confirm = page.getByRole('dialog', { name: 'Revoke the API token energy-platform?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal((await asToken('/sites')).status, 200);
  await row.getByRole('button', { name: 'Revoke energy-platform' }).click();
  confirm = page.getByRole('dialog', { name: 'Revoke the API token energy-platform?' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await row.filter({ hasText: 'Revoked' }).waitFor();
  assert.equal(await row.getByRole('button', { name: 'Revoke energy-platform' }).count(), 0);
  assert.equal((await asToken('/sites')).status, 401);
  ui.assertClean(page);
});

test('the audit log shows who created the fleet admin, with the details on demand', async () => {
  assert.ok(archiveUser, 'the first test created the user');
  const page = await ui.newPage();
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/admin/audit`);
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  const filters = page.getByRole('form', { name: 'Audit log filters' });
  await filters.getByLabel('Area').selectOption({ label: 'Users' });
  await filters.getByLabel('Method or command').fill('POST');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await eventually(() => page.url().includes('pathPrefix=%2Fapi%2Fv1%2Fusers') && page.url().includes('method=POST'));

  const rows = page.locator('tbody tr');
  const creation = rows.filter({ hasText: 'Create user' }).filter({ hasText: 'zhao.min' }).filter({ hasText: 'Done · 201' });
  await creation.waitFor();
  await creation.getByRole('link', { name: '张伟' }).waitFor(); // the admin's name, not only user:ops.admin
  await creation.locator('.admin-audit-who').getByText('user:ops.admin').waitFor();
  await creation.locator('.admin-audit-request').getByText('POST /api/v1/users', { exact: true }).waitFor();
  // The refused attempts made before (wrong password) are there too, and nothing outside the filter.
  await rows.filter({ hasText: 'Create user' }).filter({ hasText: 'Invalid input · 422' }).first().waitFor();
  for (const text of await rows.allTextContents()) assert.match(text, /POST \/api\/v1\/users/);

  await creation.getByText('Details').click();
  const details = creation.locator('dl');
  await details.waitFor();
  const pairs = await details.evaluate((list) => Object.fromEntries([...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling.textContent])));
  assert.equal(pairs.Username, 'zhao.min');
  assert.equal(pairs.Id, String(archiveUser.id));
  assert.equal(pairs.Role, 'Fleet administrator');
  assert.equal(pairs['Acting role'], 'Administrator');
  assert.equal(pairs['HTTP status'], '201');

  // The subject link narrows to that person, keeping the other filters.
  await creation.getByRole('link', { name: '张伟' }).click();
  await eventually(() => page.url().includes('subject=user%3Aops.admin'));
  await filters.getByLabel('Who').waitFor();
  assert.equal(await page.getByRole('form', { name: 'Audit log filters' }).getByLabel('Who').inputValue(), 'user:ops.admin');
  await page.locator('tbody tr').filter({ hasText: 'zhao.min' }).first().waitFor();
  ui.assertClean(page);
});

test('disabling a user in the UI ends their session at their next request', async () => {
  await ui.createUser('sun.li', 'fleet_admin', [school.id], '孙丽');
  const theirs = await ui.newPage();
  await ui.login(theirs, 'sun.li');
  await theirs.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

  const admin = await ui.newPage();
  await ui.login(admin, 'ops.admin');
  await admin.goto(`${ui.base}/#/admin/users?role=fleet_admin`);
  const row = admin.getByRole('row').filter({ hasText: 'sun.li' });
  await row.waitFor();
  assert.equal(await admin.getByRole('row').filter({ hasText: 'ops.admin' }).count(), 0, 'the role filter applies');
  assert.equal(await admin.getByLabel('Role').inputValue(), 'fleet_admin');
  await row.getByRole('button', { name: 'Disable sun.li' }).click();
  const confirm = admin.getByRole('dialog', { name: 'Disable sun.li?' });
  await confirm.getByText('is logged out at once').waitFor();
  await confirm.getByRole('button', { name: 'Disable' }).click();
  await row.filter({ hasText: 'Disabled' }).waitFor();

  // Their open page learns it with its next request and shows the login page with the reason.
  await theirs.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisation', exact: true }).click();
  await theirs.getByRole('alert').filter({ hasText: 'Your session has ended. Please log in again.' }).waitFor();
  await theirs.getByRole('button', { name: 'Log in' }).waitFor();
  await theirs.getByLabel('Username').fill('sun.li');
  await theirs.getByLabel('Password').fill(PASSWORD);
  await theirs.getByRole('button', { name: 'Log in' }).click();
  await theirs.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

  // Enabled again, they can log in.
  await admin.getByLabel('Status').selectOption('true');
  assert.match(admin.url(), /disabled=true/);
  await row.getByRole('button', { name: 'Enable sun.li' }).click();
  await row.waitFor({ state: 'detached' }); // no longer disabled, so no longer in this list
  const enabled = await ui.csms.api('GET', '/api/v1/users?disabled=false&role=fleet_admin');
  assert.ok(enabled.body.items.some((user) => user.username === 'sun.li'));
  await ui.login(theirs, 'sun.li');
  ui.assertClean(theirs);
  ui.assertClean(admin);
});

test('an admin edits a user and deletes one with confirmation', async () => {
  await ui.createUser('temp.user', 'energy_office', [school.id], '临时用户');
  const page = await ui.newPage();
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/admin/users`);
  const row = page.getByRole('row').filter({ hasText: 'temp.user' });
  await row.getByRole('button', { name: 'Edit temp.user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit user temp.user' });
  await dialog.getByLabel('Name', { exact: true }).fill('周强');
  await dialog.getByLabel('Role').selectOption('fleet_admin');
  await dialog.getByRole('checkbox', { name: '北京市第五中学' }).uncheck();
  await dialog.getByRole('checkbox', { name: '北京市卫生健康委员会' }).check();
  await dialog.getByLabel('New password').fill('another-long-password');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row.filter({ hasText: '周强' }).filter({ hasText: 'Fleet administrator' }).filter({ hasText: '北京市卫生健康委员会' }).waitFor();
  const other = await ui.newPage();
  await ui.login(other, 'temp.user', 'another-long-password');
  await other.context().close();

  await row.getByRole('button', { name: 'Delete temp.user' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete temp.user?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await row.waitFor({ state: 'detached' });
  const users = await ui.csms.api('GET', '/api/v1/users');
  assert.equal(users.body.items.some((user) => user.username === 'temp.user'), false);
  ui.assertClean(page);
});

test('screenshots of the users, organisation and audit pages', async () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const page = await ui.newPage({ viewport, locale: 'zh-CN' });
    await ui.login(page, 'ops.admin');
    await page.goto(`${ui.base}/#/admin/users`);
    await page.getByRole('row').filter({ hasText: 'wang.fang' }).waitFor();
    await ui.screenshot(page, `users-${size}`);
    await page.goto(`${ui.base}/#/organisation?institution=${school.id}`);
    await page.getByRole('link', { name: '教学楼地下车库' }).waitFor();
    await ui.screenshot(page, `organisation-${size}`);
    if (size === 'desktop') {
      await page.goto(`${ui.base}/#/admin/audit`);
      await page.locator('tbody tr').first().waitFor();
      await page.locator('tbody tr').filter({ hasText: '新建用户' }).first().getByText('详情').click();
      await ui.screenshot(page, 'audit-desktop');
    }
    ui.assertClean(page);
    await page.context().close();
  }
});
