import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeBase32, hotp, totpStep } from '../../src/modules/accounts/index.ts';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  heading,
  useBrowser,
  pathOf,
  keepRecoveryCodes,
} from './browser.ts';
import { extractLinks, waitForMail } from './mailbox.ts';
import { createAccount } from './server.ts';

/**
 * The partnership journey, as the issue tells it: a visitor in Spanish applies for their
 * organization (once forgetting the Terms of Reference), the Secretariat — in French, with an
 * account of its own made with the CLI — approves the application, and the organization is in
 * the directory at once, in every language, while its contact is invited, in Spanish, to keep
 * its profile. The contact then asks, in Spanish, for a new name; the Secretariat declines it
 * with a reason, which reaches the contact in Spanish, and finds the organization in its list of
 * all organizations with its status. Every page on the way is checked with axe.
 */

const APPLICATION = {
  name: 'Red Ciudadana Tlaloc contra el Trabajo Forzoso',
  kind: 'civil_society',
  country: 'GTM',
  website: 'https://tlaloc.example.org',
  contact_name: 'Lucía Hernández',
  contact_email: 'lucia.hernandez@tlaloc.example.org',
  motivation:
    'Acompañamos a trabajadoras agrícolas migrantes y documentamos casos de trabajo forzoso en las fincas de café.',
};
/** A word of the organization's name, typed in the directory's search field. */
const SEARCH_WORD = 'tlaloc';

const SECRETARIAT = {
  email: 'secretariat.partners@example.org',
  name: 'Claire Dubois',
  password: 'une phrase de passe pour les candidatures',
};

const CONTACT_PASSWORD = 'una frase de contraseña para la red';
const NEW_NAME = 'Red Tlaloc por el Trabajo Decente';
const DECLINE_REASON = 'Le nouveau nom doit figurer dans les statuts déposés : envoyez-les au Secrétariat.';

/** How long a page may lag behind a change: the page cache is told through database notices. */
const CACHE_DELAY_MS = 5_000;

const people = useBrowser();

