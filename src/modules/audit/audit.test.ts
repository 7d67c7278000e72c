import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';
import { CLI_ACTOR, recordAudit } from './index.ts';

const platform = useTestApp();

/** The sentences of the audit page, in the order shown (newest first), without their markup. */
function sentences(body: string): string[] {
  return [...body.matchAll(/<td data-label="[^"]+">([^<]*)<\/td>\s*<td data-label="[^"]+"><details>/g)].map((match) =>
    match[1]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

async function signedInSecretariat(input: { name: string; locale: 'fr' | 'en' | 'es' }) {
  const person = await createTestUser({
    database: platform.database,
    roles: [{ role: 'secretariat' }],
    totp: true,
    ...input,
  });
  const client = new TestClient(platform.server.app);
  await client.signIn({ email: person.email, totpSecret: person.totpSecret });
  return { ...person, client };
}

describe('the audit log', () => {
  it('tells who did what in sentences, with names, in the reader’s language, details kept', async () => {
    const { pool } = platform.database;
    const organization = await pool.query<{ id: number }>(
      `INSERT INTO organizations (slug, name, kind, status) VALUES ('organisation-x', 'Organisation X', 'academic', 'active') RETURNING id`,
    );
    const organizationId = organization.rows[0]!.id;
    await pool.query(
      `INSERT INTO organization_translations (organization_id, locale, name) VALUES ($1, 'es', 'Organización X')`,
      [organizationId],
    );
    const ana = await signedInSecretariat({ name: 'Ana García', locale: 'en' });
    const juan = await createTestUser({ database: platform.database, name: 'Juan Pérez', roles: [] });

    const granted = await ana.client.submit({
      page: `/admin/users/${juan.id}`,
      action: `/admin/users/${juan.id}/roles`,
      fields: { role: 'partner_rep', organization: 'organisation-x' },
    });
    expect(granted.statusCode).toBe(303);
    const withCountry = await ana.client.submit({
      page: `/admin/users/${juan.id}`,
      action: `/admin/users/${juan.id}/roles`,
      fields: { role: 'focal_point', country: 'PER' },
    });
    expect(withCountry.statusCode).toBe(303);
    await recordAudit(platform.database.db, {
      actor: CLI_ACTOR,
      action: 'imports.something_new',
      entityType: 'import',
      after: { file: 'x.csv' },
    });

    const english = await ana.client.get(`/admin/audit?entity=user&entity_id=${juan.id}`);
    expect(english.statusCode).toBe(200);
    expect(sentences(english.body)).toEqual([
      'Ana García granted the role Pathfinder country focal point (Peru) to Juan Pérez',
      'Ana García granted the role Partner representative (Organisation X) to Juan Pérez',
    ]);
    // The record itself is one click away: its code, the address it came from, and what changed.
    expect(english.body).toContain('<summary>The record</summary>');
    expect(english.body).toContain('Recorded as accounts.role_granted');
    expect(english.body).toContain(`&quot;organizationId&quot;: ${organizationId}`);
    expect(english.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">[^<]+ UTC<\/time>/);
    // No number stands for a person or an organization in the sentences.
    expect(sentences(english.body).join(' ')).not.toMatch(/#?\d/);

    const bea = await signedInSecretariat({ name: 'Beatriz Ruiz', locale: 'es' });
    const spanish = await bea.client.get(`/admin/audit?entity=user&entity_id=${juan.id}`);
    expect(sentences(spanish.body)).toEqual([
      'Ana García concedió el rol Punto focal de un país pionero (Perú) a Juan Pérez',
      'Ana García concedió el rol Representante de un socio (Organización X) a Juan Pérez',
    ]);

    const claire = await signedInSecretariat({ name: 'Claire Martin', locale: 'fr' });
    const french = await claire.client.get(`/admin/audit?actor=${encodeURIComponent(ana.email)}&entity=user`);
    expect(sentences(french.body)).toEqual([
      'Ana García a attribué le rôle Point focal d’un pays pionnier (Pérou) à Juan Pérez',
      'Ana García a attribué le rôle Représentant·e d’un partenaire (Organisation X) à Juan Pérez',
      'Ana García s’est connecté·e',
      'Ana García a donné son mot de passe ; le code à usage unique restait à saisir',
    ]);
    // The filter offers the kinds of records by name.
    expect(french.body).toContain('<option value="user" selected>Comptes</option>');

    // Something the log does not know how to tell is shown by its code, never hidden.
    const other = await claire.client.get('/admin/audit?entity=import');
    expect(sentences(other.body)).toEqual(['La ligne de commande : imports.something_new']);
    expect(other.body).toContain('<option value="import" selected>import</option>');
  });

  it('names people the platform does not know by the address they typed', async () => {
    const failed = await new TestClient(platform.server.app).submit({
      page: '/en/sign-in',
      fields: { email: 'nobody@example.org', password: 'not a password of anyone' },
    });
    expect(failed.statusCode).toBe(401);
    const reader = await signedInSecretariat({ name: 'Dana Reader', locale: 'en' });
    const page = await reader.client.get('/admin/audit?entity_id=nobody%40example.org');
    expect(sentences(page.body)).toEqual(['Failed sign-in for nobody@example.org']);
  });
});
