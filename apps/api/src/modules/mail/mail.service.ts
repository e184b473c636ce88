import { Injectable } from '@nestjs/common';
import { isScript, type Language, type Script } from '@grants/domain';
import { EntityManager } from 'typeorm';
import { jobIds } from '../../jobs/job-names';
import { OutboxService } from '../outbox/outbox.service';
import { EmailEntity } from './entities/email.entity';
import { renderTemplate, TemplateName } from './templates';

export type ComposeInput = {
  to: string;
  userId: string | null;
  language: Language;
  /** The reader's script; when left out, the account's (by userId), else Latin. */
  script?: Script;
  template: TemplateName;
  params: Record<string, string>;
  /** The same key twice composes one e-mail: a retried request never sends twice. */
  dedupeKey: string;
};

/**
 * Renders an e-mail in the recipient's language and script, stores it and leaves the sending to the worker
 * (outbox).
 */
@Injectable()
export class MailService {
  constructor(private readonly outbox: OutboxService) {}

  async compose(manager: EntityManager, input: ComposeInput): Promise<string | null> {
    const r = renderTemplate(input.template, input.language, input.params, await this.scriptOf(manager, input));
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO emails (dedupe_key, to_address, user_id, template, language, subject, text_body, html_body)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [input.dedupeKey, input.to, input.userId, input.template, input.language, r.subject, r.text, r.html],
    );
    if (!inserted.length) return null;
    const emailId = inserted[0].id;
    await this.outbox.enqueue(manager, 'email.send', { emailId }, { jobId: jobIds.email(emailId) });
    return emailId;
  }

  /** Only a Serbian reader has a choice of script; it is the account's setting. */
  private async scriptOf(manager: EntityManager, input: ComposeInput): Promise<Script> {
    if (input.script) return input.script;
    if (input.language !== 'sr' || !input.userId) return 'latin';
    const rows: { script: string }[] = await manager.query(`SELECT script FROM users WHERE id = $1`, [input.userId]);
    return isScript(rows[0]?.script) ? rows[0].script : 'latin';
  }
}

export { EmailEntity };
