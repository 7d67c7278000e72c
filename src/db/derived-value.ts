/**
 * A value computed from some tables and kept in memory until one of them changes: the server
 * calls `invalidate(table)` from the change feed (decision 003). A computation that was running
 * when a change arrived is not kept; several callers waiting at once share one computation.
 * `key` adds what else the value depends on (today's date, for instance).
 */
export interface DerivedValue<T> {
  get(): Promise<T>;
  /** A table changed (or, without one, anything may have: after a lost connection). */
  invalidate(table?: string): void;
}

export function derivedValue<T>(input: {
  tables: readonly string[];
  compute: () => Promise<T>;
  key?: () => string;
}): DerivedValue<T> {
  let generation = 0;
  let kept: { key: string; generation: number; value: T } | null = null;
  let running: { key: string; generation: number; promise: Promise<T> } | null = null;
  const keyOf = input.key ?? (() => '');

  return {
    get() {
      const key = keyOf();
      if (kept && kept.key === key && kept.generation === generation) return Promise.resolve(kept.value);
      if (running && running.key === key && running.generation === generation) return running.promise;
      const startedAt = generation;
      const promise = input.compute().then((value) => {
        if (generation === startedAt) kept = { key, generation: startedAt, value };
        return value;
      });
      const current = { key, generation: startedAt, promise };
      running = current;
      const clear = () => {
        if (running === current) running = null;
      };
      promise.then(clear, clear);
      return promise;
    },
    invalidate(table) {
      if (table !== undefined && !input.tables.includes(table)) return;
      generation += 1;
      kept = null;
    },
  };
}
