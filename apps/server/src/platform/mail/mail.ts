import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { devOutbox } from '../../modules/accounts/accounts.tables.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** small text attachments such as an interview's .ics */
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Sends one email; throws when the server refuses it, so the caller can retry. */
export interface Mailer {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

/** nodemailer over SMTP (any provider: 企业邮箱, SES, a local relay). */
export class SmtpMailer implements Mailer {
  readonly name = 'smtp';
  /** nodemailer is loaded with the first mail, not at every server start */
  private transport: Promise<Transporter> | undefined;
  constructor(
    private readonly options: NonNullable<Config['mail']['smtp']>,
    private readonly from: string,
  ) {}

  private transporter(): Promise<Transporter> {
    const options = this.options;
    return (this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: options.host,
        port: options.port,
        secure: options.secure,
        auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
        // a local test server offers no certificate; production relays use `secure` or STARTTLS
        tls: { rejectUnauthorized: options.rejectUnauthorized },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    ));
  }

  async send(message: MailMessage) {
    await (await this.transporter()).sendMail({ from: this.from, ...message });
  }

  close() {
    void this.transport?.then((t) => t.close());
  }
}

/** Development: the email is kept in the development outbox (/dev/outbox). */
export class DevMailer implements Mailer {
  readonly name = 'dev';
  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async send(message: MailMessage) {
    await this.db.insert(devOutbox).values({
      channel: 'email',
      recipient: message.to,
      content: `${message.subject}\n\n${message.text}${(message.attachments ?? [])
        .map((a) => `\n\n[附件 ${a.filename}]\n${a.content}`)
        .join('')}`,
    });
    this.log.info({ mail: 'dev-outbox' }, 'email kept in the development outbox (/dev/outbox)');
  }
}

export function createMailer(config: Config, db: Db, log: FastifyBaseLogger): Mailer {
  if (config.mail.transport === 'smtp' && config.mail.smtp) {
    return new SmtpMailer(config.mail.smtp, config.mail.from);
  }
  return new DevMailer(db, log);
}
