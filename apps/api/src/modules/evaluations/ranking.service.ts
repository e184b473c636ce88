import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  canonicalJson, consolidate, rankAndFund, rankingChanges, requiredSheets, sheetTotals,
  type AmountAdjustment, type RankCandidate, type Ranking, type SubmittedSheet,
} from '@grants/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import { AWARD_STATUS_LABELS, valueLabel } from '../../common/export-values';
import type { AuthUser } from '../../common/auth-user';
import { sha256Hex as sha256 } from '../audit/audit.service';
import { AwardsRepository } from '../awards/awards.repository';
import type { CallEntity } from '../calls/entities/call.entity';
import { publicRules, rulesOf } from './evaluation-rules';
import { EvaluationsRepository } from './evaluations.repository';

export type CandidateRow = RankCandidate & { organizationId: string; organizationName: string; status: string; sheets: number; required: number };
export type RankingView = Omit<Ranking, 'rows'> & {
  rows: (Ranking['rows'][number] & { organizationName: string; sheets: number; required: number })[];
  sha256: string;
  callEnvelopeCents: number;
  changes: ReturnType<typeof rankingChanges>;
};

export type RankingAnswer = Awaited<ReturnType<RankingService['computeRanking']>>;

/**
 * A ranking answer as sent: the object (frozen: it is shared by every reader until an input changes), its JSON,
 * a strong ETag of that JSON and, made once on first demand, its gzip. Keyed by the digest of its inputs.
 */
type CachedRanking = { inputs: string; value: RankingAnswer; json: Buffer; etag: string; gzip?: Promise<Buffer> };
export type RankingBody = Pick<CachedRanking, 'json' | 'etag'> & { gzip: () => Promise<Buffer> };

/** Calls × envelopes kept; a 2,000-application ranking is ~1 MB of JSON (plus ~0.1 MB gzipped). */
const RANKING_CACHE_ENTRIES = 8;
const gzipAsync = promisify(gzip);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * The ranking of a call (consolidated points, thresholds, the funding line), and the exports and report made of it.
 *
 * Computing a ranking reads every candidate and sheet and consolidates them (~0.2 s for 2,000 applications), while
 * it changes only when one of its inputs does (a sheet, an application, the call, a decision, an award). So the
 * answer is cached in this process under the digest of its inputs (EvaluationsRepository.rankingInputsDigest, one
 * cheap query): every request still checks access first and reads the digest, and gets the computed answer only
 * while nothing it depends on changed. The digest and the reads run in one REPEATABLE READ transaction, so an
 * answer is stored under the digest of exactly the data it was computed from.
 */
