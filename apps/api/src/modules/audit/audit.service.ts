import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeAuditHash, CURRENT_AUDIT_HASH_VERSION, GENESIS_HASH, verifyAuditChain, type AuditAnchor } from '@grants/domain';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { AnchorRow, auditRepository, type OutsideQuery } from './audit.repository';
import { AuditLogEntity } from './entities/audit-log.entity';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export type AuditInput = { action: string; entity: string; entityId: string | null; summary: string };

/** An e-mail address inside a summary. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** How a summary refers to a person: by pseudonym, resolved for reading through the link erasure removes. */
export const PERSON_REF = /person:([0-9a-f]{32})/g;
export const personRef = (pseudonym: string) => `person:${pseudonym}`;
/** What an e-mail of no user becomes in a summary (an invitation not accepted, a typed address). */
export const WITHHELD_EMAIL = '[e-mail withheld]';
export const ERASED_PERSON = 'erased person';

const newPseudonym = () => randomBytes(16).toString('hex');

/**
 * How a caller names a person (other than the actor) in a summary without writing their name or e-mail:
 * `${auditUser(id)} joined the pool`. record() turns it into the person's pseudonymous reference.
 */
export const auditUser = (userId: string) => `[[user:${userId}]]`;
const USER_MARK = /\[\[user:([0-9a-f-]{36})\]\]/g;
export type VerifyResult = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null; anchorsChecked: number };
export type { AnchorRow } from './audit.repository';

@Injectable()
export class AuditService implements OnModuleDestroy {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private sidePool: Pool | null = null;

  /**
   * Where a pseudonym is made: one connection of its own, never the transactions' pool (opened on a person's first
   * entry, closed after 10 s idle). Its statements are single
   * autocommit writes that wait for nothing but a row a writer may briefly hold, so they always finish and the pool
   * is never exhausted by writers waiting for it (statement_timeout breaks a wait that would last). It connects as
   * the data source does (its URL, else its host, port, user, password and database).
   */
  private outside(): OutsideQuery {
    const o = this.ds.options as { url?: string; host?: string; port?: number; username?: string; password?: string; database?: string };
    this.sidePool ??= new Pool({
      ...(o.url ? { connectionString: o.url } : { host: o.host, port: o.port, user: o.username, password: o.password, database: o.database }),
      max: 1, allowExitOnIdle: true, application_name: 'grant-portal-pseudonyms',
      options: '-c timezone=UTC -c statement_timeout=15000',
    }).on('error', (err) => new Logger('Audit').warn(`Pseudonym connection: ${err.message}`));
    const pool = this.sidePool;
    return { query: async (sql, params) => (await pool.query(sql, params)).rows };
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.sidePool;
    this.sidePool = null;
    await pool?.end().catch(() => undefined);
  }

  /**
   * Appends one entry in the caller's transaction, so the record of a change commits or rolls back with the change.
   * Must be called with a transactional EntityManager. Hash version 3: the entry hashes the actor's pseudonym and no
   * personal data: neither the actor's id nor e-mail is stored, and every e-mail address in the summary is replaced
   * by `person:<pseudonym>` of the user it belongs to (or "[e-mail withheld]" when no user has it), so erasing a person
   * (the pseudonym's link) leaves nothing in the chain that says who they were.
   */
  async record(manager: EntityManager, actor: AuditActor, input: AuditInput): Promise<AuditLogEntity> {
    const actorPseudonym = actor.id ? await auditRepository.pseudonymOf(manager, this.outside(), actor.id, actor.email?.includes('@') ? actor.email : null, newPseudonym()) : null;
    const summary = await this.scrub(manager, `${input.summary}`, actor, actorPseudonym);
    const last = await auditRepository.lockedHead(manager);
    const at = new Date();
    const fields = {
      seq: (last?.seq ?? 0) + 1, at: at.toISOString(), actorId: null, actorEmail: null, actorPseudonym, action: input.action, entity: input.entity,
      entityId: input.entityId, summary, prevHash: last?.hash ?? GENESIS_HASH, hashVersion: CURRENT_AUDIT_HASH_VERSION,
    };
    const hash = computeAuditHash(fields, sha256Hex);
    const row = manager.create(AuditLogEntity, { ...fields, at, hash });
    await manager.insert(AuditLogEntity, row);
    return row;
  }

