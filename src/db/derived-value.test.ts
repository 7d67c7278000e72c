import { describe, expect, it } from 'vitest';
import { derivedValue } from './derived-value.ts';

describe('a value derived from tables', () => {
  it('is computed once, again after a change to one of its tables or of its key, not after others', async () => {
    let computed = 0;
    let day = '2026-11-28';
    const value = derivedValue({
      tables: ['organizations'],
      compute: () => Promise.resolve(++computed),
      key: () => day,
    });
    expect(await Promise.all([value.get(), value.get()])).toEqual([1, 1]);
    expect(await value.get()).toBe(1);
    value.invalidate('users');
    expect(await value.get()).toBe(1);
    value.invalidate('organizations');
    expect(await value.get()).toBe(2);
    day = '2026-11-29';
    expect(await value.get()).toBe(3);
    value.invalidate();
    expect(await value.get()).toBe(4);
  });

  it('does not keep what was computed while a change arrived', async () => {
    let computed = 0;
    let release: () => void = () => undefined;
    const value = derivedValue({
      tables: ['organizations'],
      compute: async () => {
        computed += 1;
        const mine = computed;
        if (mine === 1) await new Promise<void>((resolve) => (release = resolve));
        return mine;
      },
    });
    const first = value.get();
    value.invalidate('organizations');
    release();
    expect(await first).toBe(1);
    expect(await value.get()).toBe(2);
    expect(await value.get()).toBe(2);
  });

  it('computes again after a failure', async () => {
    let calls = 0;
    const value = derivedValue({
      tables: [],
      compute: () => (++calls === 1 ? Promise.reject(new Error('database away')) : Promise.resolve(calls)),
    });
    await expect(value.get()).rejects.toThrow('database away');
    expect(await value.get()).toBe(2);
  });
});
