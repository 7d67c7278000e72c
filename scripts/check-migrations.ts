/**
 * Fails when the tables declared in the code differ from what the committed migrations build:
 * it runs drizzle-kit on a copy of drizzle/ and checks that no new migration comes out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// drizzle-kit takes its output folder relative to the project, so the copy lives inside it.
fs.mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const copy = fs.mkdtempSync(path.join(root, 'node_modules/.cache/a87-migrations-'));
try {
  fs.cpSync(path.join(root, 'drizzle'), copy, { recursive: true });
  const before = fs.readdirSync(copy).filter((name) => name.endsWith('.sql')).length;
  execFileSync(
    path.join(root, 'node_modules/.bin/drizzle-kit'),
    [
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/db/schema.ts',
      '--out',
      path.relative(root, copy),
      '--name',
      'drift',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!fs.existsSync(path.join(copy, 'meta/_journal.json'))) throw new Error('drizzle-kit did not read the migrations');
  const after = fs.readdirSync(copy).filter((name) => name.endsWith('.sql'));
  if (after.length !== before) {
    const drift = after.find((name) => name.includes('drift'));
    process.stderr.write(
      'The schema in src/ has changed without a migration. Run `npm run db:generate` and commit the result.\n' +
        (drift ? fs.readFileSync(path.join(copy, drift), 'utf8') : ''),
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('Migrations match the schema.\n');
  }
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
