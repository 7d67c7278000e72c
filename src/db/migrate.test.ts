import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { applyMigrations } from './migrate.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe('the migrations', () => {
  it('build every table and the extensions the features need', async () => {
    const tables = await database.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'app_state',
      'audit_log',
      'auth_attempts',
      'content_figures',
      'content_menu_items',
      'content_page_revisions',
      'content_page_translations',
      'content_pages',
      'content_slug_redirects',
      'data_versions',
      'email_confirmations',
      'indicator_translations',
      'indicators',
      'mail_outbox',
      'news_images',
      'news_stories',
      'news_story_translations',
      'observations',
      'one_time_tokens',
      'organization_action_groups',
      'organization_change_requests',
      'organization_logos',
      'organization_status_history',
      'organization_translations',
      'organizations',
      'partner_application_events',
      'partner_applications',
      'pathfinder_commitments',
      'pathfinder_countries',
      'pathfinder_focal_points',
      'pathfinder_instruments',
      'pathfinder_interest_letters',
      'pathfinder_interests',
      'pathfinder_ratifications',
      'pathfinder_report_actions',
      'pathfinder_report_attachments',
      'pathfinder_reports',
      'pathfinder_roadmap_actions',
      'pathfinder_roadmap_priorities',
      'pathfinder_roadmap_versions',
      'pathfinder_stage_moves',
      'pathfinder_support_requests',
      'pathfinder_workshop_documents',
      'pathfinder_workshop_organizers',
      'pathfinder_workshops',
      'recovery_codes',
      'role_assignments',
      'sessions',
      'users',
    ]);
    const extensions = await database.pool.query<{ extname: string }>(
      `SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY extname`,
    );
    expect(extensions.rows.map((row) => row.extname)).toEqual(['pg_trgm', 'unaccent']);
  });

  it('announce changes of the tables behind public pages', async () => {
    const triggers = await database.pool.query<{ table: string }>(
      `SELECT DISTINCT event_object_table AS table FROM information_schema.triggers
        WHERE action_statement LIKE '%a87_announce_change%' ORDER BY 1`,
    );
    expect(triggers.rows.map((row) => row.table)).toEqual([
      'content_figures',
      'content_menu_items',
      'content_page_translations',
      'content_pages',
      'content_slug_redirects',
      'data_versions',
      'indicator_translations',
      'indicators',
      'news_stories',
      'news_story_translations',
      'observations',
      'organization_action_groups',
      'organization_logos',
      'organization_status_history',
      'organization_translations',
      'organizations',
      'pathfinder_commitments',
      'pathfinder_countries',
      'pathfinder_focal_points',
      'pathfinder_instruments',
      'pathfinder_ratifications',
      'pathfinder_report_actions',
      'pathfinder_reports',
      'pathfinder_roadmap_actions',
      'pathfinder_roadmap_priorities',
      'pathfinder_roadmap_versions',
      'pathfinder_stage_moves',
      'pathfinder_workshop_documents',
      'pathfinder_workshop_organizers',
      'pathfinder_workshops',
    ]);
  });

  it('do nothing when applied again', async () => {
    await expect(applyMigrations(database)).resolves.toEqual({ applied: 0 });
  });
});
