// Encrypted sharing, end to end and across implementations: the accountmanager makes a key, the
// employer shares through the link, the file opens with Debian's `age` CLI and in the app, files made
// by the `age` CLI and by the npm package age-encryption open in the app, and every kind of bad file
// gets its own message.
import { expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { completeQuestionnaire, createKey as createKeyIn, download, expectNoAxeViolations, newGuardedContext, openFiles, profiles, SCRYPT_WAIT, ui, vio, watchNetwork, watchWorkerJobs, test } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'vio-sharing-'));
const createKey = (page, name) => createKeyIn(page, name, dir);
const MARKUP = '<img src=x onerror=alert(1)>';
const t = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, v), ui[key].nl);
// "Gemeente X (controlecode 1A2B-…)" for each of a link's accountmanagers, as the employer reads them.
const named = (...keys) => keys.map(({ name, fingerprint }) => t('recipient_with_code', { name, code: fingerprint })).join(', ');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const ageCli = (args, input) => execFileSync('age', args, { input });

test('the employer shares through the link; the file opens with the age CLI and in the app, markup stays text', async ({ browser }) => {
  const amSide = await newGuardedContext(browser);
  const am = await amSide.context.newPage();
  const dialogs = [];
  am.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const key = await createKey(am, 'Gemeente Testdorp');
  expect(key.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vio\/#\/uitnodiging\?sleutel=age1[0-9a-z]+&naam=Gemeente%20Testdorp$/);
  expect(key.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  await expect(am.locator('.qr svg')).toBeVisible();
  await expectNoAxeViolations(am, 'accountmanager with a key');
  // The secret appears only in the backup file, never in the link or on screen.
  const secret = readFileSync(key.identityPath, 'utf8');
  expect(secret).toContain('AGE-SECRET-KEY-1');
  expect(key.link).not.toContain('AGE-SECRET-KEY');
  expect(await am.locator('body').innerText()).not.toContain('AGE-SECRET-KEY');

  // The employer, on another device.
  const employerSide = await newGuardedContext(browser);
  const page = await employerSide.context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const network = watchNetwork(page);
  await page.goto(key.link);
  await expect(page.getByText(t('share_invited', { names: named(key) })).first()).toBeVisible();
  expect(page.url()).not.toContain('age1');
  // What later screens need is requested in the frame after the first paint; a person cannot click
  // sooner, but a test can, so it waits until the page has loaded all it will.
  await page.waitForLoadState('networkidle');
  const firstClick = Date.now();
  await completeQuestionnaire(page, profiles.inclusief.answers);
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.share_title.nl })).toBeVisible();
  await expect(page.getByLabel(ui.share_key_label.nl)).toHaveValue(key.publicKey);
  await expect(page.getByText(t('share_key_ok', { names: named(key) }))).toBeVisible();
  await expect(page.getByText(ui.share_preview_no_org.nl)).toBeVisible();
  // The box looks like the choices above it (border, room around it), not a bare checkbox.
  const look = (id) => page.locator(`label[for=${id}]`).evaluate((l) => ['paddingLeft', 'borderTopWidth', 'fontWeight'].map((p) => getComputedStyle(l)[p]).join(' '));
  expect(await look('include-org')).toBe(await look('method-key'));
  await page.getByLabel(ui.share_org_toggle.nl).check();
  // Ticked with nothing typed (or only spaces) sends no organisation; a field left empty is a dash,
  // not "Contact: ." with nothing in it.
  await page.getByLabel(ui.share_org_name.nl, { exact: true }).fill('   ');
  await expect(page.getByText(ui.share_preview_no_org.nl)).toBeVisible();
  await page.getByLabel(ui.share_org_name.nl, { exact: true }).fill(MARKUP);
  await expect(page.getByText(t('share_preview_org', { name: MARKUP, contact: '–' }))).toBeVisible();
  await page.getByLabel(ui.share_org_contact.nl, { exact: true }).fill(`${MARKUP} 06-12345678`);
  await expect(page.getByText(t('share_preview_org', { name: MARKUP, contact: `${MARKUP} 06-12345678` }))).toBeVisible();
  await expectNoAxeViolations(page, 'share screen');
  const filePath = join(dir, 'from-app.age');
  const name = await download(page, ui.share_download.nl, filePath);
  expect(name).toBe(`vio-resultaat-${today()}.age`);
  await expect(page.getByText(t('share_done', { file: name }))).toBeVisible();
  // The outcome is said in the language chosen afterwards, too.
  await page.getByRole('button', { name: ui.language_switch_label.nl }).click();
  await expect(page.getByText(ui.share_done.en.replace('{file}', name))).toBeVisible();
  await page.getByRole('button', { name: ui.language_switch_label.en }).click();
  await expect(page.getByText(t('share_done', { file: name }))).toBeVisible();
  // This browser has no share sheet: only the download is offered.
  await expect(page.getByRole('button', { name: ui.share_via.nl })).toHaveCount(0);
  expect(network.between(firstClick).filter((u) => !u.startsWith('blob:')), 'no request after the first click').toEqual([]);

  // Debian's age CLI opens it with the identity file the app exported.
  const plaintext = ageCli(['-d', '-i', key.identityPath, filePath]).toString();
  const envelope = JSON.parse(plaintext);
  expect(envelope.format).toBe('vio-resultaat');
  expect(envelope.completed_on).toBe(today());
  expect(envelope.organisation.name).toBe(MARKUP);
  expect(plaintext.length % 16384).toBe(0);

  // The accountmanager opens it in the app: markup is shown as text, nothing runs.
  const amNetwork = watchNetwork(am);
  const openStart = Date.now();
  const statuses = await openFiles(am, [['from-app.age', readFileSync(filePath)]]);
  expect(statuses['from-app.age']).toContain(ui.am_view.nl);
  await am.getByRole('link', { name: `${ui.am_view.nl}: from-app.age` }).click();
  await expect(am.getByRole('heading', { level: 1 })).toHaveText(t('am_result_of', { name: MARKUP, date: today().split('-').reverse().join('-') }));
  await expect(am.getByRole('heading', { name: ui.conversation_title.nl })).toBeVisible();
  await expect(am.getByText(`${ui.share_org_contact.nl}: ${MARKUP} 06-12345678`, { exact: true })).toBeVisible();
  // Het goede gesprek reads the intention instead of listing the answer.
  const intent = vio.factors.find((f) => f.id === 'intentie').indicators[0].rule.cases.find((c) => c.light === 'groen');
  await expect(am.locator('#diagnose-intentie')).toContainText(intent.reason.nl);
  await expect(am.locator('#radar svg')).toBeVisible();
  expect(await am.locator('main img').count()).toBe(0);
  await expectNoAxeViolations(am, 'employer result for the accountmanager');
  expect(amNetwork.between(openStart).filter((u) => !u.startsWith('blob:'))).toEqual([]);
  expect(dialogs).toEqual([]);

  // A file made by the age CLI (age -r) from a valid envelope opens too; so does one with markup in
  // every free-text field of the envelope.
  const marked = { ...envelope, answers: { ...envelope.answers, gemeente: MARKUP }, organisation: { name: MARKUP, contact: MARKUP },
    plan: [{ factor: 'attitude', what: MARKUP, who: MARKUP, when: MARKUP, measure: MARKUP, support: MARKUP }] };
  writeFileSync(join(dir, 'marked.json'), JSON.stringify(marked));
  const byCli = ageCli(['-r', key.publicKey, join(dir, 'marked.json')]);
  await am.goto('accountmanager/');
  expect((await openFiles(am, [['door-age-cli.age', byCli]]))['door-age-cli.age']).toContain(ui.am_view.nl);
  await am.getByRole('link', { name: `${ui.am_view.nl}: door-age-cli.age` }).click();
  await expect(am.locator('.goal').first()).toContainText(MARKUP);
  await expect(am.locator('#diagnose-doelgroep')).toBeVisible();
  expect(await am.locator('main img').count()).toBe(0);
  // A contact sent with the name left empty: the list and the heading say there is no name.
  writeFileSync(join(dir, 'contact-only.json'), JSON.stringify({ ...envelope, organisation: { name: '', contact: 'Jan, 06-12345678' } }));
  await am.goto('accountmanager/');
  expect((await openFiles(am, [['alleen-contact.age', ageCli(['-r', key.publicKey, join(dir, 'contact-only.json')])]]))['alleen-contact.age']).toContain(ui.am_view.nl);
  await expect(am.locator('table.files tbody tr', { hasText: 'alleen-contact.age' })).toContainText(ui.am_anonymous.nl);
  await am.getByRole('link', { name: `${ui.am_view.nl}: alleen-contact.age` }).click();
  await expect(am.getByRole('heading', { level: 1 })).toHaveText(t('am_result_of', { name: ui.am_anonymous.nl, date: today().split('-').reverse().join('-') }));
  await expect(am.getByText(`${ui.share_org_contact.nl}: Jan, 06-12345678`, { exact: true })).toBeVisible();
  expect(dialogs).toEqual([]);
  await amSide.done();
  await employerSide.done();
});

