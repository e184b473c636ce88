import { resolveGrantSettings } from '@grants/domain';
import { Client, Harness, loginAs, startApi } from './harness';
import { grantInForce, testCall } from './monitoring-factory';

type Login = Awaited<ReturnType<typeof loginAs>>;
type Detail = { field: string; code: string };
type Balance = {
  version: number; grantStatus: string; problems: Detail[]; can: { drawUp: boolean };
  computed: { kind: string; eligibleCents: number; paidCents: number; balanceCents: number; paymentCents: number; recoveryCents: number; cappedBy: { code: string; params: Record<string, number | string> }[]; headings: { heading: string; eligibleCents: number; excessCents: number }[] } | null;
  drawnUp: { sha256: string; balance: { kind: string; balanceCents: number } } | null;
  balanceTranche: { id: string; status: string; amountCents: number } | null;
  recoveryOrder: { id: string; number: string; amountCents: number; owedCents: number; status: string; dueDate: string } | null;
};
type Closure = { version: number; grantStatus: string; items: { code: string; met: boolean; params: Record<string, number> }[]; missingDocuments: string[]; can: { close: boolean } };

const IBAN = 'XK051212012345678906';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Belgrade' });

/**
 * Closing a grant on the real database: the final balance from the approved budget, the accepted expenditure and
 * what was paid, to the cent (a final payment through the balance tranche's own request, approval and payment; a
 * recovery order repaid to settled, never above what is owed; nil); drawn up only once the final narrative report is
 * accepted; the checklist blocks the close until every item is met; a closed grant refuses every write with 409
 * grant_closed; only the Secretariat acts, another organisation sees nothing (404).
 */
