import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, fillAndSubmit, goto, heading, pathOf, useBrowser } from './browser.ts';
import { extractLinks, waitForMail } from './mailbox.ts';
import { signInSecretariat } from './people.ts';

/**
 * One country's whole path, as its people and the Secretariat walk it. An official sends their
 * government's expression of interest in French (first with a part missing: refused, everything
 * typed kept) and confirms the address from the mailbox; the Secretariat, in English, accepts it
 * (the country enters the path and the official is its focal point), then moves the country
 * through the mapping, a strategic planning workshop it records and a roadmap it adopts, and
 * grants the status on a decision; the focal point, working in Spanish, files the yearly progress
 * report; the country's public page shows every step with its date, the roadmap and the report in
 * French, English and Spanish. Each page on the way is checked with axe, in the three languages
 * where the page is new.
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
/** The Secretariat member's page, kept from one step of the journey to the next. */
let secretariat: Page;
/** The focal point's one-time link to set a password, from the invitation mailed on acceptance. */
let invitation: string | undefined;
/** The yearly report's back-office address, once the focal point starts it. */
let report = '';
/** Today, as the steps recorded today are dated (UTC, as the server dates them). */
const today = new Date().toISOString().slice(0, 10);

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
    secretariat = page;
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
    const mails = [await waitForMail(INTEREST.focal_point_email), await waitForMail(INTEREST.focal_point_email)];
    expect(mails.map((mail) => mail.subject)).toContain(
      'Alliance 8.7 : la manifestation d’intérêt de Sierra Leone est acceptée',
    );
    invitation = mails
      .flatMap((mail) => extractLinks(mail.text))
      .find((link) => link.includes('/account/set-password?token='));
    expect(invitation, 'no invitation link for the focal point').toBeDefined();
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

/** The months as each language writes a day in full, for the dates the public page shows. */
const MONTHS = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
} as const;

function dayInFull(day: string, locale: 'fr' | 'en' | 'es'): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const name = MONTHS[locale][month - 1]!;
  if (locale === 'en') return `${name} ${date}, ${year}`;
  return locale === 'fr' ? `${date === 1 ? '1er' : date} ${name} ${year}` : `${date} de ${name} de ${year}`;
}

/** Switches the back office's language with the header's switcher. */
async function speak(page: Page, locale: 'fr' | 'en' | 'es'): Promise<void> {
  const button = page.locator(`nav.languages button[value="${locale}"]`);
  if ((await button.count()) > 0) await clickAndWait(page, button);
  expect(await page.locator('html').getAttribute('lang')).toBe(locale);
}

const MOVES = 'main form[action$="/moves"]';