test('a team link: two colleagues join it, the employer sees all three with their codes, each key opens the one file', async ({ browser }) => {
  const amSide = await newGuardedContext(browser);
  const am = await amSide.context.newPage();
  const own = await createKey(am, 'WSP Noord');
  // The colleagues' keys come from the age CLI: nothing of the page's own making.
  const colleague = (name) => {
    const identityPath = join(dir, `colleague-${name.replace(/\W/g, '')}.txt`);
    execFileSync('age-keygen', ['-o', identityPath], { stdio: 'ignore' });
    const publicKey = readFileSync(identityPath, 'utf8').match(/public key: (age1[0-9a-z]+)/)[1];
    const hash = createHash('sha256').update(publicKey).digest('hex').slice(0, 12).toUpperCase();
    return { name, publicKey, identityPath, fingerprint: hash.match(/.{4}/g).join('-') };
  };
  const [fatima, jan, piet] = [colleague('Fatima Yılmaz'), colleague('Jan de Vries'), colleague('Piet')];
  await am.getByText(ui.am_colleagues.nl, { exact: true }).click();
  const add = async ({ name, publicKey }) => {
    await am.getByLabel(ui.am_colleague_name.nl).fill(name);
    await am.getByLabel(ui.am_colleague_key.nl).fill(publicKey);
    await am.getByRole('button', { name: ui.am_colleague_add.nl }).click();
  };
  await add({ name: 'Fout', publicKey: fatima.publicKey.slice(0, 40) });
  await expect(am.getByText(ui.am_colleague_bad_key.nl)).toBeVisible();
  await add({ name: ' ', publicKey: fatima.publicKey });
  await expect(am.getByText(ui.am_colleague_no_name.nl)).toBeVisible();
  await add(fatima);
  await add(jan);
  await add(piet);
  await expect(am.getByText(ui.am_colleague_too_many.nl)).toBeVisible();
  await expect(am.locator('details.colleagues li')).toHaveText([
    `${fatima.name} – ${ui.check_code.nl} ${fatima.fingerprint} ${t('am_colleague_remove', { name: fatima.name })}`,
    `${jan.name} – ${ui.check_code.nl} ${jan.fingerprint} ${t('am_colleague_remove', { name: jan.name })}`,
  ]);
  await expectNoAxeViolations(am, 'colleagues in the link');
  const link = await am.getByRole('textbox', { name: ui.am_share_link.nl }).inputValue();
  expect(link.match(/sleutel=/g)).toHaveLength(3);
  // The poster names them too.
  await am.getByRole('link', { name: ui.am_poster.nl }).click();
  await expect(am.locator('ul.colleagues')).toContainText(`${jan.name} – ${ui.check_code.nl}: ${jan.fingerprint}`);

  const employerSide = await newGuardedContext(browser);
  const page = await employerSide.context.newPage();
  await page.goto(link);
  await expect(page.locator('p.invite')).toHaveText(t('share_invited', { names: named(own, fatima, jan) }));
  await completeQuestionnaire(page, profiles.inclusief.answers);
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  const field = page.getByLabel(ui.share_key_label.nl);
  await expect(field).toHaveValue([own.publicKey, fatima.publicKey, jan.publicKey].join('\n'));
  await expect(page.getByText(t('share_key_ok', { names: named(own, fatima, jan) }))).toBeVisible();
  await expectNoAxeViolations(page, 'share screen with a team link');
  const filePath = join(dir, 'to-the-team.age');
  await download(page, ui.share_download.nl, filePath);
  for (const { identityPath } of [own, fatima, jan]) {
    expect(JSON.parse(ageCli(['-d', '-i', identityPath, filePath]).toString()).format).toBe('vio-resultaat');
  }
  expect(() => ageCli(['-d', '-i', piet.identityPath, filePath], undefined)).toThrow();
  // A fourth key is refused before anything is made.
  await field.fill([own.publicKey, fatima.publicKey, jan.publicKey, piet.publicKey].join('\n'));
  await expect(page.getByText(ui.share_key_too_many.nl)).toBeVisible();
  await amSide.done();
  await employerSide.done();
});

