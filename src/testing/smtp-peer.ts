import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the peer accepted: its recipients and its source, quoted-printable decoded. */
export interface DeliveredMail {
  to: string[];
  text: string;
}

/** The text of a message, decoded from quoted-printable (headers stay encoded). */
export function decodeMail(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => `%${hex}`)
    .replace(/(%[0-9A-F]{2})+/g, (match) => {
      try {
        return decodeURIComponent(match);
      } catch {
        return match;
      }
    });
}

/** A real SMTP server on a free local port, for a test app's mailer (`SMTP_URL: peer.url`). */
export async function startSmtpPeer(): Promise<{
  url: string;
  received: DeliveredMail[];
  close: () => Promise<void>;
}> {
  const received: DeliveredMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          text: decodeMail(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
