import type { Db } from '../../../db/database.ts';
import { countryName } from '../../../i18n/countries.ts';
import { isLocale, LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { countriesOfRegion, regionOfCountry, type Region } from '../../../i18n/regions.ts';
import { derivedValue } from '../../../db/derived-value.ts';
import { readActivePartners } from './directory.repository.ts';
import type { DirectoryQuery } from './directory.schemas.ts';
import { PARTNER_TABLES, type ActionGroup, type OrganizationKind } from '../partners.table.ts';

/** One active partner as the directory, its downloads and the API list it. */
export interface DirectoryEntry {
  id: number;
  slug: string;
  /** The name in the organization's own usage, shown when it gave none in the reader's language. */
  name: string;
  kind: OrganizationKind;
  country: string | null;
  region: Region | null;
  website: string | null;
  isDemo: boolean;
  joinedOn: string | null;
  texts: Partial<Record<Locale, { name: string; description: string }>>;
  actionGroups: ActionGroup[];
  /** Every name of the organization, folded by `foldForSearch`. */
  searchKeys: string[];
}

export interface DirectoryFacetCounts {
  kind: Map<OrganizationKind, number>;
  region: Map<Region, number>;
  country: Map<string, number>;
  actionGroup: Map<ActionGroup, number>;
}

export interface DirectoryResult {
  total: number;
  /** The entries of the requested page, in the requested order. */
  entries: DirectoryEntry[];
  /** For each filter, how many partners each value would give with the other filters applied. */
  facets: DirectoryFacetCounts;
}

export interface DirectoryIndex {
  search(input: { query: DirectoryQuery; locale: Locale }): Promise<DirectoryResult>;
  /**
   * A table changed (or, without one, anything may have): if it is one of the partner tables, the
   * records are read again (soon in the background, or by the next search).
   */
  invalidate(table?: string): void;
  /** Stops background reads and waits for one in progress. */
  close(): Promise<void>;
  stats(): { loads: number; entries: number; lastLoadMs: number | null };
}

/** Letters that lose no mark when decomposed but are searched as plain Latin letters. */
const PLAIN_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
};

/**
 * Folds a name or a search for matching: lower case, accents and other marks removed, a few
 * letters spelled out (œ → oe), typographic apostrophes and runs of spaces made plain.
 */
export function foldForSearch(text: string): string {
  let folded = text.toLowerCase();
  // Most names are plain ASCII: the costly steps are for the others only.
  if (NOT_ASCII.test(folded)) {
    folded = folded
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[ßæœøłđðþıħŧŋ]/g, (letter) => PLAIN_LETTERS[letter] ?? letter)
      .replace(/[\u2018\u2019\u02bc]/g, "'");
  }
  return folded.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
}

/** Anything but printable ASCII, tabs and line breaks. */
const NOT_ASCII = /[^\t\n\r -~]/;

/**
 * The name the directory shows in a language: the reader's, else the site's default language's,
 * else the organization's own name (with the language of the translation that spells it so, if any).
 */
export function displayNameOf(
  entry: Pick<DirectoryEntry, 'name' | 'texts'>,
  locale: Locale,
  defaultLocale: Locale,
): { name: string; locale: Locale | null } {
  for (const candidate of [locale, defaultLocale]) {
    const text = entry.texts[candidate];
    if (text) return { name: text.name, locale: candidate };
  }
  return { name: entry.name, locale: LOCALES.find((candidate) => entry.texts[candidate]?.name === entry.name) ?? null };
}

interface Snapshot {
  entries: DirectoryEntry[];
  /** The entries in each order a reader may ask for, sorted once per snapshot on first use. */
  orders: Map<string, DirectoryEntry[]>;
}

/**
 * Reads the records and builds the entries. `folded` holds the folded names of the previous
 * snapshot: names that did not change are not folded again; the map returned is the new one.
 */
async function loadEntries(
  db: Db,
  previous: ReadonlyMap<string, string>,
): Promise<{ entries: DirectoryEntry[]; folded: Map<string, string> }> {
  const records = await readActivePartners(db);
  const folded = new Map<string, string>();
  const fold = (name: string): string => {
    let key = folded.get(name) ?? previous.get(name);
    if (key === undefined) key = foldForSearch(name);
    folded.set(name, key);
    return key;
  };
  const byId = new Map<number, DirectoryEntry>();
  for (const row of records.organizations) {
    byId.set(row.id, {
      ...row,
      region: row.country ? regionOfCountry(row.country) : null,
      texts: {},
      actionGroups: [],
      searchKeys: [],
    });
  }
  for (const text of records.texts) {
    const entry = byId.get(text.id);
    if (entry && isLocale(text.locale)) entry.texts[text.locale] = { name: text.name, description: text.description };
  }
  for (const group of records.groups) byId.get(group.id)?.actionGroups.push(group.group);
  for (const entry of byId.values()) {
    const names = [entry.name, ...Object.values(entry.texts).map((text) => text.name)];
    entry.searchKeys = [...new Set(names.map(fold))];
  }
  return { entries: [...byId.values()], folded };
}

const collators = new Map<Locale, Intl.Collator>();
function collatorFor(locale: Locale): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, collator);
  }
  return collator;
}

