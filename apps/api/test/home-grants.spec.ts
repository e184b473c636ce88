import { checkIban } from '@grants/domain';
import { Harness, loginAs, startApi } from './harness';

/**
 * The grants' part of each role's to-do list (GET /api/home/todo, issue 10): the organisation's agreement to sign,
 * budget to revise, tranche it may request, reports due or returned, changes decided; the Secretariat's agreements
 * to countersign, revised budgets to accept, awards to draw up, tranches to approve and to pay, expenditure reports
 * to review, changes and bank-account changes to decide; the monitor's grants with a report overdue. Each entry
 * links to the grant (or, before there is one, to the application or the call's awards), and nobody sees another's.
 */
type Entry = { id: string; reference: string | null; name: string | null; callId: string | null; at: string | null; pending: number | null; grantId: string | null; link: string };
type Item = { kind: string; count: number; link: string; entries: Entry[] };
type Todo = { items: Item[]; total: number };
type Login = Awaited<ReturnType<typeof loginAs>>;

const DAY = 86_400_000;
/** A Kosovo calendar date `days` from today. */
const day = (days: number) => new Date(Date.now() + days * DAY + 3600_000).toISOString().slice(0, 10);

function kosovoIban(seed: number): string {
  const bban = String(1212012345670000 + seed).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  const iban = `XK${String(98 - r).padStart(2, '0')}${bban}`;
  if (!checkIban(iban).valid) throw new Error(`bad test IBAN ${iban}`);
  return iban;
}

