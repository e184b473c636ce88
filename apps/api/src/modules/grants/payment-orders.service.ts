import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { paymentOrder, type PaymentOrder } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService, sha256Hex } from '../audit/audit.service';
import type { PaymentOrderEntity } from './entities/grant.entity';
import { GrantsRepository } from './grants.repository';
import { debtorFromEnv, pain001Xml } from './pain001';

const iso = (d: Date) => new Date(d).toISOString();

function orderView(o: PaymentOrderEntity) {
  return { id: o.id, day: o.day, messageId: o.messageId, count: o.count, controlSumCents: o.controlSumCents, xmlSha256: o.xmlSha256, createdAt: iso(o.createdAt) };
}

/**
 * Payment orders: the tranches approved on a day (Kosovo time) and not yet in an order, as the bank's file. The
 * Secretariat previews a day, records the order (each tranche then belongs to it, so it is never sent twice), and
 * downloads it as CSV, XLSX or pain.001 XML; paying a tranche is still recorded on the tranche (date, reference).
 */
@Injectable()
export class PaymentOrdersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: GrantsRepository,
  ) {}

  private async dayOrder(day: string): Promise<PaymentOrder> {
    const rows = (await this.repo.payable(this.ds.manager, day)).filter((r) => !r.paymentOrderId);
    return paymentOrder(rows, day);
  }

  async preview(actor: AuthUser, day: string) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    const order = await this.dayOrder(day);
    return { ...order, orders: (await this.repo.paymentOrders(this.ds.manager, day)).map(orderView) };
  }

  async list(actor: AuthUser) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    return { items: (await this.repo.paymentOrders(this.ds.manager)).map(orderView) };
  }

  async create(actor: AuthUser, day: string) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    const id = await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('payment_orders'))`);
      const rows = (await this.repo.payable(m, day)).filter((r) => !r.paymentOrderId);
      const order = paymentOrder(rows, day);
      if (order.count === 0) throw AppError.badRequest('day', 'nothing_to_pay', `No approved tranche of ${day} is waiting for a payment order`);
      const n = (await this.repo.paymentOrders(m, day)).length + 1;
      const messageId = `MF-${day.replace(/-/g, '')}-${String(n).padStart(2, '0')}`;
      const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const xml = pain001Xml(order, { messageId, createdAt, debtor: debtorFromEnv() });
      const saved = await this.repo.insertPaymentOrder(m, { day, messageId, count: order.count, controlSumCents: order.controlSumCents, xmlSha256: sha256Hex(xml), createdBy: actor.id, createdAt }, order.lines.map((l) => l.trancheId));
      await this.audit.record(m, actor, { action: 'payment_order.created', entity: 'payment_order', entityId: saved.id, summary: `${messageId}: ${order.count} tranche(s) approved on ${day}, ${order.controlSumCents} cents; pain.001 SHA-256 ${saved.xmlSha256}${order.problems.length ? `; left out: ${order.problems.map((p) => `${p.trancheId} ${p.code}`).join(', ')}` : ''}` });
      return saved.id;
    });
    return this.detail(actor, id);
  }

  async detail(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    const { order, entity } = await this.rebuild(id);
    return { ...orderView(entity), lines: order.lines, controlSum: order.controlSum };
  }

  /** The order's lines as recorded (a tranche paid since stays in it as it was). */
  private async rebuild(id: string) {
    const entity = await this.repo.paymentOrder(this.ds.manager, id);
    const rows = await this.repo.paymentOrderRows(this.ds.manager, id);
    const order = paymentOrder(rows.map((r) => ({ ...r, status: 'approved' as const, approvedOn: entity.day })), entity.day);
    return { order, entity };
  }

  async file(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    const { order, entity } = await this.rebuild(id);
    const xml = pain001Xml(order, { messageId: entity.messageId, createdAt: new Date(entity.createdAt), debtor: debtorFromEnv() });
    return { order, entity, xml };
  }
}
