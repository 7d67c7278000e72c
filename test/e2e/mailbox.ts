import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, goto } from './browser.ts';
import type { StoredMail } from './global-setup.ts';

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

/**
 * Opens the confirmation link mailed to `to` and presses its button, as the address's owner
 * would: what they sent then reaches the Secretariat. Returns the link.
 */
export async function confirmAddressByMail(page: Page, to: string): Promise<string> {
  const mail = await waitForMail(to);
  const link = extractLinks(mail.text).find((entry) => /\/(fr|en|es)\/confirm\?token=/.test(entry));
  if (!link) throw new Error(`no confirmation link in the message to ${to}`);
  await goto(page, link);
  const response = await clickAndWait(page, page.locator('main form button[type="submit"]'));
  if (response.status() !== 200) throw new Error(`confirming ${to} answered ${response.status()}`);
  return link;
}
