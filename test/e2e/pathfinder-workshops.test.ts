import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  heading,
  launchBrowser,
  newPage,
  pathOf,
} from './browser.ts';
import { waitForMail } from './mailbox.ts';
import { signInSecretariat } from './people.ts';
import { runCommand } from './server.ts';

/**
 * The Secretariat, in English, records a strategic planning workshop of Senegal with its
 * organisers and a document, and the status of a standard; the country's focal point asks for
 * technical support, the Secretariat answers from its queue, the focal point is told by e-mail in
 * Spanish and sees the answer. The public country page shows the workshop and the ratification in
 * French, English and Spanish. Each new page type is checked with axe in the three languages.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
});

/** A small PDF as readers take it. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const FOCAL_POINT = { email: 'focal.point.sen@example.gov', password: 'a long passphrase for Senegal' };
/** The source the test gives: an address of the test, not a record of any country. */
const SOURCE = 'https://normlex.example.test/SEN';

/** The back office switched to another language with the header's switcher, then checked with axe. */
async function expectAccessibleIn(page: Page, language: 'Français' | 'English' | 'Español'): Promise<void> {
  const response = await clickAndWait(
    page,
    page.locator('header nav.languages').getByRole('button', { name: language }),
  );
  expect(response.status()).toBe(200);
  await expectAccessible(page);
}

/** The focal point of Senegal, made by the command line, with their password set through the link. */
async function signInFocalPoint(): Promise<Page> {
  const stdout = await runCommand([
    'users:create',
    '--email',
    FOCAL_POINT.email,
    '--role',
    'focal_point',
    '--country',
    'SEN',
    '--name',
    'Awa Diop',
    '--locale',
    'es',
  ]);
  const link = /https?:\/\/\S+\/account\/set-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  if (!link) throw new Error(`users:create printed no one-time link:\n${stdout}`);
  const page = await newPage(browser);
  await goto(page, link);
  await fillAndSubmit(page, { password: FOCAL_POINT.password, password_confirm: FOCAL_POINT.password });
  expect(pathOf(page)).toBe('/admin');
  return page;
}

