import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';
import { inject } from 'vitest';
import type { StoredMail } from './global-setup.ts';

/** The Chromium from the system packages (`apt-get install chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The WCAG levels the public site promises: 2.0, 2.1 and 2.2, A and AA. */
export const ACCESSIBILITY_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export function baseUrl(): string {
  return inject('e2eBaseUrl');
}

/** The one-time link printed at the server's first start for the Secretariat account. */
export function firstStartLink(): string {
  return inject('e2eFirstLink');
}

/** The server's data folder; CLI commands given it reach the running server's database. */
export function dataDir(): string {
  return inject('e2eDataDir');
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/**
 * Creates an account with the CLI (`alliance87 users:create`) while the server runs, the way an
 * operator would, and returns the one-time link it prints to set the password. Each test file that
 * needs a Secretariat creates its own: the first-start link serves only once.
 */
export async function createAccount(input: {
  email: string;
  role: string;
  name: string;
  locale?: 'fr' | 'en' | 'es';
}): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the CLI needs the machine's PATH
    ...process.env,
    DATA_DIR: dataDir(),
    PUBLIC_URL: baseUrl(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  // Like the server, the command works on the embedded database, whatever the test shell points at.
  delete env.DATABASE_URL;
  const args = ['bin/alliance87.js', 'users:create', '--email', input.email, '--role', input.role];
  args.push('--name', input.name, '--locale', input.locale ?? 'fr');
  const { stdout } = await run(process.execPath, args, { cwd: projectRoot, env, timeout: 30_000 });
  const link = /https?:\/\/\S+\/account\/set-password\?token=[A-Za-z0-9_%-]+/.exec(stdout)?.[0];
  if (!link) throw new Error(`users:create printed no one-time link:\n${stdout}`);
  return link;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in its own context. `bypassCSP` lets the accessibility checker be injected:
 * the site's Content-Security-Policy rightly forbids inline scripts.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), bypassCSP: true, ...options });
  return context.newPage();
}

/** Opens a path of the site (`/fr/about`) and insists on an answer. */
export async function goto(page: Page, path: string): Promise<Response> {
  const response = await page.goto(new URL(path, baseUrl()).toString(), { waitUntil: 'load' });
  if (!response) throw new Error(`No response for ${path}`);
  return response;
}

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** Runs axe-core in the page against the WCAG A/AA rules and returns what it found. */
export async function checkAccessibility(page: Page): Promise<AccessibilityViolation[]> {
  // The callbacks below run inside the page; the project's TypeScript setup has no DOM types.
  const alreadyThere = await page.evaluate(() => 'axe' in globalThis);
  if (!alreadyThere) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const results = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, ACCESSIBILITY_TAGS);
}

/** A readable account of the violations, for the failure message. */
export function describeViolations(violations: AccessibilityViolation[]): string {
  return violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n` +
        `  ${violation.helpUrl}\n` +
        violation.targets.map((target) => `    at ${target}`).join('\n'),
    )
    .join('\n');
}

/** Statuses of the intermediate answers of a redirect chain. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Clicks something that loads a new page (a submit button, a link) and waits until that page
 * has loaded; returns the answer of the last request of the chain, after any redirects.
 */
export async function clickAndWait(page: Page, target: Locator): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) =>
        answer.request().isNavigationRequest() &&
        answer.request().frame() === page.mainFrame() &&
        !REDIRECTS.has(answer.status()),
    ),
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    target.click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * Fills the fields of a form by their `name` (text, e-mail and password inputs, and selects) and
 * submits it with its submit button. The form is the one in `main` that holds the first field, or
 * the one `form` selects (needed when there is no field to fill).
 */
export async function fillAndSubmit(
  page: Page,
  fields: Record<string, string>,
  options: { form?: string } = {},
): Promise<Response> {
  const names = Object.keys(fields);
  const selector = options.form ?? (names[0] ? `main form:has([name="${names[0]}"])` : undefined);
  if (!selector) throw new Error('fillAndSubmit needs a field to fill or a form selector');
  const form = page.locator(selector);
  for (const [name, value] of Object.entries(fields)) {
    const select = form.locator(`select[name="${name}"]`);
    if ((await select.count()) > 0) await select.selectOption(value);
    else await form.locator(`[name="${name}"]`).fill(value);
  }
  return clickAndWait(page, form.locator('button[type="submit"]'));
}

/** A message the SMTP peer received, decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The text/plain part, transfer encoding undone, as UTF-8. */
  text: string;
  raw: string;
}

const MAIL_WAIT_MS = 20_000;
/** Files already returned by waitForMail in this test file: each call waits for a new message. */
const seenMailFiles = new Set<string>();

/**
 * Waits (20 s at most) for the next message the SMTP peer receives for `to`, and decodes it. The
 * peer runs in the global setup's process and writes each message into a folder (see global-setup.ts).
 */
export async function waitForMail(to: string, options: { timeoutMs?: number } = {}): Promise<ReceivedMail> {
  const folder = inject('e2eMailDir');
  const deadline = Date.now() + (options.timeoutMs ?? MAIL_WAIT_MS);
  const wanted = to.toLowerCase();
  for (;;) {
    const files = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort();
    for (const name of files) {
      if (seenMailFiles.has(name)) continue;
      const stored = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as StoredMail;
      if (!stored.to.some((address) => address.toLowerCase() === wanted)) continue;
      seenMailFiles.add(name);
      return parseMail(stored);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No message for ${to} after ${(options.timeoutMs ?? MAIL_WAIT_MS) / 1000} s ` +
          `(${files.length} message(s) received in all).`,
      );
    }
    await sleep(200);
  }
}

/** The links (http and https) in a text, in order. */
export function extractLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0]);
}

/** Undoes quoted-printable (RFC 2045): soft line breaks `=\r\n`, then `=XX` bytes, read as UTF-8. */
export function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index += 1) {
    const hex = joined.slice(index + 1, index + 3);
    if (joined[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(joined[index]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

/** Splits an entity into its headers (unfolded, names in lower case) and its body. */
function splitEntity(raw: string): MimePart {
  const blank = /\r?\n\r?\n/.exec(raw);
  const head = blank ? raw.slice(0, blank.index) : raw;
  const body = blank ? raw.slice(blank.index + blank[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** The first text/plain part of an entity, looking inside multipart ones. */
function plainText(part: MimePart): string | null {
  const type = part.headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return null;
    const delimiter = `--${boundary}`;
    const pieces = part.body.split(delimiter).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      const found = plainText(splitEntity(piece.replace(/^\r?\n/, '')));
      if (found !== null) return found;
    }
    return null;
  }
  return /^text\/plain/i.test(type) ? decodeBody(part).replace(/\r?\n$/, '') : null;
}

/** Undoes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_whole, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function parseMail(stored: StoredMail): ReceivedMail {
  const message = splitEntity(stored.raw);
  return {
    to: stored.to,
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text: plainText(message) ?? '',
    raw: stored.raw,
  };
}