describe('closing a grant', () => {
  let h: Harness;
  let officer: Login;
  let observer: Login;
  let call: { callId: string; decisionId: string };

  const login = async (email: string, password: string) => new Client(h.app).init().then((c) => c.login(email, password));
  const balanceOf = async (who: Client, grantId: string): Promise<Balance> => (await who.get(`/api/grants/${grantId}/final-balance`).expect(200)).body;
  const closureOf = async (who: Client, grantId: string): Promise<Closure> => (await who.get(`/api/grants/${grantId}/closure`).expect(200)).body;
  /** The entries of one kind on a reader's home to-do list. */
  const todo = async (who: Client, kind: string): Promise<{ id: string; grantId: string | null; link: string }[]> => {
    const t = (await who.get('/api/home/todo').expect(200)).body as { items: { kind: string; entries: { id: string; grantId: string | null; link: string }[] }[] };
    return t.items.find((i) => i.kind === kind)?.entries ?? [];
  };
  const kinds = async (userId: string) => (await h.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at`, [userId])).map((r: { kind: string }) => r.kind);

  /**
   * A grant in force with two approved lines of EUR 20,000 (L1 human resources, L2 services), no indirect costs, the
   * pre-financing of EUR 32,000 paid and the balance tranche of EUR 8,000 planned; its agreement on file; one
   * accepted expenditure report with the spending given (and its supporting document).
   */
  async function closingGrant(spent: { L1: number; L2: number }) {
    const g = await grantInForce(h.ds, call);
    const [file] = await h.ds.query(
      `INSERT INTO files (storage, storage_key, file_name, mime_type, size, sha256, organization_id) VALUES ('local', $1, 'agreement.pdf', 'application/pdf', 10, repeat('a', 64), $2) RETURNING id`,
      [`k-${g.grantId}`, g.owner.user.organizationId]);
    const budget = {
      lines: [
        { heading: 'human_resources', description: 'Case workers', unit: 'month', quantity: 10, unitCostCents: 200_000, totalCents: 2_000_000 },
        { heading: 'services', description: 'Vocational courses', unit: 'course', quantity: 4, unitCostCents: 500_000, totalCents: 2_000_000 },
      ],
      headings: [{ heading: 'human_resources', totalCents: 2_000_000 }, { heading: 'services', totalCents: 2_000_000 }],
      directCents: 4_000_000, indirectCostBp: 0, indirectCents: 0, totalCents: 4_000_000, coFinancingCents: 0, requestedCents: 4_000_000, coFinancingBp: 0,
    };
    await h.ds.query(`UPDATE grants SET budget = $2, settings = $3, iban = $4, agreement_file_id = $5 WHERE id = $1`,
      [g.grantId, JSON.stringify(budget), JSON.stringify(resolveGrantSettings(null)), IBAN, file.id]);
    await h.ds.query(
      `INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status, approved_on, paid_on, bank_reference) VALUES
         ($1, 1, 'pre_financing', 3200000, current_date - 60, 'paid', current_date - 58, current_date - 55, 'BANK-1'),
         ($1, 2, 'balance', 800000, current_date + 364, 'planned', NULL, NULL, NULL)`, [g.grantId]);
    const [report] = await h.ds.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status, document_file_ids)
       VALUES ($1, 1, current_date - 60, current_date - 1, $2, $3, 'accepted', ARRAY[$4]::uuid[]) RETURNING id`,
      [g.grantId, JSON.stringify([{ lineId: 'L1', spentCents: spent.L1 }, { lineId: 'L2', spentCents: spent.L2 }]), String(spent.L1 + spent.L2), file.id]);
    const owner = await login(g.owner.email, g.owner.password);
    const monitor = await login(g.monitor.email, g.monitor.password);
    return { ...g, ownerClient: owner, monitorClient: monitor, expenditureReportId: report.id as string };
  }

  const finalReport = (grantId: string, status: string) => h.ds.query(
    `INSERT INTO narrative_reports (grant_id, seq, kind, period_start, period_end, due_date, status) VALUES ($1, 2, 'final', current_date - 60, current_date - 1, current_date + 30, $2)
     ON CONFLICT (grant_id, kind, seq) DO UPDATE SET status = EXCLUDED.status`, [grantId, status]);

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    observer = await loginAs(h, 'observer');
    call = await testCall(h.ds, officer.client, 'MF-CLOSE-2026-01');
  });
  afterAll(() => h.close());

  it('pays the final balance to the cent through the balance tranche, once the final report is accepted', async () => {
    // L1 overspent by EUR 1,000 (within 25 % of the heading, and L2 underspent by more): all of it eligible
    const g = await closingGrant({ L1: 2_100_000, L2: 1_850_055 });
    await finalReport(g.grantId, 'submitted');
    let b = await balanceOf(officer.client, g.grantId);
    expect(b.computed).toMatchObject({ kind: 'payment', eligibleCents: 3_950_055, paidCents: 3_200_000, balanceCents: 750_055, paymentCents: 750_055 });
    expect(b.computed!.cappedBy).toEqual([]);
    expect(b.problems).toEqual([expect.objectContaining({ field: 'finalReport', code: 'final_report_not_accepted' })]);
    expect(b.can.drawUp).toBe(false);
    const early = await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(409);
    expect(early.body.details).toEqual([expect.objectContaining({ field: 'finalReport', code: 'final_report_not_accepted' })]);
    expect((await h.ds.query(`SELECT final_balance FROM grants WHERE id = $1`, [g.grantId]))[0].final_balance).toBeNull();

    await finalReport(g.grantId, 'accepted');
    b = await balanceOf(officer.client, g.grantId);
    expect(b.problems).toEqual([]);
    expect(b.can.drawUp).toBe(true);
    // only the Secretariat draws it up; the organisation reads it, without the action
    expect((await balanceOf(g.ownerClient, g.grantId)).can.drawUp).toBe(false);
    await g.ownerClient.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(403);
    await g.monitorClient.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(403);
    await observer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(403);
    // a stale version is refused
    const stale = await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version + 1 }).expect(409);
    expect(stale.body.details[0]).toMatchObject({ field: 'version', code: 'version_conflict' });

    const drawn: Balance = (await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(200)).body;
    expect(drawn.drawnUp).toMatchObject({ balance: { kind: 'payment', balanceCents: 750_055 } });
    expect(drawn.drawnUp!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn.balanceTranche).toMatchObject({ status: 'planned', amountCents: 750_055 });
    expect(await kinds(g.owner.user.id)).toContain('grant.final_balance');
    // drawn once
    await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: drawn.version }).expect(409);

    // the closure waits for the final payment
    let c = await closureOf(officer.client, g.grantId);
    expect(c.items.find((i) => i.code === 'final_balance_settled')!.met).toBe(false);
    expect(c.can.close).toBe(false);

    // the final payment goes the tranche's own way: requested with the final expenditure report, approved (every condition, the final report accepted among them), paid
    const trancheId = drawn.balanceTranche!.id;
    await g.ownerClient.post(`/api/tranches/${trancheId}/request`, { expenditureReportId: g.expenditureReportId }).expect(200);
    const approved = (await officer.client.post(`/api/tranches/${trancheId}/approve`).expect(200)).body;
    expect(approved.conditions.find((x: { kind: string }) => x.kind === 'final_report_accepted')).toMatchObject({ met: true });
    await officer.client.post(`/api/tranches/${trancheId}/pay`, { paidOn: day(0), bankReference: 'BANK-FINAL' }).expect(200);
    const paid = (await h.ds.query(`SELECT sum(amount_cents)::bigint AS s FROM tranches WHERE grant_id = $1 AND status = 'paid'`, [g.grantId]))[0].s;
    expect(Number(paid)).toBe(3_950_055);

    c = await closureOf(officer.client, g.grantId);
    expect(c.items).toEqual([
      { code: 'final_report_accepted', met: true, params: {} },
      { code: 'final_balance_settled', met: true, params: {} },
      { code: 'action_points_closed', met: true, params: { open: 0 } },
      { code: 'documents_in_place', met: true, params: { missing: 0 } },
    ]);
    expect(c.can.close).toBe(true);
    const closed: Closure = (await officer.client.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: 'All activities delivered; final payment made.' }).expect(200)).body;
    expect(closed.grantStatus).toBe('closed');
  }, 120_000);

  it('issues a recovery order when more was paid than is eligible, and records repayments until it is settled', async () => {
    const g = await closingGrant({ L1: 1_000_000, L2: 1_200_000 });
    await finalReport(g.grantId, 'accepted');
    expect((await todo(officer.client, 'grant.final_balance_to_draw_up')).map((e) => e.link)).toContain(`/grants/${g.grantId}/closure`);
    const b = await balanceOf(officer.client, g.grantId);
    expect(b.computed).toMatchObject({ kind: 'recovery', eligibleCents: 2_200_000, paidCents: 3_200_000, balanceCents: -1_000_000, recoveryCents: 1_000_000 });
    const drawn: Balance = (await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(200)).body;
    expect(drawn.recoveryOrder).toMatchObject({ amountCents: 1_000_000, owedCents: 1_000_000, status: 'issued', dueDate: day(30) });
    expect(drawn.recoveryOrder!.number).toBe(`RO-${g.agreementNumber}`);
    expect(drawn.balanceTranche).toMatchObject({ amountCents: 0 });
    expect(await kinds(g.owner.user.id)).toEqual(expect.arrayContaining(['grant.final_balance', 'recovery_order.issued']));
    const orderId = drawn.recoveryOrder!.id;
    // the organisation has it to repay on its home page, the Secretariat to follow
    expect((await todo(g.ownerClient, 'recovery_order.to_repay')).map((e) => e.link)).toEqual([`/recovery-orders/${orderId}`]);
    expect((await todo(officer.client, 'recovery_order.outstanding')).map((e) => e.id)).toContain(orderId);
    expect((await todo(officer.client, 'grant.final_balance_to_draw_up')).map((e) => e.grantId)).not.toContain(g.grantId);

    // the organisation reads its own order, another organisation sees nothing, a monitor does not follow the money
    const mine = (await g.ownerClient.get('/api/recovery-orders').expect(200)).body;
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await g.ownerClient.get(`/api/recovery-orders/${orderId}`).expect(200)).body.can.recordRepayment).toBe(false);
    const other = await grantInForce(h.ds, call);
    const otherOwner = await login(other.owner.email, other.owner.password);
    expect((await otherOwner.get('/api/recovery-orders').expect(200)).body.items).toEqual([]);
    await otherOwner.get(`/api/recovery-orders/${orderId}`).expect(404);
    await otherOwner.get(`/api/grants/${g.grantId}/final-balance`).expect(404);
    await otherOwner.get(`/api/grants/${g.grantId}/closure`).expect(404);
    await g.monitorClient.get(`/api/recovery-orders/${orderId}`).expect(404);
    expect((await observer.client.get('/api/recovery-orders').expect(200)).body.items.map((o: { id: string }) => o.id)).toContain(orderId);

    // only the Secretariat records repayments
    const repay = { amountCents: 400_000, receivedOn: day(0), bankReference: 'IN-1' };
    await g.ownerClient.post(`/api/recovery-orders/${orderId}/repayments`, repay).expect(403);
    await observer.client.post(`/api/recovery-orders/${orderId}/repayments`, repay).expect(403);
    let o = (await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, repay).expect(200)).body;
    expect(o).toMatchObject({ repaidCents: 400_000, owedCents: 600_000, status: 'partially_repaid' });
    // never above what is owed; bad input names its field and changes nothing
    const over = await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, { ...repay, amountCents: 600_001, bankReference: 'IN-2' }).expect(422);
    expect(over.body.details).toEqual([expect.objectContaining({ field: 'amountCents', code: 'above_owed' })]);
    const bad = await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, { ...repay, amountCents: 10.5 }).expect(400);
    expect(bad.body.details.map((d: Detail) => d.field)).toContain('amountCents');
    await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, { ...repay, amountCents: 0 }).expect(422);
    expect(Number((await h.ds.query(`SELECT count(*) AS n FROM recovery_repayments WHERE recovery_order_id = $1`, [orderId]))[0].n)).toBe(1);

    let c = await closureOf(officer.client, g.grantId);
    expect(c.items.find((i) => i.code === 'final_balance_settled')!.met).toBe(false);

    o = (await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, { ...repay, amountCents: 600_000, bankReference: 'IN-2' }).expect(200)).body;
    expect(o).toMatchObject({ repaidCents: 1_000_000, owedCents: 0, status: 'settled' });
    expect(await todo(g.ownerClient, 'recovery_order.to_repay')).toEqual([]);
    expect((await todo(officer.client, 'grant.to_close')).map((e) => e.grantId)).toContain(g.grantId);
    expect(o.repayments.map((p: { amountCents: number }) => p.amountCents)).toEqual([400_000, 600_000]);
    await officer.client.post(`/api/recovery-orders/${orderId}/repayments`, { ...repay, amountCents: 1, bankReference: 'IN-3' }).expect(409);
    c = await closureOf(officer.client, g.grantId);
    expect(c.items.find((i) => i.code === 'final_balance_settled')!.met).toBe(true);
    expect(c.can.close).toBe(true);
  }, 120_000);

  it('draws up a nil balance, then blocks the close until every checklist item is met, and the closed grant refuses every write', async () => {
    const g = await closingGrant({ L1: 1_600_000, L2: 1_600_000 });
    const planned = (await g.monitorClient.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(0), purpose: 'Closing visit' }).expect(201)).body;
    await finalReport(g.grantId, 'accepted');
    const b = await balanceOf(officer.client, g.grantId);
    expect(b.computed).toMatchObject({ kind: 'nil', eligibleCents: 3_200_000, balanceCents: 0 });
    await officer.client.post(`/api/grants/${g.grantId}/final-balance`, { version: b.version }).expect(200);

    // an open action point and a missing agreement stop the close, each named
    const [report] = await h.ds.query(`SELECT id FROM visit_reports WHERE visit_id = $1`, [planned.id]);
    const [point] = await h.ds.query(
      `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, created_by, live) VALUES ($1, $2, 1, 'File the attendance lists', 'organisation', 'medium', current_date + 7, $3, true) RETURNING id`,
      [report.id, g.grantId, g.monitor.user.id]);
    await h.ds.query(`UPDATE grants SET agreement_file_id = NULL WHERE id = $1`, [g.grantId]);
    let c = await closureOf(officer.client, g.grantId);
    expect(c.items.filter((i) => !i.met).map((i) => [i.code, i.params])).toEqual([['action_points_closed', { open: 1 }], ['documents_in_place', { missing: 1 }]]);
    expect(c.missingDocuments).toEqual(['agreement']);
    expect(c.can.close).toBe(false);
    const refused = await officer.client.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: '' }).expect(422);
    expect(refused.body.details.map((d: Detail) => `${d.field}:${d.code}`)).toEqual(['checklist.action_points_closed:unmet', 'checklist.documents_in_place:unmet', 'closingNote:required']);
    // the old way round the checklist is closed too
    await officer.client.post(`/api/grants/${g.grantId}/transition`, { to: 'closed' }).expect(400);
    expect((await h.ds.query(`SELECT status FROM grants WHERE id = $1`, [g.grantId]))[0].status).toBe('in_force');

    await h.ds.query(`UPDATE action_points SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1`, [point.id, g.monitor.user.id]);
    await h.ds.query(`UPDATE grants SET agreement_file_id = (SELECT id FROM files WHERE storage_key = $2) WHERE id = $1`, [g.grantId, `k-${g.grantId}`]);
    c = await closureOf(officer.client, g.grantId);
    expect(c.items.every((i) => i.met)).toBe(true);
    // only the Secretariat closes
    await g.ownerClient.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: 'Done' }).expect(403);
    await g.monitorClient.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: 'Done' }).expect(403);
    await observer.client.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: 'Done' }).expect(403);
    const closed: Closure = (await officer.client.post(`/api/grants/${g.grantId}/close`, { version: c.version, closingNote: 'Delivered as agreed; nothing owed either way.' }).expect(200)).body;
    expect(closed.grantStatus).toBe('closed');
    const audit = await h.ds.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1 AND action = 'grant.close'`, [g.grantId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toContain('in_force → closed');
    expect(await kinds(g.owner.user.id)).toContain('grant.closed');
    expect(await kinds(g.monitor.user.id)).toContain('grant.closed');

    // read-only everywhere: a tranche request, an expenditure report, a visit, an action point, a move, a second close
    const tranche = (await h.ds.query(`SELECT id FROM tranches WHERE grant_id = $1 AND kind = 'balance'`, [g.grantId]))[0];
    const closedGrant = (r: { body: { details: Detail[] } }) => expect(r.body.details).toEqual([expect.objectContaining({ code: 'grant_closed' })]);
    closedGrant(await g.ownerClient.post(`/api/tranches/${tranche.id}/request`, { expenditureReportId: g.expenditureReportId }).expect(409));
    const er = (await g.ownerClient.get(`/api/expenditure-reports/${g.expenditureReportId}`).expect(200)).body;
    closedGrant(await g.ownerClient.put(`/api/expenditure-reports/${g.expenditureReportId}`, { version: er.version, lines: [{ lineId: 'L1', spentCents: 1 }] }).expect(409));
    closedGrant(await g.ownerClient.post(`/api/grants/${g.grantId}/expenditure-reports`, {}).expect(409));
    closedGrant(await g.monitorClient.post(`/api/grants/${g.grantId}/visits`, { type: 'planned', date: day(3), purpose: 'One more' }).expect(409));
    closedGrant(await officer.client.post(`/api/grants/${g.grantId}/transition`, { to: 'in_force', reason: 'Reopen' }).expect(409));
    closedGrant(await officer.client.post(`/api/grants/${g.grantId}/close`, { version: closed.version, closingNote: 'Again' }).expect(409));
    const ap = (await g.monitorClient.get(`/api/action-points/${point.id}`).expect(200)).body;
    const reopen = await g.monitorClient.post(`/api/action-points/${point.id}/reopen`, { version: ap.version, reason: 'Not filed' });
    expect(reopen.status).toBe(409);
    // and the database holds it whatever the path: a write straight to a closed grant's record is refused
    await expect(h.ds.query(`UPDATE tranches SET amount_cents = 1 WHERE id = $1`, [tranche.id])).rejects.toThrow(/closed/);
    // its records stay readable
    expect((await closureOf(g.ownerClient, g.grantId)).grantStatus).toBe('closed');
    expect((await balanceOf(observer.client, g.grantId)).drawnUp).not.toBeNull();
  }, 120_000);
});
