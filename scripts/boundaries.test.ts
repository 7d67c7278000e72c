import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations, moduleOf, readProjectFiles, type SourceFile } from './boundaries.ts';

const file = (filePath: string, ...imports: string[]): SourceFile => ({
  path: filePath,
  text: imports.map((line) => `${line}\n`).join(''),
});

describe('module boundaries', () => {
  it('know which module a file belongs to, sub-folders included', () => {
    expect(moduleOf('src/modules/partners/registry/registry.admin.ts')).toBe('partners');
    expect(moduleOf('src/modules/mail/index.ts')).toBe('mail');
    expect(moduleOf('src/http/errors.ts')).toBeNull();
    expect(moduleOf('src/modules.ts')).toBeNull();
  });

  it('let a module import its own files and other modules through their index.ts', () => {
    expect(
      findViolations([
        file(
          'src/modules/partners/registry/registry.usecases.ts',
          "import { recordOrganizationStatus } from '../partners.repository.ts';",
          "import { recordAudit } from '../../audit/index.ts';",
        ),
        file('src/server.ts', "import { partnersModule } from './modules/partners/index.ts';"),
      ]),
    ).toEqual([]);
  });

  it('refuse any other file of another module, from a module or from outside, types included', () => {
    expect(
      findViolations([
        file('src/modules/stats/stats.repository.ts', "import type { Row } from '../partners/partners.repository.ts';"),
        file('src/http/viewer.ts', '', "export { ROLES } from '../modules/accounts/accounts.roles.ts';"),
        file('test/e2e/journey.test.ts', "const totp = await import('../../src/modules/accounts/accounts.totp.ts');"),
      ]),
    ).toEqual([
      'src/modules/stats/stats.repository.ts:1 imports src/modules/partners/partners.repository.ts: outside the partners module, use src/modules/partners/index.ts',
      'src/http/viewer.ts:2 imports src/modules/accounts/accounts.roles.ts: outside the accounts module, use src/modules/accounts/index.ts',
      'test/e2e/journey.test.ts:1 imports src/modules/accounts/accounts.totp.ts: outside the accounts module, use src/modules/accounts/index.ts',
    ]);
  });

  it('let table files, and the schema, reference other modules’ table files only', () => {
    expect(
      findViolations([
        file(
          'src/modules/accounts/accounts.table.ts',
          "import { organizations } from '../partners/partners.table.ts';",
        ),
        file('src/db/schema.ts', "export * from '../modules/partners/partners.table.ts';"),
      ]),
    ).toEqual([]);
    expect(
      findViolations([
        file(
          'src/modules/accounts/accounts.table.ts',
          "import { ACTION_GROUPS } from '../partners/partners.labels.ts';",
        ),
        file('src/db/migrate.ts', "import { organizations } from '../modules/partners/partners.table.ts';"),
      ]),
    ).toHaveLength(2);
  });

  it('refuse modules that import each other, even through a third one, and say where', () => {
    expect(
      findViolations([
        file('src/modules/accounts/accounts.repository.ts', "import { organizations } from '../partners/index.ts';"),
        file('src/modules/partners/partners.usecases.ts', "import { recordAudit } from '../audit/index.ts';"),
        file(
          'src/modules/audit/audit.admin.ts',
          "import { sendAdminPage } from '../admin/index.ts';",
          "import type { UserRow } from '../accounts/index.ts';",
        ),
      ]),
    ).toEqual([
      'modules import each other: accounts → partners → audit → accounts (src/modules/accounts/accounts.repository.ts:1, src/modules/partners/partners.usecases.ts:1, src/modules/audit/audit.admin.ts:2)',
    ]);
  });

  it('hold in the platform’s own code', () => {
    expect(findViolations(readProjectFiles(path.resolve(import.meta.dirname, '..')))).toEqual([]);
  });
});