async function person(locale: string): Promise<Page> {
  const page = await people.open({ locale });
  return page;
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The code an authenticator app shows for a base32 secret (RFC 6238: SHA-1, 30 s, 6 digits). */
function totpAt(secret: string, date: Date): string {
  return hotp({ secret: decodeBase32(secret), counter: totpStep(date) });
}

/** The number of partner organizations on the English home page, as an anonymous visitor sees it. */
async function homePartnerCount(page: Page): Promise<number> {
  const response = await goto(page, '/en/');
  expect(response.status()).toBe(200);
  const item = page.locator('main ul.counters li', { hasText: /partner organizations?/ });
  const value = ((await item.locator('strong').textContent()) ?? '').replace(/[^\d]/g, '');
  expect(value, 'the home page shows no partner counter').not.toBe('');
  return Number(value);
}

/** The links to the organization in the directory's results for the search word, in a language. */
async function directoryLinks(page: Page, locale: string): Promise<string[]> {
  const response = await goto(page, `/${locale}/partners?q=${SEARCH_WORD}`);
  expect(response.status()).toBe(200);
  const links = page.locator('main ul.partner-list a', { hasText: APPLICATION.name });
  const hrefs: string[] = [];
  for (const link of await links.all()) hrefs.push((await link.getAttribute('href')) ?? '');
  return hrefs;
}

describe('partnership journey: a Spanish application, approved by the Secretariat', () => {
  let partnersBefore = -1;
  let slug = '';
  let secretariatPage: Page | undefined;
  let invitationLink = '';
  let confirmationLink = '';
  let standingLink = '';

  it('lets a visitor in Spanish apply, insisting on the Terms of Reference', async () => {
    const page = await person('es-ES');

    let response = await goto(page, '/es/partners');
    expect(response.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await heading(page)).toBe('Socios');
    await expectAccessible(page);

    // The way to the form is the directory's link to it: a visitor has no other.
    const applyLink = page.locator('main a[href="/es/partners/apply"]');
    expect(await applyLink.count(), 'the directory has no link to the application form').toBeGreaterThan(0);
    response = await clickAndWait(page, applyLink.first());
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/es/partners/apply');
    expect(await heading(page)).toBe('Solicitar ser socio');
    await expectAccessible(page);

    // Everything typed, but the Terms of Reference left unticked.
    const { country, kind, ...typed } = APPLICATION;
    response = await fillAndSubmit(page, { ...typed, kind, country });
    expect(response.status()).toBe(400);
    expect(pathOf(page)).toBe('/es/partners/apply');
    const termsError = 'Para presentar la solicitud, su organización debe suscribir los Términos de referencia.';
    const problems = await page.locator('main .error-summary li').allTextContents();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(termsError);
    expect(await page.locator('main .error-summary a').getAttribute('href')).toBe('#field-endorses_terms');
    expect(await text(page, '#field-endorses_terms-error')).toBe(termsError);
    const terms = page.locator('#field-endorses_terms');
    expect(await terms.getAttribute('aria-invalid')).toBe('true');
    expect(await terms.isChecked()).toBe(false);
    // What was typed is still there.
    for (const [name, value] of Object.entries(typed)) {
      expect(await page.locator(`main [name="${name}"]`).inputValue(), name).toBe(value);
    }
    expect(await page.locator('main select[name="kind"]').inputValue()).toBe(kind);
    expect(await page.locator('main select[name="country"]').inputValue()).toBe(country);
    await expectAccessible(page);

    // Ticked this time: the next page asks to confirm the address (a refresh sends nothing again).
    await terms.check();
    response = await clickAndWait(page, page.locator('main form button[type="submit"]'));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/es/confirm/sent');
    expect(await heading(page)).toBe('Último paso: confirme su dirección de correo');
    await expectAccessible(page);
  });

  it('mails the applicant only a fixed-text link, which sends the application to the Secretariat', async () => {
    const mail = await waitForMail(APPLICATION.contact_email);
    expect(mail.subject).toBe('Confirme su dirección de correo para la Alianza 8.7');
    // Nothing the applicant typed reaches an address not yet confirmed.
    for (const typed of [APPLICATION.name, APPLICATION.contact_name, 'tlaloc.example.org', 'fincas de café']) {
      expect(mail.text).not.toContain(typed);
    }
    const link = extractLinks(mail.text).find((entry) => entry.includes('/es/confirm?token='));
    expect(link, 'no confirmation link in the message').toBeDefined();
    confirmationLink = link!;

    const page = await person('es-ES');
    let response = await goto(page, confirmationLink);
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Confirme su dirección de correo');
    await expectAccessible(page);
    // The same page in the two other languages (opening the link changes nothing).
    for (const locale of ['fr', 'en']) {
      response = await goto(page, confirmationLink.replace('/es/', `/${locale}/`));
      expect(response.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await expectAccessible(page);
    }
    await goto(page, confirmationLink);
    response = await clickAndWait(page, page.getByRole('button', { name: 'Confirmar mi dirección' }));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/es/partners/apply/confirmed');
    expect(await heading(page)).toBe('Solicitud recibida');
    await expectAccessible(page);

    // Used: the link says so, in every language, and changes nothing.
    for (const locale of ['es', 'fr', 'en']) {
      response = await goto(page, confirmationLink.replace('/es/', `/${locale}/`));
      expect(response.status()).toBe(410);
      await expectAccessible(page);
    }
    expect(await text(page, 'main p')).toContain('This link has already been used');
  });

  it('acknowledges the application by e-mail, in Spanish, with a private link to where it stands', async () => {
    const mail = await waitForMail(APPLICATION.contact_email);
    expect(mail.subject).toContain('Hemos recibido su solicitud');
    expect(mail.text).toContain(`Hola, ${APPLICATION.contact_name}:`);
    expect(mail.text).toContain(APPLICATION.name);
    standingLink = extractLinks(mail.text).find((entry) => entry.includes('/es/partners/apply/status?token=')) ?? '';
    expect(standingLink, 'no private link in the acknowledgement').not.toBe('');
    const page = await person('es-ES');
    const expected = { es: 'Recibida', fr: 'Reçue', en: 'Received' };
    for (const [locale, stage] of Object.entries(expected)) {
      const response = await goto(page, standingLink.replace('/es/', `/${locale}/`));
      expect(response.status()).toBe(200);
      expect(await text(page, 'main [role="status"] strong')).toBe(stage);
      expect(await page.locator('main [aria-current="step"]').textContent()).toBe(stage);
      await expectAccessible(page);
    }
  });

  it('counts the partners on the English home page before the decision', async () => {
    const page = await person('en-GB');
    partnersBefore = await homePartnerCount(page);
    expect(partnersBefore).toBeGreaterThanOrEqual(0);
    // Nothing shows the organization yet.
    expect(await directoryLinks(page, 'en')).toEqual([]);
  });

  it('lets the Secretariat, with an account of its own, approve the application', async () => {
    const page = await person('fr-FR');
    secretariatPage = page;
    const link = await createAccount({
      email: SECRETARIAT.email,
      role: 'secretariat',
      name: SECRETARIAT.name,
      locale: 'fr',
    });
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fr\/account\/set-password\?token=/);

    let response = await goto(page, link);
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Choisissez votre mot de passe');
    // The CLI gave the name: only the password is asked.
    response = await fillAndSubmit(page, { password: SECRETARIAT.password, password_confirm: SECRETARIAT.password });
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/fr/account/second-factor');
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    response = await fillAndSubmit(page, { code: totpAt(secret, new Date()) });
    expect(response.status()).toBe(200);
    await keepRecoveryCodes(page);

    // The back office's home: the application waits.
    expect(pathOf(page)).toBe('/admin');
    expect(await heading(page)).toBe('Vue d’ensemble');
    const queue = page.locator('main a[href^="/admin/applications"]', { hasText: /à examiner/ });
    const waiting = /^(\d+) candidatures? à examiner$/.exec(((await queue.textContent()) ?? '').trim());
    expect(waiting, 'no application queue on /admin').not.toBeNull();
    expect(Number(waiting![1])).toBeGreaterThanOrEqual(1);
    await expectAccessible(page);

    // The queue.
    response = await clickAndWait(page, queue);
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/admin/applications');
    expect(await heading(page)).toBe('Candidatures');
    const row = page.locator('main table tbody tr', { hasText: APPLICATION.name });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(2).textContent()).toBe('Guatemala');
    await expectAccessible(page);

    // The application.
    response = await clickAndWait(page, row.locator('a'));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toMatch(/^\/admin\/applications\/\d+$/);
    expect(await heading(page)).toBe(APPLICATION.name);
    expect(await page.locator('main dl.facts').textContent()).toContain(APPLICATION.contact_email);
    expect(await text(page, 'main p.prose')).toBe(APPLICATION.motivation);
    await expectAccessible(page);

    // Approving asks first, on a page of its own.
    response = await clickAndWait(page, page.getByRole('button', { name: 'Accepter' }));
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe(`Accepter la candidature de ${APPLICATION.name} ?`);
    await expectAccessible(page);
    response = await clickAndWait(page, page.getByRole('button', { name: 'Oui, accepter' }));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toMatch(/^\/admin\/applications\/\d+\?done=approved$/);
    expect(await text(page, 'main [role="status"]')).toBe(
      'La candidature est acceptée : l’organisation figure dans l’annuaire et sa personne de contact est invitée.',
    );
    // Decided: no more buttons to decide with.
    expect(await page.getByRole('button', { name: 'Accepter' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('shows the organization at once in the directory, in every language, and counts it', async () => {
    expect(partnersBefore, 'the count before the decision was not read').toBeGreaterThanOrEqual(0);
    const page = await person('es-ES');

    for (const locale of ['fr', 'en', 'es']) {
      await expect
        .poll(async () => (await directoryLinks(page, locale)).length, {
          message: `/${locale}/partners?q=${SEARCH_WORD} does not list the organization`,
          timeout: CACHE_DELAY_MS,
          interval: 250,
        })
        .toBe(1);
      const [href] = await directoryLinks(page, locale);
      const match = new RegExp(`^/${locale}/partners/([a-z0-9-]+)$`).exec(href ?? '');
      expect(match, `unexpected link ${href ?? ''}`).not.toBeNull();
      slug ||= match![1]!;
      expect(match![1]).toBe(slug);
      if (locale === 'es') {
        expect(await text(page, 'main [role="status"]')).toBe('1 socio');
        await expectAccessible(page);
      }
    }

    const response = await goto(page, `/es/partners/${slug}`);
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe(APPLICATION.name);
    const facts = await text(page, 'main dl.facts');
    expect(facts).toContain('Organización de la sociedad civil');
    expect(facts).toContain('Guatemala');
    expect(facts).toContain('tlaloc.example.org');
    await expectAccessible(page);

    await expect
      .poll(() => homePartnerCount(page), {
        message: 'the English home page does not count the new partner',
        timeout: CACHE_DELAY_MS,
        interval: 250,
      })
      .toBe(partnersBefore + 1);
  });

  it('tells the contact, in Spanish, that the application is accepted, then invites them to keep the profile', async () => {
    const mail = await waitForMail(APPLICATION.contact_email);
    expect(mail.subject).toBe('Su solicitud a la Alianza 8.7 ha sido aceptada');
    expect(mail.text).toContain(`Hola, ${APPLICATION.contact_name}:`);
    expect(mail.text.indexOf('ha aceptado la solicitud')).toBeGreaterThan(0);
    expect(mail.text.indexOf('/es/account/set-password?token=')).toBeGreaterThan(
      mail.text.indexOf('ha aceptado la solicitud'),
    );
    const page = await person('es-ES');
    expect((await goto(page, standingLink)).status()).toBe(200);
    expect(await text(page, 'main [role="status"] strong')).toBe('Aceptada');
    invitationLink = extractLinks(mail.text).find((link) => link.includes('/account/set-password')) ?? '';
  });

  it('lets the contact, in Spanish, ask for a new name, which goes to the Secretariat', async () => {
    expect(invitationLink, 'no invitation link was received').not.toBe('');
    const page = await person('es-ES');
    let response = await goto(page, invitationLink);
    expect(response.status()).toBe(200);
    response = await fillAndSubmit(page, { password: CONTACT_PASSWORD, password_confirm: CONTACT_PASSWORD });
    expect(response.status()).toBe(200);

    // Their organization, in the back office, in Spanish.
    response = await goto(page, '/admin/organizations');
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe(`/admin/organizations/${slug}`);
    expect(await heading(page)).toBe(APPLICATION.name);
    await expectAccessible(page);

    response = await fillAndSubmit(page, { name_es: NEW_NAME, kind: 'civil_society' });
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe(`/admin/organizations/${slug}?done=change`);
    expect(await text(page, 'main [role="status"]')).toBe('Su solicitud se ha enviado a la Secretaría.');
    await expectAccessible(page);
  });

  it('lets the Secretariat decline the new name with a reason, in French', async () => {
    const page = secretariatPage!;
    let response = await goto(page, '/admin/change-requests');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Changements de nom et de type');
    const request = page.locator('main section.change-request', { hasText: NEW_NAME });
    expect(await request.count()).toBe(1);
    await expectAccessible(page);

    response = await clickAndWait(page, request.getByRole('link', { name: 'Refuser, avec un motif' }));
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toMatch(/^\/admin\/change-requests\/\d+$/);
    await expectAccessible(page);

    // Without a reason: refused, said by the field, and still accessible.
    response = await fillAndSubmit(page, { reason: '' });
    expect(response.status()).toBe(400);
    expect(await text(page, 'main .error-summary')).toContain('Motif du refus');
    await expectAccessible(page);

    response = await fillAndSubmit(page, { reason: DECLINE_REASON });
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/admin/change-requests?done=declined');
    expect(await text(page, 'main [role="status"]')).toBe(
      'Le changement est refusé ; la personne qui l’a demandé en reçoit le motif par courriel.',
    );
    expect(await page.locator('main section.change-request', { hasText: NEW_NAME }).count()).toBe(0);
  });

  it('tells the contact why, in Spanish', async () => {
    const mail = await waitForMail(APPLICATION.contact_email);
    expect(mail.subject).toBe(`El cambio pedido para ${APPLICATION.name}`);
    expect(mail.text).toContain('no lo ha aplicado, por este motivo:');
    expect(mail.text).toContain(DECLINE_REASON);
  });

  it('lists the organization among all others for the Secretariat, with its status history', async () => {
    const page = secretariatPage!;
    let response = await goto(page, '/admin/organizations');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Organisations');
    response = await fillAndSubmit(page, { q: SEARCH_WORD, status: 'active' });
    expect(response.status()).toBe(200);
    const row = page.locator('main table tbody tr', { hasText: APPLICATION.name });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(3).textContent()).toBe('Partenaire actif');
    await expectAccessible(page);

    response = await clickAndWait(page, row.locator('a'));
    expect(response.status()).toBe(200);
    expect(await text(page, 'main')).toContain('Statut actuel : Partenaire actif.');
    expect(await page.locator('main form[action$="/status"]').count()).toBe(1);
    await expectAccessible(page);
  });
});

/** The width of the page's content, which a phone would have to scroll sideways past its screen. */
function pageWidth(): number {
  return (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const APPLY_FILTERS = { fr: 'Appliquer', en: 'Apply', es: 'Aplicar' } as const;

describe('the directory on a phone 390 px wide', () => {
  it.each(['fr', 'en', 'es'] as const)(
    'in %s, folds the filters above the results and filters by touch with checkboxes',
    async (locale) => {
      const page = await people.open(PHONE);
      const response = await goto(page, `/${locale}/partners`);
      expect(response.status()).toBe(200);
      expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
      // Closed: the first partner is on the first screen, the filters' fields are not.
      const fold = page.locator('main details.filters-fold');
      expect(await fold.getAttribute('open')).toBeNull();
      expect(await page.locator('#f-q').isVisible()).toBe(false);
      const first = await page.locator('main ul.partner-list li a').first().boundingBox();
      expect(first, 'no partner listed').not.toBeNull();
      expect(first!.y + first!.height).toBeLessThanOrEqual(844);
      expect(await page.locator('main select[multiple]').count()).toBe(0);
      await expectAccessible(page);

      // Opened by a tap, its checkboxes chosen by taps.
      await page.locator('main details.filters-fold > summary').tap();
      expect(await page.locator('#f-q').isVisible()).toBe(true);
      const country = page.locator('main input[type="checkbox"][name="country"]').first();
      const value = (await country.getAttribute('value')) ?? '';
      await page.locator(`label[for="f-country-${value}"]`).tap();
      expect(await country.isChecked()).toBe(true);
      await expectAccessible(page);
      const filtered = await clickAndWait(page, page.getByRole('button', { name: APPLY_FILTERS[locale], exact: true }));
      expect(filtered.status()).toBe(200);
      expect(new URL(page.url()).searchParams.getAll('country')).toEqual([value]);
      expect(await page.locator(`#f-country-${value}`).isChecked()).toBe(true);
      expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page);
    },
  );

  it('shows the filters open beside the results on a wide screen', async () => {
    const page = await people.open({ viewport: { width: 1280, height: 800 } });
    await goto(page, '/en/partners');
    expect(await page.locator('#f-q').isVisible()).toBe(true);
    expect(await page.locator('main details.filters-fold > summary').isVisible()).toBe(false);
  });
});
