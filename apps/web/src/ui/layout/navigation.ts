import type { Permission } from '@grants/domain';
import {
  IconAlertTriangle,
  IconClockHour4,
  IconLifebuoy,
  IconShieldHeart,
  IconBell,
  IconCalendarEvent,
  IconChecklist,
  IconBuildingCommunity,
  IconChartBar,
  IconReportAnalytics,
  IconCash,
  IconCertificate,
  IconFileCertificate,
  IconFilePencil,
  IconFileText,
  IconHome,
  IconListCheck,
  IconMail,
  IconMailForward,
  IconReceiptRefund,
  IconReport,
  IconScale,
  IconServer,
  IconSettings,
  IconShieldCheck,
  IconSpeakerphone,
  IconUsers,
  IconUsersGroup,
  IconWorldShare,
  type Icon,
} from '@tabler/icons-react';
import type { Me } from '../../features/auth/types';
import { allows } from '../../features/auth/permissions';

export type NavItem = {
  to: string;
  labelKey: string;
  icon: Icon;
  /** shown when the user holds any of these (none: everyone logged in) */
  anyOf?: Permission[];
  /** hidden when the user holds any of these (a monitor's "my grants" is not the Secretariat's "all grants") */
  notAnyOf?: Permission[];
  /** also needs an organisation */
  needsOrganization?: boolean;
  /** a plain link to a page the API serves (not a route of this app) */
  external?: boolean;
};

export type NavSection = { labelKey?: string; items: NavItem[] };

export const NAV_SECTIONS: NavSection[] = [
  {
    items: [
      { to: '/home', labelKey: 'nav.home', icon: IconHome },
      { to: '/notifications', labelKey: 'nav.notifications', icon: IconBell },
      { to: '/calls', labelKey: 'nav.calls', icon: IconSpeakerphone, anyOf: ['call.read.published'] },
      { to: '/applications', labelKey: 'nav.myApplications', icon: IconFilePencil, anyOf: ['application.read.own'], needsOrganization: true },
      { to: '/evaluations', labelKey: 'evaluation.nav', icon: IconScale, anyOf: ['evaluation.score'] },
      { to: '/grants', labelKey: 'grants.nav.mine', icon: IconCertificate, anyOf: ['grant.act.own'], needsOrganization: true },
      { to: '/grants', labelKey: 'grants.nav.followed', icon: IconCertificate, anyOf: ['monitoring.visit'], notAnyOf: ['grant.manage'] },
      { to: '/grants', labelKey: 'grants.nav.all', icon: IconCertificate, anyOf: ['grant.manage', 'grant.read.any'] },
      { to: '/grants/pending-awards', labelKey: 'grants.pendingAwards.nav', icon: IconFileCertificate, anyOf: ['grant.manage'] },
      { to: '/payment-orders', labelKey: 'grants.nav.paymentOrders', icon: IconCash, anyOf: ['grant.manage'] },
      // closing grants (issue 12): what organisations repay when more was paid than is eligible
      { to: '/recovery-orders', labelKey: 'closure.nav.orders', icon: IconReceiptRefund, anyOf: ['grant.manage', 'grant.read.any'] },
      // monitoring (issue 11): the visits (an observer's are the shared reports), action points, the priority list
      { to: '/visits', labelKey: 'monitoring.nav.visits', icon: IconCalendarEvent, anyOf: ['visit.read'] },
      { to: '/action-points', labelKey: 'monitoring.nav.actionPoints', icon: IconChecklist, anyOf: ['action_point.read'] },
      // interim and final reports (issue 12): the organisation's own, the Secretariat's to review, a monitor's grants', an observer's all
      { to: '/reports', labelKey: 'reports.nav.mine', icon: IconReport, anyOf: ['narrative_report.read'], notAnyOf: ['report.review'] },
      { to: '/reports', labelKey: 'reports.nav.review', icon: IconReport, anyOf: ['report.review'] },
      { to: '/monitoring/priority', labelKey: 'monitoring.nav.priority', icon: IconAlertTriangle, anyOf: ['monitoring.visit', 'portfolio.read'] },
      // the portfolio dashboard (issue 13): the Secretariat, observers, and monitors for their own grants
      { to: '/portfolio', labelKey: 'nav.portfolio', icon: IconChartBar, anyOf: ['portfolio.read'] },
      // open data (issue 13): the whole portfolio's IATI file and CSV, the Secretariat and observers (a monitor's portfolio is partial)
      { to: '/portfolio/open-data', labelKey: 'nav.openData', icon: IconWorldShare, anyOf: ['grant.manage', 'grant.read.any'] },
      // the Secretariat's 6-month and annual reports on the National Strategy (issue 13): the Secretariat drafts, observers read issued ones
      { to: '/portfolio/reports', labelKey: 'nav.strategyReports', icon: IconReportAnalytics, anyOf: ['strategy_report.manage', 'grant.read.any'] },
    ],
  },
  {
    labelKey: 'nav.organizationSection',
    items: [
      { to: '/organization', labelKey: 'nav.organization', icon: IconBuildingCommunity, anyOf: ['organization.read.own'], needsOrganization: true },
      { to: '/organization/members', labelKey: 'nav.members', icon: IconUsersGroup, anyOf: ['organization.read.own'], needsOrganization: true },
      { to: '/organization/documents', labelKey: 'nav.documents', icon: IconFileText, anyOf: ['organization.read.own'], needsOrganization: true },
    ],
  },
  {
    labelKey: 'nav.adminSection',
    items: [
      { to: '/admin/users', labelKey: 'nav.users', icon: IconUsers, anyOf: ['user.list'] },
      { to: '/admin/invitations', labelKey: 'nav.invitations', icon: IconMailForward, anyOf: ['user.invite'] },
      { to: '/admin/audit', labelKey: 'nav.audit', icon: IconShieldCheck, anyOf: ['audit.read'] },
      { to: '/admin/retention', labelKey: 'nav.retention', icon: IconClockHour4, anyOf: ['retention.manage'] },
      { to: '/api/admin/queues', labelKey: 'nav.queues', icon: IconServer, anyOf: ['queues.dashboard'], external: true },
    ],
  },
  {
    items: [
      // the safeguarding channel (issue 14): the focal points' inbox (a user's flag, never a role); anyone may report a concern
      { to: '/safeguarding/reports', labelKey: 'nav.safeguarding', icon: IconShieldHeart, anyOf: ['safeguarding.handle'] },
      { to: '/safeguarding/report', labelKey: 'nav.reportConcern', icon: IconLifebuoy },
      { to: '/settings', labelKey: 'nav.settings', icon: IconSettings },
    ],
  },
];

export const MAILBOX_ITEM: NavItem = { to: '/mailbox', labelKey: 'nav.mailbox', icon: IconMail };
export const CHECKLIST_ICON = IconListCheck;

/** The sections and items this user may see; empty sections are dropped. */
export function visibleSections(me: Me | null | undefined, sections: NavSection[] = NAV_SECTIONS): NavSection[] {
  return sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => {
        if (item.needsOrganization && !me?.organizationId) return false;
        if (item.notAnyOf?.some((p) => allows(me, p))) return false;
        if (!item.anyOf) return !!me;
        return item.anyOf.some((p) => allows(me, p));
      }),
    }))
    .filter((section) => section.items.length > 0);
}