describe('strategic planning workshops and technical support', () => {
  it('are recorded, asked for, answered and shown publicly', { timeout: 240_000 }, async () => {
    const secretariat = await signInSecretariat(browser, 'en', 'pf-workshops');
    await goto(secretariat, '/admin/pathfinders');
    let response = await fillAndSubmit(secretariat, {
      country: 'SEN',
      on_date: '2025-01-15',
      note: 'Letter of interest from the Ministry of Labour',
    });
    expect(response.status()).toBe(200);

    // A workshop without its place is refused, with what was typed kept.
    await goto(secretariat, '/admin/pathfinders/SEN');
    const workshopForm = 'main form[action$="/workshops"]';
    response = await fillAndSubmit(
      secretariat,
      { held_on: '2025-06-05', place: '', participants: '60' },
      { form: workshopForm },
    );
    expect(response.status()).toBe(400);
    expect(await secretariat.locator('#field-participants').inputValue()).toBe('60');
    await expectAccessible(secretariat);

    const organizers = secretariat.locator(`${workshopForm} select[name="organizers"]`);
    const chosen = (await organizers.locator('option').allTextContents()).slice(0, 2);
    await organizers.selectOption(chosen.map((label) => ({ label })));
    response = await fillAndSubmit(
      secretariat,
      {
        held_on: '2025-06-05',
        place: 'Dakar',
        participants: '60',
        outcomes_en: 'A national roadmap drafted with the social partners.',
      },
      { form: workshopForm },
    );
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main').textContent()).toContain(
      'The workshop is recorded and shown on the country’s public page.',
    );

    const documentForm = secretariat.locator('main form[action$="/workshop-documents"]');
    await documentForm.locator('select[name="document_workshop"]').selectOption({ index: 1 });
    await documentForm
      .locator('input[name="document"]')
      .setInputFiles({ name: 'Dakar workshop report.pdf', mimeType: 'application/pdf', buffer: PDF });
    response = await clickAndWait(secretariat, documentForm.locator('button[type="submit"]'));
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main a[href^="/media/workshop-documents/"]').textContent()).toBe(
      'Dakar workshop report.pdf',
    );

    response = await fillAndSubmit(secretariat, {
      standard: 'C182',
      status: 'ratified',
      ratified_on: '2000-06-01',
      ratification_source: SOURCE,
    });
    expect(response.status()).toBe(200);
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'English');

    // The import page, and its report of a bad file.
    await goto(secretariat, '/admin/standards');
    expect(await heading(secretariat)).toBe('Ratifications of standards');
    const importForm = secretariat.locator('main form[action="/admin/standards/import"]');
    await importForm.locator('[name="source"]').fill('A test file');
    await importForm.locator('input[name="file"]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('country,standard,status\nSEN,C999,ratified\n'),
    });
    response = await clickAndWait(secretariat, importForm.locator('button[type="submit"]'));
    expect(response.status()).toBe(400);
    expect(await secretariat.locator('main').textContent()).toContain('1 line cannot be imported');
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'English');

    // A status recorded by mistake is corrected on its own page, then removed after the question.
    await goto(secretariat, '/admin/pathfinders/SEN');
    response = await fillAndSubmit(secretariat, {
      standard: 'C138',
      status: 'signed',
      ratified_on: '',
      ratification_source: SOURCE,
    });
    expect(response.status()).toBe(200);
    response = await clickAndWait(
      secretariat,
      secretariat.locator('main a[href="/admin/pathfinders/SEN/ratifications/C138"]'),
    );
    expect(response.status()).toBe(200);
    response = await fillAndSubmit(secretariat, { status: 'ratified', ratified_on: '', ratification_source: '' });
    expect(response.status()).toBe(400);
    expect(await secretariat.locator('#field-ratification_source-error').textContent()).toBe('This field is required.');
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'English');
    // After a refused form, the language switcher goes back to the list of countries.
    await goto(secretariat, '/admin/pathfinders/SEN/ratifications/C138');
    response = await clickAndWait(secretariat, secretariat.locator('main a[href$="/ratifications/C138/remove"]'));
    expect(response.status()).toBe(200);
    expect(await heading(secretariat)).toBe('Remove “ILO C138, Minimum Age Convention, 1973: Signed”?');
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'English');
    response = await clickAndWait(secretariat, secretariat.locator('main button.danger'));
    expect(response.status()).toBe(200);
    expect(pathOf(secretariat)).toBe('/admin/pathfinders/SEN?done=removed');
    expect(await secretariat.locator('main').textContent()).toContain('The record is removed.');

    // The focal point asks for technical support.
    const focal = await signInFocalPoint();
    await goto(focal, '/admin/pathfinders/SEN');
    const supportForm = 'main form[action$="/support-requests"]';
    response = await fillAndSubmit(
      focal,
      { support_workshop: '', what: 'Un facilitador para el segundo día', needed_by: '2099-05-01' },
      { form: supportForm },
    );
    expect(response.status()).toBe(400);
    await expectAccessible(focal);
    await focal.locator(`${supportForm} select[name="support_workshop"]`).selectOption({ index: 1 });
    response = await clickAndWait(focal, focal.locator(`${supportForm} button[type="submit"]`));
    expect(response.status()).toBe(200);
    expect(await focal.locator('main').textContent()).toContain('A la espera de la respuesta de la Secretaría.');
    await expectAccessible(focal);

    // The Secretariat finds it in its queue and answers.
    await goto(secretariat, '/admin');
    const queue = secretariat.getByRole('link', { name: '1 request for technical support to answer' });
    expect(await queue.getAttribute('href')).toBe('/admin/support-requests');
    await clickAndWait(secretariat, queue);
    expect(await heading(secretariat)).toBe('Requests for technical support');
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'English');
    await clickAndWait(secretariat, secretariat.locator('main a[href^="/admin/support-requests/"]').first());
    expect(await heading(secretariat)).toBe('Request for technical support from Senegal');
    await expectAccessible(secretariat);
    await expectAccessibleIn(secretariat, 'Español');
    await expectAccessibleIn(secretariat, 'Français');
    await expectAccessibleIn(secretariat, 'English');
    response = await fillAndSubmit(secretariat, {
      answer: 'A facilitator from the Secretariat will join you in Dakar.',
    });
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main').textContent()).toContain(
      'The answer is sent to the focal point of Senegal.',
    );
    await goto(secretariat, '/admin');
    expect(await secretariat.getByRole('link', { name: /request for technical support to answer/ }).count()).toBe(0);

    const mail = await waitForMail(FOCAL_POINT.email);
    expect(mail.subject).toBe('Alianza 8.7: respuesta a su solicitud de apoyo técnico (Senegal)');
    expect(mail.text).toContain('A facilitator from the Secretariat will join you in Dakar.');
    await goto(focal, '/admin/pathfinders/SEN');
    expect(await focal.locator('main').textContent()).toContain(
      'A facilitator from the Secretariat will join you in Dakar.',
    );

    // The public page, in each language.
    const visitor = await newPage(browser);
    const expected = {
      fr: ['5 juin 2025, Dakar', 'Ratifiée', 'Pas encore traduit'],
      en: ['June 5, 2025, Dakar', 'Ratified', 'A national roadmap drafted with the social partners.'],
      es: ['5 de junio de 2025, Dakar', 'Ratificada', 'Aún no traducido'],
    } as const;
    for (const locale of ['fr', 'en', 'es'] as const) {
      await goto(visitor, `/${locale}/pathfinders/SEN`);
      const text = (await visitor.locator('main').textContent()) ?? '';
      for (const words of [...expected[locale], ...chosen, 'Dakar workshop report.pdf']) {
        expect(text, `${locale}: ${words}`).toContain(words);
      }
      await expectAccessible(visitor);
    }
  });
});