test('on a phone the share sheet gets the file, or its armored text where it takes no .age files', async ({ browser }) => {
  const amSide = await newGuardedContext(browser);
  const am = await amSide.context.newPage();
  const key = await createKey(am, 'WSP Deelstad');
  const employerSide = await newGuardedContext(browser);
  const page = await employerSide.context.newPage();
  // A share sheet as phones have it; which files it takes is set per step (`shareSheet.takes`).
  await page.addInitScript(() => {
    const sheet = { takes: 'age', shared: [], cancel: false };
    window.shareSheet = sheet;
    navigator.canShare = (data) => {
      const file = data.files?.[0];
      if (sheet.takes === 'age') return Boolean(file?.name.endsWith('.age'));
      if (sheet.takes === 'txt') return file?.type === 'text/plain' && file.name.endsWith('.txt');
      if (sheet.takes === 'text') return !data.files && typeof data.text === 'string';
      return false;
    };
    navigator.share = async (data) => {
      if (sheet.cancel) throw new DOMException('closed', 'AbortError');
      const file = data.files?.[0];
      sheet.shared.push({ name: file?.name, type: file?.type, text: data.text, bytes: file ? [...new Uint8Array(await file.arrayBuffer())] : null });
    };
  });
  const network = watchNetwork(page);
  await page.goto(key.link);
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  await page.getByRole('link', { name: ui.share_button.nl }).click();
  await expect(page.getByText(t('share_key_ok', { names: named(key) }))).toBeVisible();
  const shareVia = page.getByRole('button', { name: ui.share_via.nl });
  await expectNoAxeViolations(page, 'share screen with a share sheet');
  const firstClick = Date.now();
  const lastShared = () => page.evaluate(() => window.shareSheet.shared.at(-1));

  // A sheet that takes .age files gets the age file itself.
  await shareVia.click();
  await expect(page.getByText(ui.share_shared.nl)).toBeVisible();
  const asAge = await lastShared();
  expect(asAge.name).toBe(`vio-resultaat-${today()}.age`);
  writeFileSync(join(dir, 'shared.age'), Buffer.from(asAge.bytes));
  expect(JSON.parse(ageCli(['-d', '-i', key.identityPath, join(dir, 'shared.age')]).toString()).format).toBe('vio-resultaat');

  // Chromium's sheet takes only some types: the same file, armored, as a .txt file. The age CLI
  // and the accountmanager's page read it unchanged.
  await page.evaluate(() => { window.shareSheet.takes = 'txt'; });
  await shareVia.click();
  await expect.poll(async () => (await lastShared()).name).toBe(`vio-resultaat-${today()}.txt`);
  const asTxt = await lastShared();
  const armored = Buffer.from(asTxt.bytes).toString();
  expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[A-Za-z0-9+/=\n]+-----END AGE ENCRYPTED FILE-----\n$/);
  writeFileSync(join(dir, 'shared.txt'), armored);
  expect(JSON.parse(ageCli(['-d', '-i', key.identityPath, join(dir, 'shared.txt')]).toString()).format).toBe('vio-resultaat');
  expect((await openFiles(am, [['vio-resultaat.txt', Buffer.from(armored)]]))['vio-resultaat.txt']).toContain(ui.am_view.nl);

  // A sheet that takes text only gets the armored text.
  await page.evaluate(() => { window.shareSheet.takes = 'text'; });
  await shareVia.click();
  await expect.poll(async () => (await lastShared()).text ?? '').toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);

  // Closing the sheet is no error; a sheet that takes nothing says to download instead.
  await page.evaluate(() => { window.shareSheet.takes = 'age'; window.shareSheet.cancel = true; });
  await shareVia.click();
  await expect(page.locator('p.status')).toHaveText('');
  await page.evaluate(() => { window.shareSheet.takes = 'nothing'; });
  await shareVia.click();
  await expect(page.getByText(ui.share_sheet_failed.nl)).toBeVisible();
  expect(network.between(firstClick).filter((u) => !u.startsWith('blob:')), 'no request after the first click').toEqual([]);
  await amSide.done();
  await employerSide.done();
});

