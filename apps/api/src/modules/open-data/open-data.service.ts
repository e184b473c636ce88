import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  DEFAULT_IATI_PUBLISHER, IATI_CSV_COLUMNS, IATI_PLACEHOLDER_ORG_REF, IATI_VERSION, iatiActivitiesXml, iatiActivity, iatiCsvRow, IatiActivity, IatiGrantInput, IatiPublisher,
} from '@grants/domain';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { toCsv } from '../../common/csv';
import { ENV, Env } from '../../config/env.dto';
import { todayInKosovo } from '../organizations/organizations.service';
import type { OpenDataSummaryResponseDto } from './dtos/open-data-response.dto';
import { OpenDataRepository } from './open-data.repository';

type Build = { grants: IatiGrantInput[]; activities: IatiActivity[]; lastChanged: string | null; xml: string; xmlSha256: string };

export type OpenDataFile = { body: string; sha256: string; fileName: string; lastChanged: string | null };

/**
 * Open data: the grants signed or later as an IATI 2.03 file and as CSV, for the donor to publish. The whole
 * portfolio only: the Secretariat and observers (a monitor's view is partial, so it is not for a monitor).
 */
@Injectable()
export class OpenDataService {
  private readonly publisher: IatiPublisher;

  constructor(private readonly repo: OpenDataRepository, private readonly access: AccessService, @Inject(ENV) env: Env) {
    this.publisher = { ...DEFAULT_IATI_PUBLISHER, reporting: { ...DEFAULT_IATI_PUBLISHER.reporting, ref: env.IATI_REPORTING_ORG_REF } };
  }

  /** The last build and what it was built from: the files are rebuilt only when the data (or the day) moved on. */
  private built: { key: string; value: Promise<Build> } | null = null;

  private async activities(actor: AuthUser): Promise<Build> {
    await this.access.requireWholePortfolio(actor);
    const key = `${todayInKosovo()}|${await this.repo.fingerprint()}`;
    if (this.built?.key !== key) {
      // requests that arrive together share one build
      const value = this.build(key.slice(0, 10));
      this.built = { key, value };
      value.catch(() => { if (this.built?.value === value) this.built = null; });
    }
    return this.built.value;
  }

  private async build(today: string): Promise<Build> {
    const grants = await this.repo.grants();
    const activities = grants.map((g) => iatiActivity(g, this.publisher, today));
    const lastChanged = activities.reduce<string | null>((m, a) => (m === null || a.lastUpdated > m ? a.lastUpdated : m), null);
    const xml = this.xmlOf(activities, lastChanged);
    return { grants, activities, lastChanged, xml, xmlSha256: sha256(xml) };
  }

  private xmlOf(activities: IatiActivity[], lastChanged: string | null): string {
    return iatiActivitiesXml(activities, lastChanged ?? new Date(0).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }

  async xml(actor: AuthUser): Promise<OpenDataFile> {
    const { xml, xmlSha256, lastChanged } = await this.activities(actor);
    return { body: xml, sha256: xmlSha256, fileName: 'iati-activities.xml', lastChanged };
  }

  async csv(actor: AuthUser): Promise<OpenDataFile> {
    const { grants, activities, lastChanged } = await this.activities(actor);
    const body = toCsv([...IATI_CSV_COLUMNS], activities.map((a, i) => iatiCsvRow(a, grants[i])));
    return { body, sha256: sha256(body), fileName: 'grants.csv', lastChanged };
  }

  async summary(actor: AuthUser): Promise<OpenDataSummaryResponseDto> {
    const { activities, lastChanged, xml, xmlSha256 } = await this.activities(actor);
    const byStatus = new Map<string, number>();
    for (const a of activities) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const sum = (type: string) => activities.reduce((s, a) => s + a.transactions.filter((t) => t.type === type).reduce((x, t) => x + t.cents, 0), 0);
    const indicators = activities.flatMap((a) => a.results.flatMap((r) => r.indicators));
    const withheld = indicators.reduce((n, i) => n + [i.baseline, i.target, i.actual].filter((f) => f !== null && 'suppressed' in f).length, 0);
    return {
      version: IATI_VERSION,
      reportingOrgRef: this.publisher.reporting.ref,
      reportingOrgIsPlaceholder: this.publisher.reporting.ref === IATI_PLACEHOLDER_ORG_REF,
      activities: activities.length,
      byActivityStatus: [...byStatus].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({ code, count })),
      transactions: activities.reduce((n, a) => n + a.transactions.length, 0),
      results: activities.reduce((n, a) => n + a.results.length, 0),
      indicators: indicators.length,
      withheldFigures: withheld,
      committedCents: sum('2'),
      disbursedCents: sum('3'),
      recoveredCents: sum('1'),
      lastChanged,
      sha256: xmlSha256,
      bytes: Buffer.byteLength(xml, 'utf8'),
    };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
