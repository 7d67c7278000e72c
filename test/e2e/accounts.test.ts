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
import { firstStartLink } from './server.ts';

/**
 * The accounts journey, in French, as people live it: the Secretariat opens the link printed at
 * the first start, sets a password and a second factor, and invites Marie; Marie gets the
 * invitation through a real SMTP server, sets her password, signs out and signs in again.
 * Each person has a browser context of their own; every page they pass is checked with axe.
 */

const SECRETARIAT = { name: 'Camille Martin', password: 'une phrase de passe du Secrétariat' };
const MARIE = { email: 'marie.dupont@example.org', name: 'Marie Dupont', password: 'le mot de passe de Marie' };

const people = useBrowser();

/** A new person: a browser context of their own, in French. */
async function person(): Promise<Page> {
  const page = await people.open({ locale: 'fr-FR' });
  return page;
}

/** The code an authenticator app shows now for a base32 secret (RFC 6238: SHA-1, 30 s, 6 digits). */
function currentTotp(secret: string): string {
  return hotp({ secret: decodeBase32(secret), counter: totpStep(new Date()) });
}

async function signOut(page: Page): Promise<void> {
  const response = await clickAndWait(page, page.getByRole('button', { name: 'Se déconnecter' }));
  expect(response.status()).toBe(200);
  expect(pathOf(page)).toBe('/fr/sign-in?signed_out=1');
  expect(((await page.locator('main [role="status"]').textContent()) ?? '').trim()).toBe('Vous êtes déconnecté·e.');
}

describe('accounts journey in French', () => {
  let invitationLink = '';

  it('lets the Secretariat set up its account from the first-start link and invite Marie', async () => {
    const page = await person();
    const link = firstStartLink();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fr\/account\/set-password\?token=/);

    // The one-time link: a name and a password.
    const opened = await goto(page, link);
    expect(opened.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await heading(page)).toBe('Choisissez votre mot de passe');
    await expectAccessible(page);
    let response = await fillAndSubmit(page, {
      name: SECRETARIAT.name,
      password: SECRETARIAT.password,
      password_confirm: SECRETARIAT.password,
    });
    expect(response.status()).toBe(200);

    // The second factor, with the key typed by hand rather than scanned.
    expect(pathOf(page)).toBe('/fr/account/second-factor');
    expect(await heading(page)).toBe('Configurez votre second facteur');
    await expectAccessible(page);
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    response = await fillAndSubmit(page, { code: currentTotp(secret) });
    expect(response.status()).toBe(200);

    // The recovery codes, shown once.
    expect(await heading(page)).toBe('Vos codes de secours');
    await expectAccessible(page);
    const codes = await keepRecoveryCodes(page);
    expect(codes.every((code) => /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/.test(code))).toBe(true);

    // The back office.
    expect(pathOf(page)).toBe('/admin');
    expect(await heading(page)).toBe('Vue d’ensemble');
    expect(await page.locator('nav.admin-nav a[href="/admin/users"]').count()).toBe(1);
    await expectAccessible(page);

    // The invitation.
    response = await goto(page, '/admin/users/invite');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Inviter une personne');
    await expectAccessible(page);
    response = await fillAndSubmit(page, {
      email: MARIE.email,
      name: MARIE.name,
      locale: 'fr',
      role: 'gcg_member',
    });
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toMatch(/^\/admin\/users\/\d+\?done=invited$/);
    expect(await heading(page)).toBe(MARIE.name);
    expect(((await page.locator('main [role="status"]').textContent()) ?? '').trim()).toBe('L’invitation est envoyée.');
    await expectAccessible(page);

    // The audit log records it, in a sentence.
    response = await goto(page, '/admin/audit');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Journal d’audit');
    const invitation = `${SECRETARIAT.name} a invité ${MARIE.name}`;
    expect(await page.locator('main table td', { hasText: invitation }).count()).toBe(1);
    await expectAccessible(page);

    // The outbox lists the message.
    response = await goto(page, '/admin/outbox');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Boîte d’envoi');
    await expect.poll(async () => (await page.locator('main table tbody').textContent()) ?? '').toContain(MARIE.email);
    await expectAccessible(page);
  });

  it('delivers the invitation to Marie, in French, through the SMTP server', async () => {
    const mail = await waitForMail(MARIE.email);
    expect(mail.subject).toBe('Votre invitation à la plateforme de l’Alliance 8.7');
    expect(mail.text).toContain('Bonjour Marie Dupont');
    const links = extractLinks(mail.text).filter((link) => link.includes('/fr/account/set-password?token='));
    expect(links).toHaveLength(1);
    invitationLink = links[0]!;
    expect(invitationLink.startsWith(`${new URL(firstStartLink()).origin}/`)).toBe(true);
  });

  it('lets Marie set her password, sign out and sign in again', async () => {
    expect(invitationLink, 'the invitation did not arrive').not.toBe('');
    const page = await person();

    let response = await goto(page, invitationLink);
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Choisissez votre mot de passe');
    // The Secretariat gave her name: only the password is asked.
    expect(await page.locator('main [name="name"]').count()).toBe(0);
    await expectAccessible(page);
    response = await fillAndSubmit(page, { password: MARIE.password, password_confirm: MARIE.password });
    expect(response.status()).toBe(200);

    // No second factor for her role: straight to the back office, without the Secretariat's menu.
    expect(pathOf(page)).toBe('/admin');
    expect(await heading(page)).toBe('Vue d’ensemble');
    expect(await page.locator('nav.admin-nav a[href="/admin"]').count()).toBe(1);
    expect(await page.locator('a[href="/admin/users"]').count()).toBe(0);
    await expectAccessible(page);

    await signOut(page);
    await expectAccessible(page);

    response = await goto(page, '/fr/sign-in');
    expect(response.status()).toBe(200);
    expect(await heading(page)).toBe('Connexion');
    await expectAccessible(page);
    response = await fillAndSubmit(page, { email: MARIE.email, password: MARIE.password });
    expect(response.status()).toBe(200);
    expect(pathOf(page)).toBe('/admin');
    expect(await heading(page)).toBe('Vue d’ensemble');

    await signOut(page);
  });
});

describe('sign-in form errors in French', () => {
  it('lists what is missing, keeps the e-mail typed and stays accessible', async () => {
    const page = await person();
    await goto(page, '/fr/sign-in');

    let response = await fillAndSubmit(page, {}, { form: 'main form[action="/fr/sign-in"]' });
    expect(response.status()).toBe(400);
    expect(pathOf(page)).toBe('/fr/sign-in');
    const summary = page.locator('main .error-summary');
    expect(((await summary.locator('h2').textContent()) ?? '').trim()).toBe('Il y a 2 problèmes');
    const problems = await summary.locator('li').allTextContents();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Adresse électronique\s*:\s*Ce champ est obligatoire\.$/);
    expect(problems[1]).toMatch(/^Mot de passe\s*:\s*Ce champ est obligatoire\.$/);
    // Each problem links to its field.
    expect(await summary.locator('a').nth(0).getAttribute('href')).toBe('#field-email');
    expect(await summary.locator('a').nth(1).getAttribute('href')).toBe('#field-password');

    response = await fillAndSubmit(page, { email: MARIE.email });
    expect(response.status()).toBe(400);
    const remaining = await summary.locator('li').allTextContents();
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toMatch(/^Mot de passe\s*:\s*Ce champ est obligatoire\.$/);
    expect(await page.locator('#field-email').inputValue()).toBe(MARIE.email);
    expect(await page.locator('#field-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page);
  });
});