test('passphrase files work both ways with the npm package age-encryption', async ({ page }) => {
  const passphrase = 'paard batterij nietje correct';
  await page.goto('./');
  await completeQuestionnaire(page, profiles.terughoudend.answers);
  await page.goto('./#/delen');
  await page.getByLabel(ui.share_by_passphrase.nl).check();
  await page.getByLabel(ui.share_passphrase_label.nl, { exact: true }).fill('kort');
  await expect(page.getByText(ui.strength_too_short.nl)).toBeVisible();
  await page.getByLabel(ui.share_passphrase_label.nl, { exact: true }).fill(passphrase);
  await expect(page.getByText(ui.strength_strong.nl)).toBeVisible();
  const filePath = join(dir, 'passphrase-from-app.age');
  await download(page, ui.share_download.nl, filePath);
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  const envelope = JSON.parse(await d.decrypt(readFileSync(filePath), 'text'));
  expect(envelope.format).toBe('vio-resultaat');
  expect(envelope.organisation).toBeUndefined();

  const e = new Encrypter();
  e.setPassphrase(passphrase);
  const byNpm = Buffer.from(await e.encrypt(JSON.stringify(envelope)));
  await page.goto('accountmanager/');
  // scrypt (about a second) runs in the page's encryption worker, so the page never freezes on a
  // file: seen from what the page posts to its workers and what they answer, not from a clock.
  const workerJobs = await watchWorkerJobs(page);
  await page.getByLabel(ui.am_file_passphrase.nl).fill('niet het goede wachtwoord');
  let statuses = await openFiles(page, [['door-npm.age', byNpm]]);
  expect(statuses['door-npm.age']).toBe(ui.err_wrong_passphrase.nl);
  await page.getByLabel(ui.am_file_passphrase.nl).fill(passphrase);
  await page.getByRole('button', { name: ui.am_retry.nl }).click();
  await expect(page.getByRole('link', { name: `${ui.am_view.nl}: door-npm.age` })).toBeVisible({ timeout: SCRYPT_WAIT });
  const opened = (await workerJobs()).filter(({ job, text }) => job === 'open' && text === passphrase).map(({ answer }) => answer === 'bytes');
  expect(opened, 'the right passphrase went to a worker, which answered with the opened file').toEqual([true]);
});

