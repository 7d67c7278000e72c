import type { Db } from '../../../db/database.ts';
import type { FieldErrors } from '../../../http/forms.ts';
import { defaultMenu, type MenuEntry } from '../../../ui/navigation.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { listPublishedPages } from '../content.repository.ts';
import { listMenuItems, replaceMenuItems } from './menu.repository.ts';
import { MAX_MENU_ENTRIES, menuFormRows, menuRowSchema } from './menu.schemas.ts';

/** Sign-in and account pages are not for the menu. */
const PERSONAL_PAGES = /^\/(sign-in|sign-out|account|password)(\/|$)/;

/** The paths of the pages editors published, as visitors reach them, and the slug of each named page. */
export async function listPublishedPagePaths(db: Db): Promise<{ paths: Set<string>; slugs: Map<string, string> }> {
  const pages = await listPublishedPages(db);
  return {
    paths: new Set(pages.map((page) => (page.key === 'home' ? '/' : `/${page.slug}`))),
    slugs: new Map(pages.flatMap((page) => (page.key ? [[page.key, page.slug] as const] : []))),
  };
}

/**
 * Where a menu entry may lead: a page a module serves (without parameters and not personal) or a
 * published page, each with the page's name when it has one.
 */
export async function listMenuTargets(input: { db: Db; servedPaths: ReadonlySet<string> }): Promise<string[]> {
  const { paths: pages } = await listPublishedPagePaths(input.db);
  const served = [...input.servedPaths].filter((path) => !path.includes(':') && !path.includes('*') && !PERSONAL_PAGES.test(path));
  return [...new Set([...served, ...pages])].sort();
}

/** The menu as the editor shows it: the saved one, or the default the site shows while there is none. */
export async function getMenuForEditing(input: {
  db: Db;
  servedPaths: ReadonlySet<string>;
}): Promise<{ entries: MenuEntry[]; isDefault: boolean; targets: string[] }> {
  const [saved, targets] = await Promise.all([listMenuItems(input.db), listMenuTargets(input)]);
  if (saved.length > 0) return { entries: saved, isDefault: false, targets };
  const available = new Set(targets);
  return { entries: defaultMenu((path) => available.has(path)), isDefault: true, targets };
}

/**
 * Saves the menu from its form: each kept row in the order of its position number. A row that
 * leads nowhere, or a label missing in a language, is refused with the message next to its field.
 */
export async function saveMenu(input: {
  db: Db;
  body: unknown;
  servedPaths: ReadonlySet<string>;
  actor: Actor;
  ip?: string;
}): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const targets = new Set(await listMenuTargets(input));
  const errors: FieldErrors = {};
  const entries: (MenuEntry & { position: number; index: number })[] = [];
  const rows = menuFormRows(input.body);
  if (rows.length === 0) errors._form = { key: 'content.menu.empty' };
  if (rows.length > MAX_MENU_ENTRIES) errors._form = { key: 'content.menu.tooMany', values: { max: MAX_MENU_ENTRIES } };
  for (const row of rows) {
    const parsed = menuRowSchema.safeParse(row.fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const name = field === 'path' || field === 'position' ? `${field}_${row.index}` : `label_${field}_${row.index}`;
        errors[name] ??= {
          key: issue.message === 'form.error.noMarkup' ? 'form.error.noMarkup' : field === 'position' ? 'form.error.invalid' : 'form.error.required',
        };
      }
      continue;
    }
    if (!targets.has(parsed.data.path)) {
      errors[`path_${row.index}`] = { key: 'content.menu.pathError' };
      continue;
    }
    const { fr, en, es } = parsed.data;
    entries.push({ path: parsed.data.path, labels: { fr, en, es }, position: parsed.data.position, index: row.index });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const ordered = entries
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ path, labels }) => ({ path, labels }));
  await input.db.transaction(async (tx) => {
    const before = await listMenuItems(tx);
    await replaceMenuItems(tx, ordered);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'content.menu_updated',
      entityType: 'content_menu',
      before: before.length > 0 ? before : null,
      after: ordered,
      ip: input.ip ?? null,
    });
  });
  return { ok: true };
}
