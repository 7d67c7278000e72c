/** `npm run lint`'s check of the module boundaries (see scripts/boundaries.ts): exits 1 on any violation. */
import path from 'node:path';
import { findViolations, readProjectFiles } from './boundaries.ts';

const violations = findViolations(readProjectFiles(path.resolve(import.meta.dirname, '..')));
if (violations.length > 0) {
  process.stderr.write(`Module boundaries (see "Modules" in docs/architecture.md):\n${violations.join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('Modules meet only through their index.ts, without cycles.\n');
}
