import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  beneficiaryTableFromCells, can, compareNsCodes, grantBurn, moneyTotals, portfolioBeneficiaries, portfolioBurn, resultsByObjective, rollUpMoney, toKosovoLocal,
} from '@grants/domain';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import type { PortfolioFilterDto } from './dtos/portfolio.dtos';
import { PortfolioRepository, type GrantMoneyRow, type PortfolioScope } from './portfolio.repository';

const OVERDUE_LIMIT = 200;
const BURN_LIST = 50;
const CACHE_ENTRIES = 500;
/** Organisations listed in the money answer (the most contracted first); the others are in the totals. */
const ORGANIZATIONS_LISTED = 50;
/** Ids listed behind one figure: the records to open from it (the figure's own count says how many there are). */
export const LINKS_LISTED = 200;
const links = (ids: readonly string[]) => ids.slice(0, LINKS_LISTED);

/**
 * The portfolio dashboard (issue 13): every figure read from the tables the worker refreshes every 30 seconds
 * (`portfolio.refresh`), filtered by call, Strategy objective, municipality and period, each answer with its `asOf`
 * and the ids of the records behind its figures. The Secretariat and observers read the whole portfolio, a monitor
 * only its own grants. Answers are kept until the next refresh (the figures cannot change before it), so fifty
 * readers of the same view cost one query.
 */
