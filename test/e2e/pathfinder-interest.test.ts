import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, goto, heading, pathOf, useBrowser } from './browser.ts';
import { extractLinks, waitForMail } from './mailbox.ts';
import { signInSecretariat } from './people.ts';

/**
 * An official sends their government's expression of interest in French (first with a part
 * missing: refused, everything typed kept), confirms the address from the mailbox; the
 * Secretariat, in English, finds it in its queue and accepts it: the country enters the path and
 * the official is its focal point. The form, its error state, the check-your-mail page and the
 * review pages are checked with axe in French, English and Spanish.
 */

const INTEREST = {
  country: 'SLE',
  reasons: 'Le travail des enfants dans les mines de diamants reste répandu ; le gouvernement veut aller plus vite.',
  commitment: 'Le gouvernement s’engage à adopter un plan d’action national doté d’un budget propre.',
  recent_successes: 'Une loi de 2023 a relevé à 18 ans l’âge minimum pour les travaux dangereux.',
  focal_point_name: 'Fatmata Kamara',
  focal_point_title: 'Directrice de l’inspection du travail',
  focal_point_ministry: 'Ministère du Travail et de la Sécurité sociale',
  focal_point_email: 'fatmata.kamara@travail.example.gov',
};

const people = useBrowser();

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const select = page.locator(`main form select[name="${name}"]`);
    if ((await select.count()) > 0) await select.selectOption(value);
    else await page.locator(`main form [name="${name}"]`).fill(value);
  }
}

function send(page: Page) {
  return clickAndWait(page, page.locator('main form button[name="intent"][value="submit"]'));
}

describe('an expression of interest, from the official’s form to the Secretariat’s acceptance', () => {
  it('is refused in French with a part missing, everything typed kept, then sent', { timeout: 60_000 }, async () => {
    const page = await people.open({ locale: 'fr-FR' });
    let response = await goto(page, '/fr/pathfinders');
    expect(response.status()).toBe(200);
    response = await clickAndWait(page, page.locator('main a[href="/fr/pathfinders/apply"]'));
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Manifestation d’intérêt : devenir pays pionnier');
    await expectAccessible(page);
    for (const locale of ['en', 'es']) {
      expect((await goto(page, `/${locale}/pathfinders/apply`)).status()).toBe(200);
      await expectAccessible(page);
      // The error state in that language: everything missing.
      response = await send(page);
      expect(response.status()).toBe(400);
      expect(await page.locator('main .error-summary li').count()).toBe(8);
      await expectAccessible(page);
    }

    await goto(page, '/fr/pathfinders/apply');
    const { commitment, ...typed } = INTEREST;
    await fill(page, typed);
    response = await send(page);
    expect(response.status()).toBe(400);
    expect(pathOf(page)).toBe('/fr/pathfinders/apply');
    const message = 'Dites comment votre pays s’engage à intensifier ses efforts vers la cible 8.7.';
    expect(await page.locator('main .error-summary li').allTextContents()).toHaveLength(1);
    expect((await page.locator('#field-commitment-error').textContent())?.trim()).toBe(message);
    expect(await page.locator('#field-commitment').getAttribute('aria-invalid')).toBe('true');
    for (const [name, value] of Object.entries(typed)) {
      expect(await page.locator(`main form [name="${name}"]`).inputValue(), name).toBe(value);
    }
    await expectAccessible(page);

    await fill(page, { commitment });
    response = await send(page);
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/fr/confirm/sent');
    expect(await heading(page)).toBe('Dernière étape : confirmez votre adresse électronique');
    await expectAccessible(page);
    for (const locale of ['en', 'es']) {
      expect((await goto(page, `/${locale}/confirm/sent`)).status()).toBe(200);
      await expectAccessible(page);
    }
  });

  it('reaches the Secretariat once the official confirms the address from the mailbox', async () => {
    const mail = await waitForMail(INTEREST.focal_point_email);
    expect(mail.subject).toBe('Confirmez votre adresse électronique pour l’Alliance 8.7');
    for (const typed of [INTEREST.focal_point_name, 'mines de diamants']) expect(mail.text).not.toContain(typed);
    const link = extractLinks(mail.text).find((entry) => entry.includes('/fr/confirm?token='));
    expect(link, 'no confirmation link in the message').toBeDefined();
    const page = await people.open({ locale: 'fr-FR' });
    await goto(page, link!);
    const response = await clickAndWait(page, page.getByRole('button', { name: 'Confirmer mon adresse' }));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/fr/pathfinders/apply/confirmed');
    expect(await heading(page)).toBe('Manifestation d’intérêt reçue');
    await expectAccessible(page);
    const acknowledgement = await waitForMail(INTEREST.focal_point_email);
    expect(acknowledgement.subject).toBe('Votre manifestation d’intérêt auprès de l’Alliance 8.7 est reçue');
  });

  it('is accepted by the Secretariat from its queue: the country enters the path', { timeout: 120_000 }, async () => {
    const page = await signInSecretariat(people.browser(), 'en', 'interests');
    const queue = page.locator('main a[href="/admin/pathfinders/interests"]');
    expect(await queue.textContent()).toContain('expression of interest to review');
    let response = await clickAndWait(page, queue);
    expect(response.status()).toBe(200);
    await expectAccessible(page);
    response = await clickAndWait(page, page.locator('main a', { hasText: 'Sierra Leone' }).first());
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Expression of interest: Sierra Leone');
    expect(await page.locator('main').textContent()).toContain(INTEREST.recent_successes);
    await expectAccessible(page);
    const review = pathOf(page);

    response = await clickAndWait(page, page.getByRole('button', { name: 'Accept…' }));
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Accept the expression of interest of Sierra Leone?');
    await expectAccessible(page);
    response = await clickAndWait(page, page.getByRole('button', { name: 'Accept', exact: true }));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe(`${review}?done=accepted`);
    expect(await page.locator('main [role="status"]').textContent()).toContain(
      'The expression of interest is accepted',
    );
    await expectAccessible(page);

    // The review pages in the two other languages, through the back office's language switcher.
    for (const locale of ['fr', 'es']) {
      await clickAndWait(page, page.locator(`nav.languages button[value="${locale}"]`));
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await expectAccessible(page);
      await goto(page, '/admin/pathfinders/interests?status=');
      await expectAccessible(page);
      await goto(page, review);
    }

    // Two messages, in French: the acceptance, and the invitation to keep the country's record.
    const subjects = [
      (await waitForMail(INTEREST.focal_point_email)).subject,
      (await waitForMail(INTEREST.focal_point_email)).subject,
    ];
    expect(subjects).toContain('Alliance 8.7 : la manifestation d’intérêt de Sierra Leone est acceptée');
    const visitor = await people.open({ locale: 'en-GB' });
    for (let attempt = 0; attempt < 25; attempt += 1) {
      response = await goto(visitor, '/en/pathfinders/SLE');
      if (response.status() === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(response.status()).toBe(200);
    expect(await visitor.locator('main').textContent()).toContain('Interest expressed');
    expect(await visitor.locator('main').textContent()).toContain(INTEREST.focal_point_ministry);
  });
});