test('a passphrase file moved before the retry is said so, and stays waiting for its passphrase', async ({ page }) => {
  const e = new Encrypter();
  e.setPassphrase('paard batterij nietje correct');
  const path = join(dir, 'verplaatst.age');
  writeFileSync(path, Buffer.from(await e.encrypt('{}')));
  await createKey(page, 'WSP Test');
  await page.getByLabel(ui.am_choose_files.nl).setInputFiles(path);
  const row = page.locator('table.files tbody tr').filter({ hasText: 'verplaatst.age' });
  await expect(row).toContainText(ui.err_needs_passphrase.nl);
  // The page keeps the file's handle, not its bytes: the retry reads it again, and it has moved.
  renameSync(path, `${path}.weg`);
  await page.getByLabel(ui.am_file_passphrase.nl).fill('paard batterij nietje correct');
  await page.getByRole('button', { name: ui.am_retry.nl }).click();
  await expect(page.getByText(t('retry_gone', { n: 1 }))).toBeVisible();
  await expect(row).toContainText(ui.err_needs_passphrase.nl);
  await expectNoAxeViolations(page, 'a file moved before the retry');
});

test('every kind of bad file gets its own message and changes nothing', async ({ browser }) => {
  const { context, done } = await newGuardedContext(browser);
  const page = await context.newPage();
  const key = await createKey(page, 'WSP Regio');
  const other = execFileSync('age-keygen').toString().match(/age1[0-9a-z]+/)[0];
  const valid = JSON.parse(readFileSync(new URL('../fixtures/envelope.json', import.meta.url)));
  const seal = (obj, recipient = key.publicKey) => ageCli(['-r', recipient], typeof obj === 'string' ? obj : JSON.stringify(obj));
  const good = seal(valid);
  const pass = new Encrypter();
  pass.setPassphrase('een wachtwoord van lengte');
  pass.setScryptWorkFactor(10);
  const passFile = Buffer.from(await pass.encrypt(JSON.stringify(valid))).toString('latin1');
  const forged = (logN) => Buffer.from(passFile.replace(/^(-> scrypt \S+) 10$/m, `$1 ${logN}`), 'latin1');

  const cases = [
    ['wrong-key.age', seal(valid, other), t('err_wrong_key')],
    ['truncated.age', good.subarray(0, good.length - 40), t('err_truncated')],
    ['damaged-header.age', Buffer.from(good.toString('latin1').replace('-> X25519 ', '-> X25519 !!'), 'latin1'), t('err_damaged')],
    ['not-age.pdf', Buffer.from('%PDF-1.7 this is not an age file'), t('err_not_age')],
    ['not-vio.age', seal('{"hallo": "wereld"}'), t('err_not_vio')],
    ['newer-format.age', seal({ ...valid, format_version: 2 }), t('err_newer_format', { n: 2 })],
    ['newer-questionnaire.age', seal({ ...valid, questionnaire: { id: 'vio', version: vio.version + 1 } }), t('err_newer_questionnaire', { n: vio.version + 1 })],
    ['too-large.age', Buffer.concat([Buffer.from('age-encryption.org/v1\n'), Buffer.alloc(1024 * 1024 + 1, 97)]), t('err_too_large')],
    ['needs-passphrase.age', Buffer.from(passFile, 'latin1'), t('err_needs_passphrase')],
    ...[21, 22, 23].map((n) => [`work-factor-${n}.age`, forged(n), t('err_excessive_work', { n, max: 18 })]),
  ];
  // A forged work factor is refused from the header, before any scrypt: its own message says so.
  const statuses = await openFiles(page, cases.map(([name, bytes]) => [name, bytes]));
  for (const [name, , message] of cases) expect(statuses[name], name).toBe(message);
  // Drag and drop works like the picker.
  const dropped = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'gesleept.age'));
    return dt;
  }, good.toString('base64'));
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: dropped });
  await expect(page.getByRole('link', { name: `${ui.am_view.nl}: gesleept.age` })).toBeVisible();
  // The scores in the file do not match the answers: it opens, with the recomputed scores and a note.
  const tampered = JSON.parse(JSON.stringify(valid));
  tampered.scores.factors[0].score = (tampered.scores.factors[0].score + 1) % 100;
  expect((await openFiles(page, [['good.age', seal(tampered)]]))['good.age']).toContain(ui.am_view.nl);
  await page.getByRole('link', { name: `${ui.am_view.nl}: good.age` }).click();
  await expect(page.getByText(ui.am_mismatch.nl)).toBeVisible();
  // Nothing changed: the key is still there, the list still has every file.
  await page.getByRole('link', { name: ui.am_back.nl }).first().click();
  await expect(page.locator('#fingerprint')).toHaveText(key.fingerprint);
  await expect(page.locator('table.files tbody tr')).toHaveCount(cases.length + 2);
  await expectNoAxeViolations(page, 'accountmanager with bad files');
  await done();
});

