/* global console, setTimeout, clearTimeout */
// An SMTP server in this process that keeps every message the worker sends, parsed.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { poll } from './expect.mjs';

export class SmtpSink {
  constructor() {
    this.messages = [];
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 20 * 1024 * 1024,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push({
              to: (session.envelope.rcptTo ?? []).map((r) => r.address.toLowerCase()),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              receivedAt: new Date(),
            });
            callback();
          })
          .catch((e) => callback(e));
      },
    });
    this.server.on('error', (e) => console.error(`[smtp] ${e.message}`));
  }

  /** Listens on 127.0.0.1 on a free port; returns the port. */
  start() {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve(this.server.server.address().port));
    });
  }

  stop() {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 3000);
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Waits for a message to `address` whose text matches `pattern`; returns it. */
  async waitFor(address, pattern, timeout = 30_000) {
    const find = () =>
      this.messages.find((m) => m.to.includes(address.toLowerCase()) && (!pattern || pattern.test(m.text)));
    return poll(find, Boolean, {
      timeout,
      interval: 250,
      message: `expected an e-mail to ${address} matching ${pattern}`,
    });
  }

  /** The first link in a message's text that matches `pattern` (e.g. /\/verify-email\?token=/). */
  static link(message, pattern) {
    const urls = message.text.match(/https?:\/\/[^\s<>")\]]+/g) ?? [];
    const url = urls.find((u) => pattern.test(u));
    if (!url) throw new Error(`no link matching ${pattern} in the e-mail "${message.subject}":\n${message.text}`);
    return url;
  }
}