describe('the same country, from its acceptance to its first yearly report', () => {
  it(
    'is moved by the Secretariat, in English, through the mapping, a workshop and a roadmap, and granted the status',
    { timeout: 180_000 },
    async () => {
      const page = secretariat;
      await goto(page, '/admin/pathfinders/SLE');
      await speak(page, 'en');
      expect(await heading(page)).toContain('Sierra Leone');

      // The form offers only the moves the table allows from the country's stage.
      const offered = (await page.locator(`${MOVES} select[name="stage"] option`).all()).map((option) =>
        option.getAttribute('value'),
      );
      expect((await Promise.all(offered)).filter(Boolean).sort()).toEqual(['declined', 'under_review', 'withdrawn']);
      // A step dated in the future is refused, with what was typed kept.
      let response = await fillAndSubmit(
        page,
        { stage: 'under_review', on_date: '2099-01-01', note: 'Too soon' },
        { form: MOVES },
      );
      expect(response.status()).toBe(400);
      expect(await page.locator(`${MOVES} [name="note"]`).inputValue()).toBe('Too soon');
      await expectAccessible(page);

      for (const step of [
        { stage: 'under_review', note: 'Presented to the Global Coordinating Group' },
        { stage: 'mapping', note: 'Stakeholder and situational mapping under way' },
      ]) {
        response = await fillAndSubmit(page, { ...step, on_date: today }, { form: MOVES });
        expect(response.status(), step.stage).toBe(200);
      }

      const workshops = 'main form[action$="/workshops"]';
      const organizers = page.locator(`${workshops} select[name="organizers"]`);
      const organizer = (await organizers.locator('option').allTextContents())[0]!;
      await organizers.selectOption({ label: organizer });
      response = await fillAndSubmit(
        page,
        { held_on: today, place: 'Freetown', participants: '45', outcomes_en: 'Priorities for the roadmap agreed.' },
        { form: workshops },
      );
      expect(response.status()).toBe(200);
      response = await fillAndSubmit(
        page,
        { stage: 'strategic_workshop', on_date: today, note: 'Strategic planning workshop held in Freetown' },
        { form: MOVES },
      );
      expect(response.status()).toBe(200);

      await goto(page, '/admin/pathfinders/SLE/roadmap');
      await fillAndSubmit(page, { locale: 'en' });
      expect(pathOf(page)).toBe('/admin/pathfinders/SLE/roadmap?done=draft');
      response = await fillAndSubmit(
        page,
        { priority_title: 'Take children out of the mines' },
        { form: 'main form[action$="/roadmap/priorities"]' },
      );
      expect(response.status()).toBe(200);
      response = await fillAndSubmit(
        page,
        {
          priority: 'P1',
          title: 'Inspect every licensed diamond mine each year',
          responsible_body: 'Ministry of Labour and Social Security',
          start_on: today,
          end_on: '2028-12-31',
          budget_amount: '250000',
          budget_currency: 'USD',
          status: 'in_progress',
          indicator_codes: '8.7.1',
        },
        { form: 'main form[action$="/roadmap/actions"]' },
      );
      expect(response.status()).toBe(200);
      await clickAndWait(page, page.locator('main a[href$="/roadmap/adopt"]'));
      response = await fillAndSubmit(page, { adopted_on: today });
      expect(response.status()).toBe(200);
      expect(pathOf(page)).toBe('/admin/pathfinders/SLE/roadmap?done=adopted');

      await goto(page, '/admin/pathfinders/SLE');
      response = await fillAndSubmit(
        page,
        { stage: 'roadmap_adopted', on_date: today, note: 'National roadmap adopted by the Cabinet' },
        { form: MOVES },
      );
      expect(response.status()).toBe(200);
      // The grant rests on a decision: without its reference it is refused.
      response = await fillAndSubmit(
        page,
        {
          stage: 'status_granted',
          on_date: today,
          note: 'Pathfinder status granted',
          decision_reference: '',
          decision_date: today,
        },
        { form: MOVES },
      );
      expect(response.status()).toBe(400);
      await expectAccessible(page);
      response = await fillAndSubmit(
        page,
        {
          stage: 'status_granted',
          on_date: today,
          note: 'Pathfinder status granted',
          decision_reference: 'GCG decision 2026/4',
          decision_date: today,
        },
        { form: MOVES },
      );
      expect(response.status()).toBe(200);
      expect(await page.locator('main ol.timeline > li, main table tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page);
    },
  );

  it('files its yearly report through its focal point, working in Spanish', { timeout: 180_000 }, async () => {
    const focal = await people.open({ locale: 'fr-FR' });
    await goto(focal, invitation!);
    const password = 'la phrase de passe de la point focale';
    await fillAndSubmit(focal, { password, password_confirm: password });
    expect(pathOf(focal)).toBe('/admin');
    await goto(focal, '/admin/pathfinders/SLE/reports');
    await speak(focal, 'es');
    await expectAccessible(focal);
    let response = await fillAndSubmit(focal, { year: today.slice(0, 4) });
    expect(response.status()).toBe(200);
    expect(await heading(focal)).toBe(`Sierra Leona: informe de progreso de ${today.slice(0, 4)}`);
    report = new URL(focal.url()).pathname;
    const form = focal.locator('main form:has([name="overall_narrative"])');
    await form.locator('select[name="status_A1"]').selectOption('in_progress');
    await form.locator('[name="narrative_A1"]').fill('Se inspeccionaron 40 minas; se retiró a 120 niños.');
    await form.locator('[name="overall_narrative"]').fill('Un primer año centrado en las minas de diamantes.');
    response = await clickAndWait(focal, form.locator('button[value="submit"]'));
    expect(response.status()).toBe(200);
    expect(await focal.locator('main').textContent()).toContain('El informe se ha presentado a la Secretaría.');
    await expectAccessible(focal);
  });

  it('has its report acknowledged by the Secretariat, in English, from its queue', { timeout: 60_000 }, async () => {
    await goto(secretariat, '/admin/pathfinders/reports');
    await clickAndWait(secretariat, secretariat.locator(`main a[href="${report}"]`));
    const response = await fillAndSubmit(secretariat, { note: 'Thank you: a clear first report.' });
    expect(response.status()).toBe(200);
    const mail = await waitForMail(INTEREST.focal_point_email);
    expect(mail.text).toContain('Thank you: a clear first report.');
  });

  it(
    'is shown publicly, step by step with its dates, in French, English and Spanish',
    { timeout: 120_000 },
    async () => {
      const visitor = await people.open();
      const year = today.slice(0, 4);
      const expected = {
        fr: ['Statut de pays pionnier accordé', 'Sierra Leone', `Rapport ${year}`],
        en: ['Pathfinder status granted', 'Sierra Leone', `Report for ${year}`],
        es: ['Estatus de país pionero otorgado', 'Sierra Leona', `Informe de ${year}`],
      } as const;
      for (const locale of ['fr', 'en', 'es'] as const) {
        const response = await goto(visitor, `/${locale}/pathfinders/SLE`);
        expect(response.status()).toBe(200);
        const text = (await visitor.locator('main').textContent()) ?? '';
        for (const words of [
          ...expected[locale],
          dayInFull(today, locale),
          'Inspect every licensed diamond mine each year',
          'Un primer año centrado en las minas de diamantes.',
        ]) {
          expect(text, `${locale}: ${words}`).toContain(words);
        }
        // Interest, review, mapping, workshop, roadmap, status: six dated steps.
        expect(await visitor.locator('ol.timeline > li').count()).toBe(6);
        expect(text).toContain(INTEREST.focal_point_ministry);
        expect(text).not.toContain(INTEREST.focal_point_email);
        await expectAccessible(visitor);
      }
      // The report's printable page, for the country's national review, in each language.
      for (const locale of ['fr', 'en', 'es'] as const) {
        const response = await goto(visitor, `/${locale}/pathfinders/SLE/reports/${year}`);
        expect(response.status()).toBe(200);
        expect(await visitor.locator('main article.report-print').textContent()).toContain(
          'Se inspeccionaron 40 minas; se retiró a 120 niños.',
        );
        await expectAccessible(visitor);
      }
      // Lower case in the path leads to the upper-case address.
      await goto(visitor, '/en/pathfinders/sle');
      expect(pathOf(visitor)).toBe('/en/pathfinders/SLE');
    },
  );
});
