import { Injectable } from '@nestjs/common';
import { can } from '@grants/domain';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import type { TodoEntryDto, TodoItemDto, TodoKind, TodoResponseDto } from './dtos/todo-response.dto';
import { HomeRepository, type TodoList, type TodoRow } from './home.repository';

type Section = {
  kind: TodoKind;
  /** Where the whole list is handled. */
  link: (rows: TodoRow[]) => string;
  /** Where one entry is handled. */
  entryLink: (row: TodoRow) => string;
  load: () => Promise<TodoList>;
  /** Which of the entries the reader may reach (access.service decides); the rest are dropped. */
  reach: (rows: TodoRow[]) => Promise<Set<string>>;
};

/**
 * Each role's home page is its to-do list: what waits on the reader, counted, linked and oldest first. A role
 * gets a section only when its permissions allow the work, and every entry is checked through access.service.
 */
@Injectable()
export class HomeService {
  constructor(private readonly repo: HomeRepository, private readonly access: AccessService) {}

  async todo(user: AuthUser): Promise<TodoResponseDto> {
    const sections = await this.sections(user);
    const items: TodoItemDto[] = [];
    for (const s of sections) {
      const list = await s.load();
      const reached = await s.reach(list.rows);
      const rows = list.rows.filter((r) => reached.has(r.id));
      // an entry the reader cannot reach is not theirs to do: it is neither listed nor counted
      const count = list.count - (list.rows.length - rows.length);
      const entries: TodoEntryDto[] = rows.map((r) => ({ ...r, link: s.entryLink(r) }));
      items.push({ kind: s.kind, count, oldestAt: entries[0]?.at ?? null, link: s.link(rows), entries });
    }
    // what has something to do comes first, the oldest first; empty kinds keep their order at the end
    const order = new Map(items.map((i, n) => [i.kind, n]));
    items.sort((a, b) => {
      if (!!a.count !== !!b.count) return a.count ? -1 : 1;
      if (a.oldestAt && b.oldestAt && a.oldestAt !== b.oldestAt) return a.oldestAt < b.oldestAt ? -1 : 1;
      return order.get(a.kind)! - order.get(b.kind)!;
    });
    return { items, total: items.reduce((n, i) => n + i.count, 0) };
  }

  private async sections(user: AuthUser): Promise<Section[]> {
    const ids = (rows: TodoRow[]) => rows.map((r) => r.id);
    const callIds = (rows: TodoRow[]) => rows.map((r) => r.callId!).filter(Boolean);
    /** Entries whose call the reader reaches with the permission. */
    const byCall = (permission: 'award.decide' | 'call.manage' | 'call.read.published') => async (rows: TodoRow[]) => {
      const calls = await this.access.reachable(user, permission, callIds(rows));
      return new Set(rows.filter((r) => r.callId && calls.has(r.callId)).map((r) => r.id));
    };
    const byId = (permission: 'application.admissibility' | 'application.read.own' | 'evaluation.score') => (rows: TodoRow[]) =>
      this.access.reachable(user, permission, ids(rows));
    const all = async (rows: TodoRow[]) => new Set(ids(rows));
    const out: Section[] = [];

    if (await this.access.hasAccess(user, 'evaluation.score', [])) {
      out.push({
        kind: 'evaluation.declaration_pending',
        link: (rows) => (rows.length === 1 ? `/evaluations/${rows[0].callId}` : '/evaluations'),
        entryLink: (r) => `/evaluations/${r.callId}`,
        load: () => this.repo.declarationsPending(user.id),
        // the query is the evaluator's own pool: being in it is the access
        reach: all,
      });
      out.push({
        kind: 'evaluation.sheets_to_score',
        link: () => '/evaluations',
        entryLink: (r) => `/evaluations/assignments/${r.id}`,
        load: () => this.repo.sheetsToScore(user.id),
        reach: byId('evaluation.score'),
      });
    }
    if (can(user, 'application.admissibility') && (await this.access.hasAccess(user, 'application.read.any', []))) {
      out.push({
        kind: 'application.admissibility_pending',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}/applications` : '/calls'),
        entryLink: (r) => `/applications/${r.id}/admissibility`,
        load: () => this.repo.admissibilityPending(),
        reach: byId('application.admissibility'),
      });
    }
    if (can(user, 'award.decide')) {
      out.push({
        kind: 'call.decision_pending',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}/ranking` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}/ranking`,
        load: () => this.repo.decisionsPending(),
        reach: byCall('award.decide'),
      });
    }
    if (can(user, 'call.question.answer')) {
      out.push({
        kind: 'call.questions_unanswered',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.questionsUnanswered(),
        reach: byCall('call.manage'),
      });
    }
    if (await this.access.hasAccess(user, 'call.manage', [])) {
      out.push({
        kind: 'call.info_sessions_upcoming',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.infoSessionsUpcoming(),
        reach: byCall('call.manage'),
      });
    }
    if (await this.access.hasAccess(user, 'user.invite', [])) {
      for (const kind of ['user.invitations_pending', 'user.invitations_expired'] as const) {
        out.push({
          kind,
          link: () => '/admin/invitations',
          entryLink: () => '/admin/invitations',
          load: () => (kind === 'user.invitations_pending' ? this.repo.invitationsPending() : this.repo.invitationsExpired()),
          reach: all,
        });
      }
    }
    const org = user.organizationId;
    if (org && (await this.access.hasAccess(user, 'organization.read.own', [org]))) {
      if (can(user, 'application.read.own')) {
        out.push({
          kind: 'application.drafts_due',
          link: () => '/applications',
          entryLink: (r) => `/applications/${r.id}`,
          load: () => this.repo.draftsDue(org),
          reach: byId('application.read.own'),
        });
        out.push({
          kind: 'award.offer_to_answer',
          link: (rows) => (rows.length === 1 ? `/applications/${rows[0].id}/outcome` : '/applications'),
          entryLink: (r) => `/applications/${r.id}/outcome`,
          load: () => this.repo.offersToAnswer(org),
          reach: byId('application.read.own'),
        });
      }
      out.push({
        kind: 'call.info_sessions_registered',
        link: (rows) => (rows[0]?.callId ? `/calls/${rows[0].callId}` : '/calls'),
        entryLink: (r) => `/calls/${r.callId}`,
        load: () => this.repo.infoSessionsRegistered(org),
        reach: byCall('call.read.published'),
      });
    }
    return out;
  }
}
