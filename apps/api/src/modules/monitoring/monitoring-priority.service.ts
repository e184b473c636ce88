import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  burnRate, compareMonitoringPriority, isoDateToDayNumber, monitoringPriority, MONITORING_PRIORITY_RULE, overdueReports, type MonitoringPriority, type VisitRating,
} from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import type { MonitoringPriorityQuery } from './dtos/monitoring.dtos';
import { MonitoringRepository, type PriorityFacts } from './monitoring.repository';

/**
 * The monitoring-priority list (risk-based planning): every grant in force with its priority computed by libs/domain
 * monitoringPriority from its latest rating, its overdue reports and action points, the gap between money spent and
 * time elapsed, and the days since the last visit; the most urgent first, with the reasons and the rule itself, so
 * the screen explains it. The Secretariat and observers see every grant; a monitor its own.
 */
type Assessed = { f: PriorityFacts; priority: MonitoringPriority; daysSinceLastVisit: number; overdueReports: number };

@Injectable()
export class MonitoringPriorityService {
  /** Computations under way, shared by the readers who ask at the same time (see facts). */
  private readonly running = new Map<string, Promise<Assessed[]>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: MonitoringRepository,
  ) {}

  static assess(f: PriorityFacts, today: string): { priority: MonitoringPriority; daysSinceLastVisit: number; overdueReports: number } {
    const t = isoDateToDayNumber(today)!;
    const since = isoDateToDayNumber(f.lastVisitDate ?? f.startDate)!;
    const daysSinceLastVisit = Math.max(0, t - since);
    const reports = overdueReports(f.schedule ?? [], f.reports ?? [], today).length;
    const approvedCents = Number(f.approvedCents);
    const gapBp = approvedCents > 0 && f.endDate >= f.startDate
      ? burnRate({ spentCents: Number(f.spentCents), approvedCents, startDate: f.startDate, endDate: f.endDate, asOf: today }).gapBp
      : null;
    const priority = monitoringPriority({
      latestRating: (f.latestRating ?? null) as VisitRating | null, overdueReports: reports, overdueActionPoints: f.overdueActionPoints,
      overdueHighActionPoints: f.overdueHighActionPoints, gapBp, daysSinceLastVisit, visited: f.lastVisitDate !== null,
    });
    return { priority, daysSinceLastVisit, overdueReports: reports };
  }

  /**
   * Every grant of the scope assessed and sorted, the most urgent first, computed once for the readers who ask at the
   * same time (bench:monitoring: 50 in flight): a reader joins a computation under way only if no audited change
   * committed since it began and the day is the same (every change that moves a fact writes an audit row), so it never
   * misses a change it could have seen; nothing is kept once computed.
   */
  private assessed(scope: { monitorId?: string }): Promise<Assessed[]> {
    const m = this.ds.manager;
    return this.repo.factsStamp(m).then((stamp) => {
      const key = `${stamp}|${scope.monitorId ?? ''}`;
      let running = this.running.get(key);
      if (!running) {
        running = Promise.all([this.repo.today(m), this.repo.priorityFacts(m, scope)]).then(([today, facts]) => facts
          .map((f) => ({ f, ...MonitoringPriorityService.assess(f, today) }))
          .sort((a, b) => compareMonitoringPriority({ grantId: a.f.grantId, priority: a.priority, daysSinceLastVisit: a.daysSinceLastVisit }, { grantId: b.f.grantId, priority: b.priority, daysSinceLastVisit: b.daysSinceLastVisit })));
        this.running.set(key, running);
        const done = () => { if (this.running.get(key) === running) this.running.delete(key); };
        running.then(done, done);
      }
      return running;
    });
  }

  /** Each grant in force's score and band (for the grants list sorted by monitoring priority), of a monitor's grants or all. */
  async scores(scope: { monitorId?: string }): Promise<Map<string, { score: number; band: 'high' | 'medium' | 'low' }>> {
    return new Map((await this.assessed(scope)).map((a) => [a.f.grantId, { score: a.priority.score, band: a.priority.band }]));
  }

  async list(actor: AuthUser, q: MonitoringPriorityQuery) {
    const monitorOnly = actor.role === 'monitor';
    await this.access.requireAccess(actor, monitorOnly ? 'monitoring.visit' : 'portfolio.read', []);
    const assessed = await this.assessed({ monitorId: monitorOnly ? actor.id : q.monitorId });
    const bands = { high: 0, medium: 0, low: 0 };
    for (const a of assessed) bands[a.priority.band] += 1;
    const filtered = q.band ? assessed.filter((a) => a.priority.band === q.band) : assessed;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const items = filtered.slice((page - 1) * pageSize, page * pageSize).map(({ f, priority, daysSinceLastVisit, overdueReports: reports }) => ({
      grantId: f.grantId, agreementNumber: f.agreementNumber, organizationName: f.organizationName, municipality: f.municipality, monitorId: f.monitorId, monitorName: f.monitorName,
      score: priority.score, band: priority.band, reasons: priority.reasons, latestRating: f.latestRating, lastVisitDate: f.lastVisitDate, nextVisitDate: f.nextVisitDate,
      overdueActionPoints: f.overdueActionPoints, overdueReports: reports, daysSinceLastVisit,
    }));
    return { items, total: filtered.length, page, pageSize, bands, rule: { ...MONITORING_PRIORITY_RULE, ratingPoints: { ...MONITORING_PRIORITY_RULE.ratingPoints } } };
  }
}