@Injectable()
export class RankingService {
  private readonly cache = new Map<string, CachedRanking>();
  private readonly computing = new Map<string, Promise<CachedRanking>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: EvaluationsRepository,
    private readonly awards: AwardsRepository,
  ) {}

  /** Every evaluated application with its consolidated points (null while it lacks sheets). */
  async candidates(m: EntityManager, call: CallEntity): Promise<CandidateRow[]> {
    const rules = rulesOf(call);
    const apps = await this.repo.candidateApplications(m, call.id);
    const sheets = await this.repo.activeSheets(m, call.id);
    const byApp = new Map<string, typeof sheets>();
    for (const s of sheets) byApp.set(s.application_id, [...(byApp.get(s.application_id) ?? []), s]);
    return apps.map((a) => {
      const list = byApp.get(a.id) ?? [];
      const submitted: SubmittedSheet[] = list.filter((s) => s.status === 'submitted').map((s) => ({ id: s.id, scores: s.scores, submittedAt: s.submitted_at!.toISOString() }));
      const totals = submitted.map((s) => sheetTotals(rules.grid, s.scores).total);
      const required = requiredSheets(totals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints);
      const c = submitted.length >= required ? consolidate(rules.grid, submitted, rules.consolidationRule) : null;
      return {
        applicationId: a.id, reference: a.reference, submittedAt: new Date(a.submittedAt).toISOString(), requestedCents: a.requestedCents,
        points: c ? { sections: c.sections, total: c.total } : null,
        organizationId: a.organizationId, organizationName: a.organizationName, status: a.status, sheets: submitted.length, required,
      };
    });
  }

  /** The ranking of the candidates within an envelope (with the committee's adjusted amounts, if any), and its hash. */
  rankingOf(call: CallEntity, candidates: CandidateRow[], envelopeCents: number, adjustments: AmountAdjustment[] = []): RankingView {
    const rules = rulesOf(call);
    const opts = { reserveListSize: rules.reserveListSize, tieBreakSectionId: rules.tieBreakSectionId, adjustments };
    const ranking = rankAndFund(rules.grid, candidates, { ...opts, envelopeCents });
    const callEnvelope = call.definition.budgetEnvelopeCents;
    const changes = envelopeCents === callEnvelope ? [] : rankingChanges(rankAndFund(rules.grid, candidates, { ...opts, envelopeCents: callEnvelope }), ranking);
    const byId = new Map(candidates.map((c) => [c.applicationId, c]));
    const rows = ranking.rows.map((r) => ({ ...r, organizationName: byId.get(r.applicationId)!.organizationName, sheets: byId.get(r.applicationId)!.sheets, required: byId.get(r.applicationId)!.required }));
    const digest = sha256(canonicalJson(ranking.rows.map((r) => ({ id: r.applicationId, points: r.points, outcome: r.outcome, awardedCents: r.awardedCents }))));
    return { ...ranking, rows, sha256: digest, callEnvelopeCents: callEnvelope, changes };
  }

  /** A call's ranking answer: the call and its rules, the ranking within the envelope, the decision and the awards. */
  async ranking(actor: AuthUser, callId: string, envelopeCents?: number): Promise<RankingAnswer> {
    return (await this.cachedRanking(actor, callId, envelopeCents)).value;
  }

  /** The ranking answer as the route sends it: its JSON bytes, their ETag and the gzipped bytes (made once). */
  async rankingBody(actor: AuthUser, callId: string, envelopeCents?: number): Promise<RankingBody> {
    const entry = await this.cachedRanking(actor, callId, envelopeCents);
    const gzipped = () =>
      (entry.gzip ??= gzipAsync(entry.json, { level: 6 }).catch((e: unknown) => {
        entry.gzip = undefined; // not kept: the next reader tries again
        throw e;
      }));
    return { json: entry.json, etag: entry.etag, gzip: gzipped };
  }

  /** The ranking answer computed from the database, without the cache (and without the access check: callers do it). */
  async computeRanking(m: EntityManager, callId: string, envelopeCents?: number) {
    const call = await this.repo.call(m, callId);
    const candidates = await this.candidates(m, call);
    const view = this.rankingOf(call, candidates, envelopeCents ?? call.definition.budgetEnvelopeCents);
    const decisions = await this.awards.decisions(m, callId);
    return {
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title, status: call.status, grid: rulesOf(call).grid, rules: publicRules(call) },
      ranking: view,
      decision: decisions[0] ?? null,
      awards: await this.awards.awardsOfCall(m, callId),
    };
  }

  /** Access first; then the digest of the inputs, and the cached answer only if it was computed from the same inputs. */
  private async cachedRanking(actor: AuthUser, callId: string, envelopeCents?: number): Promise<CachedRanking> {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    const slot = `${callId}:${envelopeCents ?? 'call'}`;
    const inputs = await this.repo.rankingInputsDigest(this.ds.manager, callId);
    const hit = this.cache.get(slot);
    if (hit && hit.inputs === inputs) {
      this.cache.delete(slot); // most recently used last
      this.cache.set(slot, hit);
      return hit;
    }
    const key = `${slot}:${inputs}`;
    let pending = this.computing.get(key);
    if (!pending) {
      pending = this.fill(slot, callId, envelopeCents).finally(() => this.computing.delete(key));
      this.computing.set(key, pending);
    }
    return pending;
  }

  private async fill(slot: string, callId: string, envelopeCents?: number): Promise<CachedRanking> {
    const { inputs, value } = await this.ds.transaction('REPEATABLE READ', async (m) => ({
      inputs: await this.repo.rankingInputsDigest(m, callId),
      value: await this.computeRanking(m, callId, envelopeCents),
    }));
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    const entry: CachedRanking = { inputs, value: deepFreeze(value), json, etag: `"${createHash('sha256').update(json).digest('base64url')}"` };
    this.cache.delete(slot);
    this.cache.set(slot, entry);
    while (this.cache.size > RANKING_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /**
   * The ranking as recorded once the committee has decided (the frozen snapshot: adjusted amounts included), and
   * as it stands before that. Sheet counts come from the live data, which no longer changes after the decision.
   */
  private async rankingAsDecided(actor: AuthUser, callId: string) {
    const data = await this.ranking(actor, callId);
    const frozen = data.decision ? (data.decision.snapshot as { ranking: RankingView['rows'] }).ranking : null;
    if (!frozen) return { data, rows: data.ranking.rows };
    const live = new Map(data.ranking.rows.map((r) => [r.applicationId, r]));
    return { data, rows: frozen.map((r) => ({ ...r, sheets: live.get(r.applicationId)?.sheets ?? 0, required: live.get(r.applicationId)?.required ?? 0 })) };
  }

  /** Everything the evaluation report of a call is made of. */
  async reportData(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    const m = this.ds.manager;
    const { data, rows } = await this.rankingAsDecided(actor, callId);
    const pool = await this.repo.reportPool(m, callId);
    const conflicts = await this.repo.conflicts(m, callId);
    const snap = data.decision?.snapshot as { awardedCents: number; remainingCents: number } | undefined;
    return { ...data, ranking: { ...data.ranking, rows, ...(snap ? { awardedCents: snap.awardedCents, remainingCents: snap.remainingCents } : {}) }, pool, conflicts };
  }

  /** Every sheet of the call, for the Secretariat's export: its columns, rows and the call's reference. */
  async sheetRows(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    const call = await this.repo.call(this.ds.manager, callId);
    const grid = rulesOf(call).grid;
    const rows = (await this.repo.sheetExport(this.ds.manager, callId)).map((r) => {
      const out: Record<string, unknown> = { reference: r.reference, organization: r.organization, evaluator: r.evaluator, status: r.status, origin: r.origin, total: r.total, submitted_at: r.submitted_at, conflict_reason: r.conflict_reason };
      for (const s of grid.sections) {
        for (const c of s.criteria) out[`criterion_${c.id}`] = r.scores[c.id] ?? null;
        out[`comment_${s.id}`] = r.comments[s.id] ?? '';
      }
      return out;
    });
    const columns = ['reference', 'organization', 'evaluator', 'status', 'origin', 'total', 'submitted_at', 'conflict_reason',
      ...grid.sections.flatMap((s) => [...s.criteria.map((c) => `criterion_${c.id}`), `comment_${s.id}`])];
    // the grid's columns are headed by their titles in the reader's language (the criterion keeps its number)
    const titles = Object.fromEntries(grid.sections.flatMap((s) => [
      [`comment_${s.id}`, s.title],
      ...s.criteria.map((c) => [`criterion_${c.id}`, { en: `${c.id} ${c.title.en}`, sq: `${c.id} ${c.title.sq}`, sr: `${c.id} ${c.title.sr}` }]),
    ]));
    return { columns, rows, reference: call.reference, titles };
  }

  /** The ranking as rows for the export, section scores in columns. Euro amounts are formatted from integer cents. */
  async rankingRows(actor: AuthUser, callId: string) {
    const { data, rows: ranked } = await this.rankingAsDecided(actor, callId);
    const sections = data.call.grid.sections;
    const current = new Map(data.awards.map((a) => [a.applicationId, a]));
    const columns = ['rank', 'reference', 'organization', 'total', ...sections.map((s) => `section_${s.id}`), 'requested_eur', 'awarded_eur', 'outcome', 'reason', 'reserve_place', 'tie_broken_by', 'adjustment_reason', 'sheets', 'award_now'];
    const rows = ranked.map((r) => ({
      rank: r.rank, reference: r.reference, organization: r.organizationName, total: r.points?.total ?? null,
      ...Object.fromEntries(sections.map((s) => [`section_${s.id}`, r.points?.sections[s.id] ?? null])),
      requested_eur: euros(r.requestedCents), awarded_eur: euros(r.awardedCents), outcome: r.outcome, reason: r.reason ?? '',
      reserve_place: r.reservePlace, tie_broken_by: r.tieBrokenBy ?? '', adjustment_reason: r.adjustment?.reason ?? '', sheets: `${r.sheets}/${r.required}`,
      // after the decision: declined awards and move-ups from the reserve list
      award_now: current.has(r.applicationId) ? `${valueLabel(AWARD_STATUS_LABELS, current.get(r.applicationId)!.status, actor)} ${euros(current.get(r.applicationId)!.amountCents)}` : '',
    }));
    const titles = Object.fromEntries(sections.map((s) => [`section_${s.id}`, s.title]));
    return { columns, rows, reference: data.call.reference, titles };
  }
}

/** Integer cents → "1234.56" for spreadsheets, without going through a float. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