function sortEntries(
  entries: DirectoryEntry[],
  sort: DirectoryQuery['sort'],
  locale: Locale,
  defaultLocale: Locale,
): DirectoryEntry[] {
  const collator = collatorFor(locale);
  const names = new Map(entries.map((entry) => [entry, displayNameOf(entry, locale, defaultLocale).name]));
  const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
    collator.compare(names.get(a) ?? '', names.get(b) ?? '') || a.id - b.id;
  if (sort === 'newest') {
    // Most recent first; a partner without a date (none should be) goes last.
    return [...entries].sort(
      (a, b) => (b.joinedOn ?? '').localeCompare(a.joinedOn ?? '') || b.id - a.id || byName(a, b),
    );
  }
  if (sort === 'country') {
    const countries = new Map(
      entries.map((entry) => [entry, entry.country ? countryName({ iso3: entry.country, locale }) : null]),
    );
    return [...entries].sort((a, b) => {
      const first = countries.get(a) ?? null;
      const second = countries.get(b) ?? null;
      if (first !== second) {
        if (first === null) return 1;
        if (second === null) return -1;
        const order = collator.compare(first, second);
        if (order !== 0) return order;
      }
      return byName(a, b);
    });
  }
  return [...entries].sort(byName);
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Filters, counts and pages a snapshot for one query; everything in memory, one pass. */
export function querySnapshot(input: { ordered: DirectoryEntry[]; query: DirectoryQuery }): DirectoryResult {
  const { query } = input;
  const terms = query.q ? foldForSearch(query.q).split(' ').filter(Boolean) : [];
  const kinds = new Set<string>(query.kind);
  const countries = new Set(query.country);
  const regionCountries = new Set(query.region.flatMap((region) => countriesOfRegion(region)));
  const groups = new Set<string>(query.action_group);
  const facets: DirectoryFacetCounts = {
    kind: new Map(),
    region: new Map(),
    country: new Map(),
    actionGroup: new Map(),
  };
  const matches: DirectoryEntry[] = [];
  for (const entry of input.ordered) {
    // A partner matches a search when one of its names holds every word of it.
    const bySearch = terms.length === 0 || entry.searchKeys.some((key) => terms.every((term) => key.includes(term)));
    if (!bySearch) continue;
    const byKind = kinds.size === 0 || kinds.has(entry.kind);
    const byCountry = countries.size === 0 || (entry.country !== null && countries.has(entry.country));
    const byRegion = regionCountries.size === 0 || (entry.country !== null && regionCountries.has(entry.country));
    const byGroup = groups.size === 0 || entry.actionGroups.some((group) => groups.has(group));
    if (byCountry && byRegion && byGroup) increment(facets.kind, entry.kind);
    if (byKind && byRegion && byGroup && entry.country) increment(facets.country, entry.country);
    if (byKind && byCountry && byGroup && entry.region) increment(facets.region, entry.region);
    if (byKind && byCountry && byRegion) for (const group of entry.actionGroups) increment(facets.actionGroup, group);
    if (byKind && byCountry && byRegion && byGroup) matches.push(entry);
  }
  const start = (query.page - 1) * query.per_page;
  return { total: matches.length, entries: matches.slice(start, start + query.per_page), facets };
}

/**
 * The active partners' public records, held in memory by each app process and searched there:
 * the directory, its counts and the API list answer without a query per request. The server
 * calls `invalidate()` when the change feed reports a change to one of the partner tables; the
 * next search then loads the records again (once, however many searches wait for it).
 */
export function createDirectoryIndex(input: {
  db: Db;
  defaultLocale: Locale;
  /** How long after a change the records are read again in the background; null: on the next search only. */
  refreshDelayMs?: number | null;
  onError?: (error: Error) => void;
}): DirectoryIndex {
  const refreshDelayMs = input.refreshDelayMs === undefined ? 50 : input.refreshDelayMs;
  let folded: ReadonlyMap<string, string> = new Map();
  let loads = 0;
  let lastLoadMs: number | null = null;
  let lastEntries = 0;
  let reading: Promise<unknown> = Promise.resolve();
  let refreshTimer: NodeJS.Timeout | null = null;
  let closed = false;

  // One read however many searches wait; a read that began before a change is not kept.
  const records = derivedValue<Snapshot>({
    tables: PARTNER_TABLES,
    compute: () => {
      const began = performance.now();
      const read = loadEntries(input.db, folded).then((loaded): Snapshot => {
        folded = loaded.folded;
        loads += 1;
        lastLoadMs = performance.now() - began;
        lastEntries = loaded.entries.length;
        return { entries: loaded.entries, orders: new Map() };
      });
      reading = read.catch(() => undefined);
      return read;
    },
  });

  const ordered = (current: Snapshot, locale: Locale, sort: DirectoryQuery['sort']): DirectoryEntry[] => {
    const key = `${locale}:${sort}`;
    let entries = current.orders.get(key);
    if (!entries) {
      entries = sortEntries(current.entries, sort, locale, input.defaultLocale);
      current.orders.set(key, entries);
    }
    return entries;
  };

  /** Reads the records again soon after a change, so that the next visitor does not wait for it. */
  const scheduleRefresh = () => {
    if (refreshDelayMs === null || closed || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      if (closed) return;
      records
        .get()
        .then((current) => {
          // The default order in every language, ready for the first page.
          for (const locale of LOCALES) ordered(current, locale, 'name');
        })
        .catch((error: unknown) => input.onError?.(error instanceof Error ? error : new Error(String(error))));
    }, refreshDelayMs);
    refreshTimer.unref();
  };

  return {
    async search({ query, locale }) {
      return querySnapshot({ ordered: ordered(await records.get(), locale, query.sort), query });
    },
    invalidate(table) {
      if (table !== undefined && !(PARTNER_TABLES as readonly string[]).includes(table)) return;
      records.invalidate();
      scheduleRefresh();
    },
    async close() {
      closed = true;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = null;
      await reading;
    },
    stats: () => ({ loads, entries: lastEntries, lastLoadMs }),
  };
}
