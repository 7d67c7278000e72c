import nodemailer from 'nodemailer';
import type { Locale } from '../../i18n/i18n.ts';

export interface OutgoingMail {
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string | null;
}

export interface MailTransport {
  /** Resolves once the SMTP server has accepted the message for its recipient. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Upper bounds on one delivery, kept well under the mailer's claim on a message so that a
 * slow server cannot make another process take the message while it is still being sent.
 */
const TIMEOUTS = {
  dnsTimeout: 20_000,
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
};

/** An SMTP transport from `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`, options as query parameters). */
export function createSmtpTransport(input: { smtpUrl: string; from: string }): MailTransport {
  // Settings written in the URL's query take precedence over these defaults.
  const transporter = nodemailer.createTransport({ ...TIMEOUTS, url: input.smtpUrl });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: input.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === null ? {} : { html: mail.html }),
        headers: {
          'Content-Language': mail.locale,
          // RFC 3834: vacation responders should not answer the platform's messages.
          'Auto-Submitted': 'auto-generated',
        },
      });
      if (info.rejected.length > 0) {
        throw new Error(`The SMTP server refused the recipient: ${info.response}`);
      }
    },
    close() {
      transporter.close();
    },
  };
}
