import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, fillAndSubmit, goto, launchBrowser, newPage } from './browser.ts';
import { signInSecretariat } from './people.ts';

/**
 * The Secretariat, in English, takes a country from its expression of interest to the grant of
 * status and names its focal point; the country's public page then shows each step with its date
 * in French, English and Spanish.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
});

const STEPS = [
  { stage: 'under_review', on_date: '2025-02-03', note: 'Presented to the Global Coordinating Group' },
  { stage: 'mapping', on_date: '2025-03-10', note: 'Stakeholder and situational mapping started' },
  { stage: 'strategic_workshop', on_date: '2025-06-05', note: 'Strategic planning workshop held in Accra' },
  { stage: 'roadmap_adopted', on_date: '2025-09-01', note: 'National roadmap adopted' },
] as const;

describe('a country on the pathfinder path', () => {
  it('is moved along by the Secretariat and shown publicly with its dates', { timeout: 120_000 }, async () => {
    const page = await signInSecretariat(browser, 'en', 'pathfinders');
    await goto(page, '/admin/pathfinders');
    let response = await fillAndSubmit(page, {
      country: 'GHA',
      on_date: '2025-01-20',
      note: 'Letter of interest from the Ministry of Employment',
    });
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).search).toBe('?added=GHA');

    await goto(page, '/admin/pathfinders/GHA');
    // A step dated before the last one is refused, with what was typed kept.
    response = await fillAndSubmit(page, { stage: 'declined', on_date: '2025-01-19', note: 'Too early a refusal' });
    expect(response.status()).toBe(400);
    expect(await page.locator('#field-note').inputValue()).toBe('Too early a refusal');
    await expectAccessible(page);

    for (const step of STEPS) {
      response = await fillAndSubmit(page, step, { form: 'main form[action$="/moves"]' });
      expect(response.status(), step.stage).toBe(200);
    }
    response = await fillAndSubmit(
      page,
      {
        stage: 'status_granted',
        on_date: '2025-11-20',
        note: 'Pathfinder status granted',
        decision_reference: 'GCG decision 2025/7',
        decision_date: '2025-11-18',
      },
      { form: 'main form[action$="/moves"]' },
    );
    expect(response.status()).toBe(200);
    await expectAccessible(page);

    response = await fillAndSubmit(page, {
      name: 'Ama Mensah',
      title: 'Chief Director',
      ministry: 'Ministry of Employment and Labour Relations',
      email: 'ama.mensah@example.gov',
      locale: 'es',
      started_on: '2025-11-21',
    });
    expect(response.status()).toBe(200);
    expect(await page.locator('main').textContent()).toContain('ama.mensah@example.gov');

    const visitor = await newPage(browser);
    const expected = {
      fr: ['20 janvier 2025', '3 février 2025', '20 novembre 2025', 'Statut de pays pionnier accordé'],
      en: ['January 20, 2025', 'February 3, 2025', 'November 20, 2025', 'Pathfinder status granted'],
      es: [
        '20 de enero de 2025',
        '3 de febrero de 2025',
        '20 de noviembre de 2025',
        'Estatus de país pionero otorgado',
      ],
    } as const;
    for (const locale of ['fr', 'en', 'es'] as const) {
      await goto(visitor, `/${locale}/pathfinders/GHA`);
      const text = (await visitor.locator('main').textContent()) ?? '';
      for (const words of expected[locale]) expect(text, `${locale}: ${words}`).toContain(words);
      expect(await visitor.locator('ol.timeline > li').count()).toBe(6);
      expect(text).toContain('Ministry of Employment and Labour Relations');
      expect(text).not.toContain('ama.mensah@example.gov');
      await expectAccessible(visitor);
    }
    await visitor.context().close();
    await page.context().close();
  });
});

describe('a demonstration country with an illustrative roadmap', () => {
  it(
    'says above the roadmap and on the report that they are illustrative, accessibly',
    { timeout: 60_000 },
    async () => {
      const visitor = await newPage(browser);
      await goto(visitor, '/fr/pathfinders/PER');
      const notices = visitor.locator('main p.notice[role="note"]');
      expect(await notices.allTextContents()).toEqual([
        'Démonstration : cette feuille de route est une illustration. Elle montre comment une feuille de route se présente sur la plateforme et ne décrit pas celle du pays ; ses montants sont des chiffres ronds d’illustration, pas un budget.',
        'Démonstration : ce rapport d’avancement est une illustration. Il montre comment un rapport annuel se présente sur la plateforme et ne décrit pas ce que le pays a fait.',
      ]);
      expect(await visitor.locator('main strong[lang="es"]').first().textContent()).toBe(
        'Acción ilustrativa: reunir un grupo de trabajo de ejemplo',
      );
      await expectAccessible(visitor);
      await visitor.context().close();
    },
  );
});
