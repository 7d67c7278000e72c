import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, fillAndSubmit, goto, pathOf, useBrowser } from './browser.ts';
import { extractLinks, waitForMail } from './mailbox.ts';
import { signInSecretariat } from './people.ts';

/**
 * A year of a pathfinder country that the demonstration content holds (Madagascar, status
 * granted): the Secretariat, in English, names the focal point and adopts the national roadmap; the
 * focal point, in Spanish, files the yearly progress report with a PDF; the Secretariat
 * acknowledges it; the country's public page shows the roadmap, each action's status from the
 * report and the report, in French, English and Spanish. Every new page is checked with axe in
 * the three languages.
 */

const browser = useBrowser();
const ISO3 = 'MDG';
const FOCAL = {
  email: 'hery.rakoto@example.gov',
  name: 'Hery Rakoto',
  password: 'la frase de contraseña del punto focal',
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const today = () => new Date().toISOString().slice(0, 10);

/** Switches the back office's language with the header's switcher. */
async function speak(page: Page, locale: 'fr' | 'en' | 'es'): Promise<void> {
  const button = page.locator(`nav.languages button[value="${locale}"]`);
  if ((await button.count()) > 0) await clickAndWait(page, button);
}

describe('a pathfinder country’s yearly progress report', () => {
  let secretariat: Page;
  let focalPoint: Page;
  let report = '';

  it('starts from a roadmap the Secretariat adopts, after asking', { timeout: 120_000 }, async () => {
    secretariat = await signInSecretariat((await browser.open()).context().browser()!, 'en', 'roadmaps');
    await goto(secretariat, `/admin/pathfinders/${ISO3}`);
    let response = await fillAndSubmit(secretariat, {
      name: FOCAL.name,
      title: 'Directeur général du Travail',
      ministry: 'Ministère du Travail, de l’Emploi et de la Fonction publique',
      email: FOCAL.email,
      locale: 'es',
      started_on: today(),
    });
    expect(response.status()).toBe(200);

    await goto(secretariat, `/admin/pathfinders/${ISO3}/roadmap`);
    await expectAccessible(secretariat);
    await fillAndSubmit(secretariat, { locale: 'fr' });
    expect(pathOf(secretariat)).toBe(`/admin/pathfinders/${ISO3}/roadmap?done=draft`);
    response = await fillAndSubmit(
      secretariat,
      { priority_title: 'Renforcer le cadre juridique' },
      { form: 'main form[action$="/roadmap/priorities"]' },
    );
    expect(response.status()).toBe(200);
    // A refused action keeps what was typed.
    response = await fillAndSubmit(secretariat, {
      priority: 'P1',
      title: 'Réviser le Code du travail',
      responsible_body: 'Ministère du Travail',
      start_on: '2025-01-01',
      end_on: '2024-12-31',
      budget_amount: '120000',
      budget_currency: 'MGA',
      status: 'in_progress',
      indicator_codes: '8.7.1',
    });
    expect(response.status()).toBe(400);
    expect(await secretariat.locator('#field-title').inputValue()).toBe('Réviser le Code du travail');
    await expectAccessible(secretariat);
    response = await fillAndSubmit(
      secretariat,
      { end_on: '2026-12-31' },
      { form: 'main form[action$="/roadmap/actions"]' },
    );
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main').textContent()).toContain('Réviser le Code du travail');

    await clickAndWait(secretariat, secretariat.locator('main a[href$="/roadmap/adopt"]'));
    await expectAccessible(secretariat);
    response = await fillAndSubmit(secretariat, { adopted_on: today() });
    expect(response.status()).toBe(200);
    expect(pathOf(secretariat)).toBe(`/admin/pathfinders/${ISO3}/roadmap?done=adopted`);
  });

  it('is filed by the focal point, in Spanish, with a PDF, then submitted', { timeout: 120_000 }, async () => {
    const mail = await waitForMail(FOCAL.email);
    const link = extractLinks(mail.text).find((entry) => entry.includes('/account/set-password?token='));
    expect(link).toBeDefined();
    focalPoint = await browser.open();
    await goto(focalPoint, link!);
    await fillAndSubmit(focalPoint, { password: FOCAL.password, password_confirm: FOCAL.password });

    await goto(focalPoint, `/admin/pathfinders/${ISO3}/reports`);
    await expectAccessible(focalPoint);
    let response = await fillAndSubmit(focalPoint, { year: '2025' });
    expect(response.status()).toBe(200);
    report = new URL(focalPoint.url()).pathname;
    expect(await focalPoint.locator('main h1').textContent()).toBe('Madagascar: informe de progreso de 2025');
    await expectAccessible(focalPoint);

    const form = focalPoint.locator('main form:has([name="overall_narrative"])');
    await form.locator('select[name="status_A1"]').selectOption('completed');
    await form.locator('[name="narrative_A1"]').fill('Le Code révisé a été adopté par l’Assemblée nationale.');
    await form.locator('[name="overall_narrative"]').fill('Une année consacrée au cadre juridique.');
    response = await clickAndWait(focalPoint, form.locator('button[value="save"]'));
    expect(response.status()).toBe(200);
    expect(await focalPoint.locator('main [role="status"]').first().textContent()).toBe('El borrador está guardado.');

    await focalPoint
      .locator('#field-file')
      .setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF });
    response = await clickAndWait(focalPoint, focalPoint.locator('main form[enctype="multipart/form-data"] button'));
    expect(response.status()).toBe(200);
    expect(await focalPoint.locator('main').textContent()).toContain('plan.pdf');

    response = await clickAndWait(focalPoint, focalPoint.locator('main form button[value="submit"]'));
    expect(response.status()).toBe(200);
    expect(await focalPoint.locator('main').textContent()).toContain('El informe se ha presentado a la Secretaría.');
    expect(await focalPoint.locator('main form button[value="submit"]').count()).toBe(0);
    await expectAccessible(focalPoint);
    await goto(focalPoint, `${report}/print`);
    await expectAccessible(focalPoint);
  });

  it(
    'is acknowledged by the Secretariat from its queue, and the focal point is told',
    { timeout: 120_000 },
    async () => {
      await goto(secretariat, '/admin/');
      await clickAndWait(secretariat, secretariat.locator('main a[href="/admin/pathfinders/reports"]'));
      await expectAccessible(secretariat);
      await clickAndWait(secretariat, secretariat.locator(`main a[href="${report}"]`));
      const response = await fillAndSubmit(secretariat, { note: 'Thank you for a clear report.' });
      expect(response.status()).toBe(200);
      const mail = await waitForMail(FOCAL.email);
      expect(mail.subject).toBe('Se ha acusado recibo de su informe de progreso de 2025');
      expect(mail.text).toContain('Thank you for a clear report.');
    },
  );

  it(
    'shows the roadmap and the report on the public page in French, English and Spanish',
    { timeout: 120_000 },
    async () => {
      const visitor = await browser.open();
      const expected = {
        fr: ['Feuille de route nationale', 'Achevée', 'Rapport 2025', 'Une année consacrée au cadre juridique.'],
        en: ['National roadmap', 'Completed', 'Report for 2025', 'Une année consacrée au cadre juridique.'],
        es: ['Hoja de ruta nacional', 'Completada', 'Informe de 2025', 'Une année consacrée au cadre juridique.'],
      } as const;
      for (const locale of ['fr', 'en', 'es'] as const) {
        await goto(visitor, `/${locale}/pathfinders/${ISO3}`);
        const text = (await visitor.locator('main').textContent()) ?? '';
        expect(text).toContain('Réviser le Code du travail');
        for (const words of expected[locale]) expect(text, `${locale}: ${words}`).toContain(words);
        expect(await visitor.locator(`main a[href="/${locale}/data/8.7.1"]`).count()).toBe(1);
        await expectAccessible(visitor);
      }
    },
  );

  it('keeps every new back-office page accessible in the three languages', { timeout: 180_000 }, async () => {
    // A second version, so that the draft's pages and the comparison exist.
    await goto(secretariat, `/admin/pathfinders/${ISO3}/roadmap`);
    await fillAndSubmit(secretariat, { locale: 'fr' });
    const actionLink = await secretariat.locator('main a[href*="/roadmap/actions/"]').first().getAttribute('href');
    const priorityLink = await secretariat.locator('main a[href*="/roadmap/priorities/"]').first().getAttribute('href');
    const pages = [
      `/admin/pathfinders/${ISO3}/roadmap`,
      priorityLink!,
      actionLink!,
      `/admin/pathfinders/${ISO3}/roadmap/diff?from=1&to=2`,
      `/admin/pathfinders/${ISO3}/roadmap/adopt`,
      `/admin/pathfinders/${ISO3}/reports`,
      report,
      `${report}/print`,
      '/admin/pathfinders/reports',
    ];
    for (const locale of ['fr', 'en', 'es'] as const) {
      await speak(secretariat, locale);
      for (const path of pages) {
        const response = await goto(secretariat, path);
        expect(response.status(), `${locale} ${path}`).toBe(200);
        await expectAccessible(secretariat);
      }
    }
  });
});