  /** The summary with every e-mail address replaced by a pseudonymous reference (see record). */
  private async scrub(m: EntityManager, raw: string, actor: AuditActor, actorPseudonym: string | null): Promise<string> {
    let summary = raw;
    for (const [mark, userId] of new Map([...raw.matchAll(USER_MARK)].map((x) => [x[0], x[1]!]))) {
      const ref = userId === actor.id && actorPseudonym ? personRef(actorPseudonym) : personRef(await auditRepository.pseudonymOf(m, this.outside(), userId, null, newPseudonym()));
      summary = summary.split(mark).join(ref);
    }
    // the actor's own name (services write `${actor.fullName} signed …`)
    const fullName = (actor as { fullName?: unknown }).fullName;
    if (actorPseudonym && typeof fullName === 'string' && fullName.trim().length >= 3) summary = summary.split(fullName).join(personRef(actorPseudonym));
    const found = [...new Set((summary.match(EMAIL_IN_TEXT) ?? []).map((e) => e.toLowerCase()))];
    if (!found.length) return summary;
    const refs = new Map<string, string>();
    if (actorPseudonym && actor.email) refs.set(actor.email.toLowerCase(), personRef(actorPseudonym));
    const others = found.filter((e) => !refs.has(e));
    for (const u of await auditRepository.usersByEmail(m, others)) {
      refs.set(u.email.toLowerCase(), personRef(await auditRepository.pseudonymOf(m, this.outside(), u.id, u.email, newPseudonym())));
    }
    return summary.replace(EMAIL_IN_TEXT, (e) => refs.get(e.toLowerCase()) ?? WITHHELD_EMAIL);
  }

  /**
   * Records the head of the chain (its length and last hash) as an anchor, so that a later cut or rewrite of the tail
   * shows. Written daily by the `audit.anchor` job and with each committee decision (pass the decision's transaction
   * so the anchor commits with it; the decision record should keep the returned seq and hash). Returns the anchor.
   */
  async anchor(reason: string, manager?: EntityManager): Promise<AnchorRow> {
    const write = async (m: EntityManager) => {
      await auditRepository.lockChain(m);
      const head = await auditRepository.head(m);
      return auditRepository.insertAnchor(m, { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, reason);
    };
    return manager ? write(manager) : this.ds.transaction(write);
  }

  /** The daily anchor: once per reason and day, however often the job runs. */
  async anchorOnce(reason: string, since: Date): Promise<AnchorRow> {
    return this.ds.transaction(async (m) => {
      await auditRepository.lockChain(m);
      return (await auditRepository.anchorSince(m, reason, since)) ?? this.anchor(reason, m);
    });
  }

  /** The most recent anchor, for the daily digest to the Secretariat admins. */
  latestAnchor(): Promise<AnchorRow | null> {
    return auditRepository.latestAnchor(this.ds.manager);
  }

  async list(opts: { page: number; pageSize: number; entity?: string; action?: string }) {
    const qb = this.ds.getRepository(AuditLogEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC');
    if (opts.entity) qb.andWhere('a.entity = :entity', { entity: opts.entity });
    if (opts.action) qb.andWhere('a.action = :action', { action: opts.action });
    const [items, total] = await qb.skip((opts.page - 1) * opts.pageSize).take(opts.pageSize).getManyAndCount();
    return { items: await this.shown(this.ds.manager, items), total };
  }

  /**
   * Entries for reading: the actor and every `person:` reference resolved through the pseudonyms' links, "erased
   * person" where the link was erased. What is hashed (summary, actorPseudonym) is returned as stored.
   */
  async shown(m: EntityManager, items: AuditLogEntity[]) {
    const pseudonyms = new Set<string>();
    for (const a of items) {
      if (a.actorPseudonym) pseudonyms.add(a.actorPseudonym);
      for (const [, p] of a.summary.matchAll(PERSON_REF)) pseudonyms.add(p!);
    }
    const links = await auditRepository.links(m, [...pseudonyms]);
    return items.map((a) => {
      const link = a.actorPseudonym ? links.get(a.actorPseudonym) : undefined;
      const actorErased = !!a.actorPseudonym && (!link || link.userId === null);
      return {
        ...a,
        at: a.at.toISOString(),
        actorId: a.actorPseudonym ? (link?.userId ?? null) : a.actorId,
        actorEmail: a.actorPseudonym ? (link?.email ?? null) : a.actorEmail,
        actorErased,
        summaryShown: a.summary.replace(PERSON_REF, (_, p: string) => links.get(p)?.email ?? ERASED_PERSON),
      };
    });
  }

  /**
   * Recomputes every hash from the first entry and checks every anchor recorded in the database, plus any given
   * (heads published elsewhere, e.g. copied from a digest or a decision record); says where the chain breaks.
   */
  async verify(published: readonly AuditAnchor[] = []): Promise<VerifyResult> {
    // one snapshot: an entry and its anchor written between two reads would look like a cut tail
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const rows = await m.getRepository(AuditLogEntity).find({ order: { seq: 'ASC' } });
      const anchors = [...(await auditRepository.anchors(m)), ...published];
      const entries = rows.map((r) => ({
        seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorEmail: r.actorEmail, actorPseudonym: r.actorPseudonym, action: r.action, entity: r.entity,
        entityId: r.entityId, summary: r.summary, prevHash: r.prevHash, hash: r.hash, hashVersion: r.hashVersion,
      }));
      const result = verifyAuditChain(entries, sha256Hex, anchors);
      return { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt, reason: result.reason, anchorsChecked: anchors.length };
    });
  }
}