@Injectable()
export class PortfolioService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Portfolio');
  private readonly cache = new Map<string, Promise<unknown>>();
  private cacheAsOf = '';
  private refreshing: Promise<unknown> | null = null;

  constructor(private readonly repo: PortfolioRepository, private readonly access: AccessService) {}

  /** At API start, figures are refreshed once in the background (the worker then keeps them fresh); not in tests, which refresh on demand. */
  onApplicationBootstrap() {
    if (process.env.NODE_ENV === 'test') return;
    void this.refresh().catch((e) => this.logger.warn(`Could not refresh the portfolio figures: ${(e as Error).message}`));
  }

  /** Rewrites the figures now (the worker's job, API start, tests). */
  async refresh() {
    const r = await this.repo.refresh();
    this.cache.clear();
    return r;
  }

  /** Whole portfolio (null) or the monitor whose grants only are read; anyone else: 404. */
  private async monitorScope(actor: AuthUser): Promise<string | null> {
    if (await this.access.hasAccess(actor, 'portfolio.read', [])) return null;
    if (actor.role !== 'monitor' || !can(actor, 'portfolio.read')) throw AppError.notFound();
    const ids = await this.repo.monitorGrantIds(actor.id);
    if (ids.length) await this.access.requireAccess(actor, 'portfolio.read', ids);
    return actor.id;
  }

  /** The answer for a view, computed once per refresh; the first reader ever triggers the first refresh. */
  private async answer<T extends object>(actor: AuthUser, route: string, f: PortfolioFilterDto, compute: (s: PortfolioScope, asOf: Date) => Promise<T>): Promise<T & { asOf: string }> {
    const monitorId = await this.monitorScope(actor);
    let asOf = await this.repo.refreshedAt();
    if (!asOf) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
      await this.refreshing;
      asOf = (await this.repo.refreshedAt())!;
    }
    const stamp = asOf.toISOString();
    if (stamp !== this.cacheAsOf) {
      this.cache.clear();
      this.cacheAsOf = stamp;
    }
    const scope: PortfolioScope = { callId: f.callId, objective: f.objective, municipality: f.municipality, from: f.from, to: f.to, monitorId };
    const key = JSON.stringify([route, monitorId, f.callId ?? null, f.objective ?? null, f.municipality ?? null, f.from ?? null, f.to ?? null]);
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      hit = compute(scope, asOf);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return { ...(await hit), asOf: stamp };
  }

  /** What the filter can choose from among the grants the reader sees (the filter itself does not narrow it). */
  filters(actor: AuthUser) {
    return this.answer(actor, 'filters', {}, async (s) => {
      const r = await this.repo.filters(s.monitorId ?? null);
      return { ...r, objectives: [...r.objectives].sort(compareNsCodes), municipalities: [...r.municipalities].sort() };
    });
  }

  money(actor: AuthUser, f: PortfolioFilterDto) {
    return this.answer(actor, 'money', f, async (s) => {
      const [grantRows, awards, byHeading, timeline] = await Promise.all([this.repo.grantMoney(s), this.repo.awardMoney(s), this.repo.headings(s), this.repo.timeline(s)]);
      // awarded: every award in force decided in the period (with a grant or still waiting for one), not the grants' own awards
      const grants: (Omit<GrantMoneyRow, 'grantId'> & { grantId: string | null })[] = [
        ...grantRows.map((g) => ({ ...g, awardedCents: 0 })),
        ...awards.map((a) => ({
          grantId: a.grantId, callId: a.callId, callReference: a.callReference, organizationId: a.organizationId, organizationName: a.organizationName,
          agreementNumber: null, status: 'awarded', startDate: null, endDate: null,
          awardedCents: a.amountCents, contractedCents: 0, paidCents: 0, paidToDateCents: 0, spentCents: 0, acceptedCents: 0, acceptedToDateCents: 0, recoveredCents: 0,
        })),
      ];
      const today = toKosovoLocal(new Date()).date;
      const asOfDay = s.to && s.to < today ? s.to : today;
      const group = (keyOf: (g: (typeof grants)[number]) => string, nameOf: (g: (typeof grants)[number]) => string) => {
        const names = new Map(grants.map((g) => [keyOf(g), nameOf(g)]));
        return rollUpMoney(grants, keyOf).map((r) => ({ id: r.key, name: names.get(r.key) ?? '', money: r.money, grantCount: r.grantIds.length, grantIds: links(r.grantIds) }));
      };
      const organizations = group((g) => g.organizationId, (g) => g.organizationName).sort((a, b) => b.money.contractedCents - a.money.contractedCents || a.name.localeCompare(b.name));
      const dated = grantRows.filter((g) => g.startDate && g.endDate && g.contractedCents > 0);
      const burnInput = dated.map((g) => ({ contractedCents: g.contractedCents, acceptedCents: g.acceptedToDateCents, startDate: g.startDate!, endDate: g.endDate! }));
      const p = portfolioBurn(burnInput, asOfDay);
      const perGrant = dated
        .map((g) => ({ g, b: grantBurn({ contractedCents: g.contractedCents, acceptedCents: g.acceptedToDateCents, startDate: g.startDate!, endDate: g.endDate! }, asOfDay) }))
        .filter(({ b }) => b.pace === 'ahead' || b.pace === 'behind')
        .sort((a, b) => Math.abs(b.b.gapBp ?? 0) - Math.abs(a.b.gapBp ?? 0) || a.g.grantId.localeCompare(b.g.grantId))
        .slice(0, BURN_LIST)
        .map(({ g, b }) => ({ grantId: g.grantId, agreementNumber: g.agreementNumber, organizationName: g.organizationName, contractedCents: g.contractedCents, acceptedCents: g.acceptedToDateCents, ...b }));
      return {
        totals: moneyTotals(grants),
        grantCount: grantRows.length,
        byCall: group((g) => g.callId, (g) => g.callReference),
        byOrganization: organizations.slice(0, ORGANIZATIONS_LISTED),
        organizationCount: organizations.length,
        byHeading,
        burnRate: { spentBp: p.spentBp, elapsedBp: p.elapsedBp, gapBp: p.gapBp, pace: p.pace, ahead: p.paces.ahead, behind: p.paces.behind, onTrack: p.paces.on_track, grants: perGrant },
        timeline,
      };
    });
  }

  grants(actor: AuthUser, f: PortfolioFilterDto) {
    return this.answer(actor, 'grants', f, async (s) => {
      const { ratings, statuses } = await this.repo.grantGroups(s);
      return {
        total: statuses.reduce((t, r) => t + r.count, 0),
        byRating: ratings.map((r) => ({ ...r, rating: r.rating as 1 | 2 | 3 | null, grantIds: links(r.grantIds), visitReportIds: links(r.visitReportIds) })),
        byStatus: statuses.map((r) => ({ ...r, status: r.status as never, grantIds: links(r.grantIds) })),
      };
    });
  }

  overdue(actor: AuthUser, f: PortfolioFilterDto) {
    return this.answer(actor, 'overdue', f, async (s) => {
      const r = await this.repo.overdue(s, OVERDUE_LIMIT);
      const c = (k: string) => r.counts[k] ?? 0;
      const counts = { signature: c('signature'), countersignature: c('countersignature'), report: c('report'), tranche: c('tranche'), actionPoint: c('action_point') };
      return { today: r.today, total: Object.values(counts).reduce((a, b) => a + b, 0), counts, items: r.items.map((i) => ({ ...i, kind: i.kind as never })) };
    });
  }

  results(actor: AuthUser, f: PortfolioFilterDto) {
    return this.answer(actor, 'results', f, async (s) => ({
      objectives: resultsByObjective(await this.repo.indicatorRows(s)).map((o) => ({ ...o, grantCount: o.grantIds.length, reportCount: o.reportIds.length, grantIds: links(o.grantIds), reportIds: links(o.reportIds) })),
    }));
  }

  beneficiaries(actor: AuthUser, f: PortfolioFilterDto) {
    return this.answer(actor, 'beneficiaries', f, async (s) => {
      const r = await this.repo.beneficiaryCells(s);
      return { table: portfolioBeneficiaries([beneficiaryTableFromCells(r.cells)]), reports: r.reports, grantCount: r.grantIds.length, grantIds: links(r.grantIds) };
    });
  }
}