test('the key survives a reload, is restored from a passphrase backup, and a pasted key is checked as you type', async ({ browser }) => {
  const { context, done } = await newGuardedContext(browser);
  const page = await context.newPage();
  const key = await createKey(page, 'Gemeente Herstel');
  await page.reload();
  await expect(page.locator('#fingerprint')).toHaveText(key.fingerprint);
  await page.getByLabel(ui.am_backup_passphrase_label.nl).fill('lange zin als wachtwoord');
  const backup = join(dir, 'backup.age');
  await download(page, ui.am_backup_passphrase.nl, backup);
  // The passphrase backup is a standard age file too.
  const d = new Decrypter();
  d.addPassphrase('lange zin als wachtwoord');
  expect(await d.decrypt(readFileSync(backup), 'text')).toContain('AGE-SECRET-KEY-1');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: ui.am_delete_key.nl }).click();
  await expect(page.getByRole('button', { name: ui.am_create.nl })).toBeVisible();
  await page.getByText(ui.am_restore.nl, { exact: true }).first().click();
  await page.getByLabel(ui.am_restore_passphrase.nl).fill('fout wachtwoord');
  await page.getByLabel(ui.am_restore_choose.nl).setInputFiles(backup);
  await expect(page.getByText(ui.err_wrong_passphrase.nl)).toBeVisible();
  await page.getByLabel(ui.am_restore_passphrase.nl).fill('lange zin als wachtwoord');
  await page.getByLabel(ui.am_restore_choose.nl).setInputFiles(backup);
  await expect(page.locator('#fingerprint')).toHaveText(key.fingerprint);

  // The employer pastes the key instead of using the link.
  const employer = await context.newPage();
  await employer.goto('./#/delen');
  const field = employer.getByLabel(ui.share_key_label.nl);
  await field.fill(key.publicKey.slice(0, 30));
  await expect(employer.getByText(ui.share_key_bad.nl)).toBeVisible();
  await field.fill(key.publicKey);
  // A pasted key came without a name; its check code is what the employer compares.
  await expect(employer.getByText(t('share_key_ok', { names: named({ ...key, name: ui.recipient_unnamed.nl }) }))).toBeVisible();
  await done();
});