describe('home: the grants on each role’s to-do list', () => {
  let h: Harness;
  let seq = 0;
  let programmeId: string;
  const calls = new Set<string>();
  let ownerA: Login;
  let memberA: Login;
  let ownerB: Login;
  let officer: Login;
  let monitor: Login;
  const g: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const q = (sql: string, params: unknown[] = []) => h.ds.query(sql, params);
  const todo = async (who: Login): Promise<Todo> => (await who.client.get('/api/home/todo').expect(200)).body;
  const item = (t: Todo, kind: string) => {
    const found = t.items.find((i) => i.kind === kind);
    if (!found) throw new Error(`no ${kind} in ${t.items.map((i) => i.kind).join(', ')}`);
    return found;
  };
  /** The entries of a kind about the records of this spec (the Secretariat sees every grant in the database). */
  const mine = (t: Todo, kind: string) => item(t, kind).entries.filter((e) => Object.values(g).includes(e.grantId ?? '') || calls.has(e.callId ?? ''));

  /** An award on a call of its own (one application per organisation and call, one decision per call). */
  async function award(organizationId: string, amountCents: number, requestedCents: number) {
    const [c] = await q(`INSERT INTO calls (programme_id, reference, status, definition) VALUES ($1, $2, 'decided', $3) RETURNING id`,
      [programmeId, `MF-HG-${process.pid}-${++seq}`, JSON.stringify({ texts: { title: { en: 'Grants', sq: 'Grante', sr: 'Grantovi' } } })]);
    const callId = c.id as string;
    calls.add(callId);
    const decisionId = (await q(`INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256) VALUES ($1, 1, 'decision', current_date, 100000000, '{}', repeat('0', 64)) RETURNING id`, [callId]))[0].id;
    const [app] = await q(`INSERT INTO applications (call_id, organization_id, status, reference, requested_cents) VALUES ($1, $2, 'awarded', $3, $4) RETURNING id`,
      [callId, organizationId, `APP-HG-${process.pid}-${++seq}`, requestedCents]);
    const [w] = await q(`INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, $4, 'awarded') RETURNING id`,
      [callId, app.id, decisionId, amountCents]);
    return { awardId: w.id as string, applicationId: app.id as string, callId };
  }
  async function grant(organizationId: string, set: Record<string, unknown>) {
    const { awardId, callId } = await award(organizationId, 4_000_000, 4_000_000);
    const cols = Object.keys(set);
    const [row] = await q(
      `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq${cols.map((c) => `, ${c}`).join('')})
       VALUES ($1, $2, $3, 4000000, $4, $5${cols.map((_, i) => `, $${i + 6}`).join('')}) RETURNING id`,
      [awardId, callId, organizationId, `MF-HG-${String(++seq).padStart(3, '0')}`, seq, ...cols.map((c) => set[c])]);
    return row.id as string;
  }
  const tranche = async (grantId: string, n: number, status: string, extra = '') =>
    (await q(`INSERT INTO tranches (grant_id, seq, kind, amount_cents, planned_date, status${extra ? ', approved_on, approved_at' : ''})
              VALUES ($1, $2, $3, 1000000, current_date, $4${extra ? ', current_date, now()' : ''}) RETURNING id`, [grantId, n, n === 1 ? 'pre_financing' : 'balance', status]))[0].id as string;
  const expenditure = async (grantId: string, n: number, status: string, periodEnd: string) =>
    (await q(`INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, status, submitted_at, reviewed_at) VALUES ($1, $2, $3, $4, $5, now() - interval '1 day', now()) RETURNING id`,
      [grantId, n, day(-400), periodEnd, status]))[0].id as string;
  const amendment = async (grantId: string, kind: string, status: string, by: string, letter: string | null = null) =>
    (await q(`INSERT INTO grant_amendments (grant_id, kind, status, change, justification, requested_by, bank_letter_file_id, decided_at, decision_reason)
              VALUES ($1, $2, $3, '{}', 'because', $4, $5, CASE WHEN $3 = 'requested' THEN NULL ELSE now() - interval '2 days' END, CASE WHEN $3 = 'requested' THEN NULL ELSE 'reason' END) RETURNING id`,
      [grantId, kind, status, by, letter]))[0].id as string;

  beforeAll(async () => {
    h = await startApi();
    officer = await loginAs(h, 'secretariat');
    ownerA = await loginAs(h, 'applicant', { language: 'sq' });
    memberA = await loginAs(h, 'applicant', { organizationId: ownerA.user.organizationId!, orgRole: 'member' });
    ownerB = await loginAs(h, 'applicant');
    monitor = await loginAs(h, 'monitor');
    const orgA = ownerA.user.organizationId!;
    const orgB = ownerB.user.organizationId!;
    programmeId = (await q(`INSERT INTO programmes (name) VALUES ('Moving Forward – Cluster 3 grant scheme') ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`))[0].id;

    // organisation A: an agreement to sign; a lowered award to revise; a grant in force with a tranche it may request,
    // reports due (one overdue, one soon, one far off, one handed in), a returned expenditure report, a change decided
    g.toSign = await grant(orgA, { status: 'sent_for_signature', sent_at: new Date(Date.now() - 3 * DAY) });
    ids.lowered = (await award(orgA, 3_000_000, 4_000_000)).applicationId;
    const schedule = [
      { kind: 'interim', seq: 1, periodStart: day(-400), periodEnd: day(-200), dueDate: day(-170) }, // handed in below
      { kind: 'interim', seq: 2, periodStart: day(-200), periodEnd: day(-33), dueDate: day(-3) }, // 3 days overdue
      { kind: 'interim', seq: 3, periodStart: day(-33), periodEnd: day(-25), dueDate: day(5) }, // due in 5 days
      { kind: 'final', seq: 4, periodStart: day(-400), periodEnd: day(10), dueDate: day(40) }, // far off
    ];
    g.inForce = await grant(orgA, { status: 'in_force', countersigned_at: new Date(), iban: kosovoIban(3), monitor_id: monitor.user.id, reporting_schedule: JSON.stringify(schedule) });
    ids.toRequest = await tranche(g.inForce, 1, 'planned');
    await tranche(g.inForce, 2, 'planned');
    await expenditure(g.inForce, 1, 'accepted', day(-200));
    ids.returned = await expenditure(g.inForce, 2, 'returned', day(-33));
    ids.decided = await amendment(g.inForce, 'no_cost_extension', 'rejected', ownerA.user.id);

    // organisation B, on the Secretariat's desk: an agreement to countersign with a requested tranche, a grant in force
    // with an approved tranche to pay, an expenditure report to review, a change and a bank-account change to decide
    g.toCountersign = await grant(orgB, { status: 'signed_by_organization', sent_at: new Date(Date.now() - 9 * DAY), signed_at: new Date(Date.now() - 2 * DAY), signatory_name: 'B', signatory_function: 'Director', iban: kosovoIban(4) });
    ids.toApprove = await tranche(g.toCountersign, 1, 'requested');
    g.busy = await grant(orgB, { status: 'in_force', countersigned_at: new Date(), iban: kosovoIban(5) });
    ids.toPay = await tranche(g.busy, 1, 'approved', 'approved');
    ids.toReview = await expenditure(g.busy, 1, 'submitted', day(-10));
    ids.toDecide = await amendment(g.busy, 'budget_reallocation', 'requested', ownerB.user.id);
    const [file] = await q(`INSERT INTO files (storage, storage_key, file_name, mime_type, size, sha256) VALUES ('local', $1, 'letter.pdf', 'application/pdf', 10, repeat('a', 64)) RETURNING id`, [`hg-${process.pid}`]);
    ids.bankChange = await amendment(g.busy, 'bank_account_change', 'requested', ownerB.user.id, file.id);
    // awards of B: one to draw up as is, one lowered with a revised budget to accept
    ids.toDrawUp = (await award(orgB, 4_000_000, 4_000_000)).awardId;
    const lowered = await award(orgB, 3_000_000, 4_000_000);
    ids.revisionAward = lowered.awardId;
    ids.revisionCall = lowered.callId;
    ids.revision = (await q(`INSERT INTO grant_budget_revisions (award_id, budget, computed, requested_cents, submitted_by) VALUES ($1, '{}', '{}', 3000000, $2) RETURNING id`,
      [lowered.awardId, ownerB.user.id]))[0].id;
  });
  afterAll(() => h.close());

  it('lists the organisation’s owner the agreement to sign, the budget to revise, the tranche to request, reports due and returned, and changes decided', async () => {
    const t = await todo(ownerA);
    expect(mine(t, 'grant.agreement_to_sign')).toEqual([expect.objectContaining({ id: g.toSign, grantId: g.toSign, link: `/grants/${g.toSign}` })]);
    expect(item(t, 'grant.budget_revision_to_make').entries).toEqual([expect.objectContaining({ id: ids.lowered, link: `/applications/${ids.lowered}/outcome` })]);
    expect(item(t, 'tranche.to_request').entries).toEqual([expect.objectContaining({ id: ids.toRequest, grantId: g.inForce, pending: 1, link: `/grants/${g.inForce}` })]);
    // the overdue report first (3 days late), then the one due in 5 days; the handed-in and far-off ones are not listed
    const due = item(t, 'expenditure.report_due');
    expect(due.entries.map((e) => [e.id, e.pending])).toEqual([[`${g.inForce}.report.2`, 3], [`${g.inForce}.report.3`, null]]);
    expect(due.entries[0]).toMatchObject({ reference: expect.stringMatching(/^MF-HG-/), link: `/grants/${g.inForce}` });
    expect(item(t, 'expenditure.report_returned').entries).toEqual([expect.objectContaining({ id: ids.returned, pending: 2, link: `/expenditure-reports/${ids.returned}` })]);
    expect(item(t, 'grant.amendment_decided').entries).toEqual([expect.objectContaining({ id: ids.decided, link: `/grants/${g.inForce}` })]);
    // nothing of the Secretariat's lists
    expect(t.items.map((i) => i.kind)).not.toContain('tranche.to_approve');
  });

  it('gives a member the same grant work except the signature, which is the owner’s', async () => {
    const t = await todo(memberA);
    expect(t.items.map((i) => i.kind)).not.toContain('grant.agreement_to_sign');
    expect(item(t, 'tranche.to_request').count).toBe(1);
    expect(item(t, 'expenditure.report_due').count).toBe(2);
  });

  it('shows another organisation none of it', async () => {
    const t = await todo(ownerB);
    for (const kind of ['tranche.to_request', 'expenditure.report_due', 'expenditure.report_returned', 'grant.amendment_decided', 'grant.budget_revision_to_make']) {
      expect({ kind, count: item(t, kind).count }).toEqual({ kind, count: 0 });
    }
    // B's only own grant work: nothing to sign (its agreement is signed), its requested tranche waits on the Secretariat
    expect(item(t, 'grant.agreement_to_sign').count).toBe(0);
  });

  it('lists the Secretariat’s grant work, each linked to where it is done', async () => {
    const t = await todo(officer);
    expect(mine(t, 'grant.agreement_to_countersign')).toEqual([expect.objectContaining({ id: g.toCountersign, name: expect.any(String), link: `/grants/${g.toCountersign}` })]);
    expect(mine(t, 'grant.budget_revision_to_accept')).toEqual([expect.objectContaining({ id: ids.revision, link: '/grants/pending-awards' })]);
    // the award not lowered may be drawn up; the lowered one waits for its revision to be accepted; those with a grant are done
    expect(mine(t, 'award.grant_to_draw_up').map((e) => e.id)).toEqual([ids.toDrawUp]);
    expect(mine(t, 'tranche.to_approve')).toEqual([expect.objectContaining({ id: ids.toApprove, link: `/grants/${g.toCountersign}` })]);
    expect(mine(t, 'tranche.to_pay')).toEqual([expect.objectContaining({ id: ids.toPay, link: '/payment-orders' })]);
    expect(item(t, 'tranche.to_pay').link).toBe('/payment-orders');
    expect(mine(t, 'expenditure.report_to_review')).toEqual([expect.objectContaining({ id: ids.toReview, link: `/expenditure-reports/${ids.toReview}` })]);
    expect(mine(t, 'grant.amendment_to_decide').map((e) => e.id)).toEqual([ids.toDecide]);
    expect(mine(t, 'grant.bank_account_change_to_decide').map((e) => e.id)).toEqual([ids.bankChange]);
    // an accepted revision moves the award to the draw-up list
    await q(`UPDATE grant_budget_revisions SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [ids.revision, officer.user.id]);
    const after = await todo(officer);
    expect(mine(after, 'grant.budget_revision_to_accept')).toEqual([]);
    expect(mine(after, 'award.grant_to_draw_up').map((e) => e.id).sort()).toEqual([ids.toDrawUp, ids.revisionAward].sort());
  });

  it('lists a monitor its grants with something overdue (a report, a tranche not requested), and another monitor nothing', async () => {
    const t = await todo(monitor);
    expect(item(t, 'grant.overdue').entries).toEqual([expect.objectContaining({ id: g.inForce, grantId: g.inForce, pending: 1, link: `/grants/${g.inForce}` })]);
    const other = await loginAs(h, 'monitor');
    expect(item(await todo(other), 'grant.overdue').count).toBe(0);
    // once the overdue report is handed in, nothing is overdue…
    await q(`UPDATE expenditure_reports SET status = 'submitted' WHERE id = $1`, [ids.returned]);
    expect(item(await todo(monitor), 'grant.overdue').count).toBe(0);
    // …until the pre-financing is still not requested after its planned date (the grants list's rule, libs/domain grantOverdue)
    await q(`UPDATE tranches SET planned_date = current_date - 10 WHERE id = $1`, [ids.toRequest]);
    expect(item(await todo(monitor), 'grant.overdue').entries).toEqual([expect.objectContaining({ id: g.inForce, pending: 1 })]);
    // an observer reads the portfolio but has no grant work to do
    expect((await todo(await loginAs(h, 'observer'))).items.map((i) => i.kind).filter((k) => /^(grant|tranche|expenditure|award)\./.test(k))).toEqual([]);
  });
});
