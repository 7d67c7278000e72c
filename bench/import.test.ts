import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureImport, writeTidyFile } from './import.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-bench-import-test-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('the import benchmark', () => {
  it('generates rows that each have dimensions of their own', async () => {
    const file = path.join(folder, 'small.csv');
    await writeTidyFile(file, 5000);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('indicator,geo,year,value,sex,age,nature,unit,source');
    expect(lines).toHaveLength(5001);
    const dimensions = new Set(
      lines.slice(1).map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 3)
          .join(','),
      ),
    );
    expect(dimensions.size).toBe(5000);
    // The first rows: the first indicator, year and country, each sex and age group in turn.
    expect(lines.slice(1, 3)).toEqual([
      'BENCH.IMPORT.1,ABW,1990,0,total,5-17,E,PERCENT,Generated for the benchmark',
      // 7919 mod 1000 = 919, in tenths.
      'BENCH.IMPORT.1,ABW,1990,91.9,total,5-11,E,PERCENT,Generated for the benchmark',
    ]);
  });

  it('imports the file with the command line into a fresh database and checks what it reports', async () => {
    const file = path.join(folder, 'import.csv');
    await writeTidyFile(file, 3000);
    const measure = await measureImport({
      database: 'embedded',
      env: { DATA_DIR: path.join(folder, 'data'), DATABASE_URL: '' },
      file,
      rows: 3000,
    });
    expect(measure.rows).toBe(3000);
    expect(measure.report).toContain(
      'BENCH.IMPORT.1 (new draft indicator): version 1, 3000 added, 0 changed, 0 unchanged.',
    );
    expect(measure.seconds).toBeGreaterThan(0);
    expect(measure.peakMb).toBeGreaterThan(10);
  }, 120_000);
});