test.describe('without the encryption worker', () => {
  test.use({ consoleErrorsExpected: true }); // the blocked request is logged by the browser
  test('a browser without Web Workers still runs the questionnaire, and sharing says it cannot', async ({ page }) => {
    await page.addInitScript(() => { delete window.Worker; });
    await page.goto('./');
    await completeQuestionnaire(page, profiles.terughoudend.answers);
    await expect(page.locator('#radar svg path').first()).toBeVisible();
    await page.goto('./#/delen');
    await page.getByLabel(ui.share_key_label.nl).fill('age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq');
    await page.getByRole('button', { name: ui.share_download.nl }).click();
    await expect(page.getByText(ui.crypto_unavailable.nl)).toBeVisible();
  });

  test('sharing and the backup say so in Dutch, and no answer is lost', async ({ page }) => {
    // The worker's script is the page's glue (scripts/build.mjs). The page asks for it first (a
    // modulepreload in the HTML); every later request for it is the worker's, and fails.
    let pageHasGlue = false;
    await page.route(/\/vio-[0-9a-f]+\.js$/, (route) => {
      if (pageHasGlue) return route.abort();
      pageHasGlue = true;
      return route.continue();
    });
    await page.goto('./');
    await completeQuestionnaire(page, profiles.terughoudend.answers);
    const stored = await page.evaluate(() => localStorage.getItem('vio.state'));
    await page.goto('./#/delen');
    // The page reads the key itself; encrypting to it needs the worker.
    await page.getByLabel(ui.share_key_label.nl).fill('age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq');
    await expect(page.getByText(ui.share_key_ok.nl.split('{')[0])).toBeVisible();
    await page.getByRole('button', { name: ui.share_download.nl }).click();
    await expect(page.getByText(ui.crypto_unavailable.nl)).toBeVisible();
    await page.getByLabel(ui.share_by_passphrase.nl).check();
    await page.getByLabel(ui.share_passphrase_label.nl, { exact: true }).fill('paard batterij nietje correct');
    await page.getByRole('button', { name: ui.share_download.nl }).click();
    await expect(page.getByText(ui.crypto_unavailable.nl)).toBeVisible();
    await page.goto('./#/analyses');
    await page.getByLabel(ui.backup_passphrase.nl, { exact: true }).fill('paard batterij nietje correct');
    await page.getByRole('button', { name: ui.backup_download.nl }).click();
    await expect(page.getByText(ui.crypto_unavailable.nl)).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('vio.state'))).toBe(stored);
    await expectNoAxeViolations(page);
  });
});
