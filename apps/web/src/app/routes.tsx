import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, useSearchParams, type RouteObject } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { RequirePermission } from '../features/auth/components/RequirePermission';
import { useMe } from '../features/auth/hooks';
import { PublicHomePage } from '../features/home/pages/PublicHomePage';
import { WorkTranslations } from '../i18n/WorkTranslations';
import { CenteredLoader } from '../ui/CenteredLoader';
import { RouteErrorPage } from '../ui/ErrorBoundary';
import { safeNext } from '../ui/fields';
import { PublicLayout } from '../ui/layout/PublicLayout';
import { Root } from './Root';

// The public home page (its layout and page) is in the first load; every other page, and the signed-in app's
// layout, loads on demand, so a first visit downloads only what the home page needs (bench:first-load, build-size.test).
const AppLayout = lazy(() => import('../ui/layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const AdaptiveLayout = lazy(() => import('../ui/layout/AdaptiveLayout').then((m) => ({ default: m.AdaptiveLayout })));
const NotFoundPage = lazy(() => import('../ui/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const HomePage = lazy(() => import('../features/home/pages/HomePage').then((m) => ({ default: m.HomePage })));
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage').then((m) => ({ default: m.LoginPage })));
// the password screens carry the password estimator's dictionaries (zxcvbn-ts): only they load them
const RegisterPage = lazy(() => import('../features/auth/pages/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const RegisterSuccessPage = lazy(() => import('../features/auth/pages/RegisterSuccessPage').then((m) => ({ default: m.RegisterSuccessPage })));
const VerifyEmailPage = lazy(() => import('../features/auth/pages/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })));
const ForgotPasswordPage = lazy(() => import('../features/auth/pages/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('../features/auth/pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })));
const SecondFactorPage = lazy(() => import('../features/security/pages/SecondFactorPage').then((m) => ({ default: m.SecondFactorPage })));
const EnrolPage = lazy(() => import('../features/security/pages/EnrolPage').then((m) => ({ default: m.EnrolPage })));
const SecurityPage = lazy(() => import('../features/security/pages/SecurityPage').then((m) => ({ default: m.SecurityPage })));
const AcceptInvitationPage = lazy(() => import('../features/auth/pages/AcceptInvitationPage').then((m) => ({ default: m.AcceptInvitationPage })));
// Pages used by fewer people (or later in a session) load on demand.
const ReportConcernPage = lazy(() => import('../features/safeguarding/ReportConcernPage').then((m) => ({ default: m.ReportConcernPage })));
const FollowUpPage = lazy(() => import('../features/safeguarding/FollowUpPage').then((m) => ({ default: m.FollowUpPage })));
const SafeguardingInboxPage = lazy(() => import('../features/safeguarding/SafeguardingInboxPage').then((m) => ({ default: m.SafeguardingInboxPage })));
const SafeguardingCasePage = lazy(() => import('../features/safeguarding/SafeguardingCasePage').then((m) => ({ default: m.SafeguardingCasePage })));
const AuditPage = lazy(() => import('../features/admin/pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const InvitationsPage = lazy(() => import('../features/admin/pages/InvitationsPage').then((m) => ({ default: m.InvitationsPage })));
const UsersPage = lazy(() => import('../features/admin/pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const RetentionPage = lazy(() => import('../features/retention/pages/RetentionPage').then((m) => ({ default: m.RetentionPage })));
const MailboxPage = lazy(() => import('../features/mailbox/pages/MailboxPage').then((m) => ({ default: m.MailboxPage })));
const DocumentsPage = lazy(() => import('../features/organization/pages/DocumentsPage').then((m) => ({ default: m.DocumentsPage })));
const MembersPage = lazy(() => import('../features/organization/pages/MembersPage').then((m) => ({ default: m.MembersPage })));
const OrganizationPage = lazy(() => import('../features/organization/pages/OrganizationPage').then((m) => ({ default: m.OrganizationPage })));
const SettingsPage = lazy(() => import('../features/settings/pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const CallsPage = lazy(() => import('../features/calls/pages/CallsPage').then((m) => ({ default: m.CallsPage })));
const CallPage = lazy(() => import('../features/calls/pages/CallPage').then((m) => ({ default: m.CallPage })));
const CallEditorPage = lazy(() => import('../features/calls/pages/CallEditorPage').then((m) => ({ default: m.CallEditorPage })));
const CallApplicationsPage = lazy(() => import('../features/applications/pages/CallApplicationsPage').then((m) => ({ default: m.CallApplicationsPage })));
const EvaluationAdminPage = lazy(() => import('../features/ranking/pages/EvaluationAdminPage').then((m) => ({ default: m.EvaluationAdminPage })));
const RankingPage = lazy(() => import('../features/ranking/pages/RankingPage').then((m) => ({ default: m.RankingPage })));
const MyApplicationsPage = lazy(() => import('../features/applications/pages/MyApplicationsPage').then((m) => ({ default: m.MyApplicationsPage })));
const ApplicationEditorPage = lazy(() => import('../features/applications/pages/ApplicationEditorPage').then((m) => ({ default: m.ApplicationEditorPage })));
const AdmissibilityPage = lazy(() => import('../features/admissibility/pages/AdmissibilityPage').then((m) => ({ default: m.AdmissibilityPage })));
const EvaluationsPage = lazy(() => import('../features/evaluation/pages/EvaluationsPage').then((m) => ({ default: m.EvaluationsPage })));
const EvaluationCallPage = lazy(() => import('../features/evaluation/pages/EvaluationCallPage').then((m) => ({ default: m.EvaluationCallPage })));
const AssignmentPage = lazy(() => import('../features/evaluation/pages/AssignmentPage').then((m) => ({ default: m.AssignmentPage })));
const OutcomeLetterPage = lazy(() => import('../features/outcome/pages/OutcomeLetterPage').then((m) => ({ default: m.OutcomeLetterPage })));
const NotificationsPage = lazy(() => import('../features/notifications/pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const GrantsPage = lazy(() => import('../features/grants/pages/GrantsPage').then((m) => ({ default: m.GrantsPage })));
const GrantPage = lazy(() => import('../features/grants/pages/GrantPage').then((m) => ({ default: m.GrantPage })));
const PaymentOrdersPage = lazy(() => import('../features/grants/pages/PaymentOrdersPage').then((m) => ({ default: m.PaymentOrdersPage })));
const GrantClosurePage = lazy(() => import('../features/closure/pages/GrantClosurePage').then((m) => ({ default: m.GrantClosurePage })));
const RecoveryOrdersPage = lazy(() => import('../features/closure/pages/RecoveryOrdersPage').then((m) => ({ default: m.RecoveryOrdersPage })));
const RecoveryOrderPage = lazy(() => import('../features/closure/pages/RecoveryOrderPage').then((m) => ({ default: m.RecoveryOrderPage })));
const ExpenditureReportPage = lazy(() => import('../features/grants/pages/ExpenditureReportPage').then((m) => ({ default: m.ExpenditureReportPage })));
const PendingAwardsPage = lazy(() => import('../features/grants/pages/PendingAwardsPage').then((m) => ({ default: m.PendingAwardsPage })));
const BudgetRevisionPage = lazy(() => import('../features/grants/pages/BudgetRevisionPage').then((m) => ({ default: m.BudgetRevisionPage })));
const VisitPage = lazy(() => import('../features/monitoring/pages/VisitPage').then((m) => ({ default: m.VisitPage })));
const ActionPointsPage = lazy(() => import('../features/monitoring/pages/ActionPointsPage').then((m) => ({ default: m.ActionPointsPage })));
const ActionPointPage = lazy(() => import('../features/monitoring/pages/ActionPointPage').then((m) => ({ default: m.ActionPointPage })));
const MonitoringPriorityPage = lazy(() => import('../features/monitoring/pages/MonitoringPriorityPage').then((m) => ({ default: m.MonitoringPriorityPage })));
const DrawUpPage = lazy(() => import('../features/grants/pages/DrawUpPage').then((m) => ({ default: m.DrawUpPage })));
const VisitsPage = lazy(() => import('../features/monitoring/pages/VisitsPage').then((m) => ({ default: m.VisitsPage })));
const PlanVisitPage = lazy(() => import('../features/monitoring/pages/PlanVisitPage').then((m) => ({ default: m.PlanVisitPage })));
const EditVisitPage = lazy(() => import('../features/monitoring/pages/PlanVisitPage').then((m) => ({ default: m.EditVisitPage })));
const VisitReportFormPage = lazy(() => import('../features/monitoring/pages/VisitReportFormPage').then((m) => ({ default: m.VisitReportFormPage })));
const ReportsPage = lazy(() => import('../features/reports/pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('../features/reports/pages/ReportPage').then((m) => ({ default: m.ReportPage })));
const ReportVersionPage = lazy(() => import('../features/reports/pages/ReportPage').then((m) => ({ default: m.ReportVersionPage })));
// the portfolio dashboard carries the charts (recharts): only it loads them
const PortfolioPage = lazy(() => import('../features/portfolio/pages/PortfolioPage').then((m) => ({ default: m.PortfolioPage })));
const OpenDataPage = lazy(() => import('../features/portfolio/open-data/OpenDataPage').then((m) => ({ default: m.OpenDataPage })));
const StrategyReportsPage = lazy(() => import('../features/portfolio/strategy-reports/StrategyReportsPage').then((m) => ({ default: m.StrategyReportsPage })));
const StrategyReportPage = lazy(() => import('../features/portfolio/strategy-reports/StrategyReportPage').then((m) => ({ default: m.StrategyReportPage })));

/** Login and registration make no sense with a session: go home instead. */
function GuestOnly({ children }: { children: ReactNode }) {
  const { data: me, isPending } = useMe();
  const [params] = useSearchParams();
  if (isPending) return <CenteredLoader />;
  // also the way out of /login right after a successful login: honour ?next=
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: '/', element: <PublicHomePage /> },
          { path: '/register', element: <GuestOnly><RegisterPage /></GuestOnly> },
          { path: '/register/success', element: <RegisterSuccessPage /> },
          { path: '/verify-email', element: <VerifyEmailPage /> },
          { path: '/login', element: <GuestOnly><LoginPage /></GuestOnly> },
          // the login's second step and the (forced) enrolment of a second factor: signed in, not yet through (issue 14)
          { path: '/login/second-factor', element: <SecondFactorPage /> },
          { path: '/account/security/enrol', element: <EnrolPage /> },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
          { path: '/reset-password', element: <ResetPasswordPage /> },
          { path: '/accept-invitation', element: <AcceptInvitationPage /> },
        ],
      },
      {
        element: (
          <RequireAuth>
            <WorkTranslations>
              <Suspense fallback={<CenteredLoader />}>
                <AppLayout />
              </Suspense>
            </WorkTranslations>
          </RequireAuth>
        ),
        children: [
          { path: '/home', element: <HomePage /> },
          {
            path: '/organization',
            element: <RequirePermission anyOf={['organization.read.own']}><OrganizationPage /></RequirePermission>,
          },
          {
            path: '/organization/members',
            element: <RequirePermission anyOf={['organization.read.own']}><MembersPage /></RequirePermission>,
          },
          {
            path: '/organization/documents',
            element: <RequirePermission anyOf={['organization.read.own']}><DocumentsPage /></RequirePermission>,
          },
          { path: '/calls', element: <RequirePermission anyOf={['call.read.published']}><CallsPage /></RequirePermission> },
          { path: '/calls/:id', element: <RequirePermission anyOf={['call.read.published']}><CallPage /></RequirePermission> },
          { path: '/calls/:id/edit', element: <RequirePermission anyOf={['call.manage']}><CallEditorPage /></RequirePermission> },
          { path: '/calls/:id/applications', element: <RequirePermission anyOf={['application.read.any']}><CallApplicationsPage /></RequirePermission> },
          { path: '/calls/:id/evaluation', element: <RequirePermission anyOf={['evaluation.manage']}><EvaluationAdminPage /></RequirePermission> },
          { path: '/calls/:id/ranking', element: <RequirePermission anyOf={['evaluation.manage']}><RankingPage /></RequirePermission> },
          { path: '/applications', element: <RequirePermission anyOf={['application.read.own']}><MyApplicationsPage /></RequirePermission> },
          { path: '/applications/:id', element: <RequirePermission anyOf={['application.read.own', 'application.read.any']}><ApplicationEditorPage /></RequirePermission> },
          { path: '/applications/:id/admissibility', element: <RequirePermission anyOf={['application.admissibility']}><AdmissibilityPage /></RequirePermission> },
          { path: '/applications/:id/outcome', element: <RequirePermission anyOf={['application.read.own']}><OutcomeLetterPage /></RequirePermission> },
          { path: '/evaluations', element: <RequirePermission anyOf={['evaluation.score']}><EvaluationsPage /></RequirePermission> },
          { path: '/evaluations/assignments/:id', element: <RequirePermission anyOf={['evaluation.score']}><AssignmentPage /></RequirePermission> },
          { path: '/evaluations/:callId', element: <RequirePermission anyOf={['evaluation.score']}><EvaluationCallPage /></RequirePermission> },
          { path: '/grants', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><GrantsPage /></RequirePermission> },
          { path: '/grants/pending-awards', element: <RequirePermission anyOf={['grant.manage']}><PendingAwardsPage /></RequirePermission> },
          { path: '/grants/:id', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><GrantPage /></RequirePermission> },
          { path: '/grants/:id/closure', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><GrantClosurePage /></RequirePermission> },
          { path: '/recovery-orders', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><RecoveryOrdersPage /></RequirePermission> },
          { path: '/recovery-orders/:id', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><RecoveryOrderPage /></RequirePermission> },
          { path: '/awards/:id/budget-revision', element: <RequirePermission anyOf={['application.read.own', 'grant.manage']}><BudgetRevisionPage /></RequirePermission> },
          { path: '/awards/:id/draw-up', element: <RequirePermission anyOf={['grant.manage']}><DrawUpPage /></RequirePermission> },
          { path: '/expenditure-reports/:id', element: <RequirePermission anyOf={['grant.read.own', 'grant.manage', 'grant.read.any']}><ExpenditureReportPage /></RequirePermission> },
          { path: '/visits', element: <RequirePermission anyOf={['visit.read']}><VisitsPage /></RequirePermission> },
          { path: '/grants/:id/visits/new', element: <RequirePermission anyOf={['monitoring.visit']}><PlanVisitPage /></RequirePermission> },
          { path: '/visits/:id/edit', element: <RequirePermission anyOf={['monitoring.visit']}><EditVisitPage /></RequirePermission> },
          { path: '/visits/:id/report', element: <RequirePermission anyOf={['monitoring.visit']}><VisitReportFormPage /></RequirePermission> },
          { path: '/payment-orders', element: <RequirePermission anyOf={['grant.manage']}><PaymentOrdersPage /></RequirePermission> },
          { path: '/visits/:id', element: <RequirePermission anyOf={['visit.read']}><VisitPage /></RequirePermission> },
          { path: '/action-points', element: <RequirePermission anyOf={['action_point.read']}><ActionPointsPage /></RequirePermission> },
          { path: '/action-points/:id', element: <RequirePermission anyOf={['action_point.read']}><ActionPointPage /></RequirePermission> },
          { path: '/reports', element: <RequirePermission anyOf={['narrative_report.read']}><ReportsPage /></RequirePermission> },
          { path: '/reports/:id', element: <RequirePermission anyOf={['narrative_report.read']}><ReportPage /></RequirePermission> },
          { path: '/reports/:id/versions/:version', element: <RequirePermission anyOf={['narrative_report.read']}><ReportVersionPage /></RequirePermission> },
          { path: '/monitoring/priority', element: <RequirePermission anyOf={['portfolio.read']}><MonitoringPriorityPage /></RequirePermission> },
          { path: '/portfolio', element: <RequirePermission anyOf={['portfolio.read']}><PortfolioPage /></RequirePermission> },
          { path: '/portfolio/open-data', element: <RequirePermission anyOf={['grant.manage', 'grant.read.any']}><OpenDataPage /></RequirePermission> },
          { path: '/portfolio/reports', element: <RequirePermission anyOf={['strategy_report.manage', 'grant.read.any']}><StrategyReportsPage /></RequirePermission> },
          { path: '/portfolio/reports/:id', element: <RequirePermission anyOf={['strategy_report.manage', 'grant.read.any']}><StrategyReportPage /></RequirePermission> },
          { path: '/safeguarding/reports', element: <RequirePermission anyOf={['safeguarding.handle']}><SafeguardingInboxPage /></RequirePermission> },
          { path: '/safeguarding/reports/:id', element: <RequirePermission anyOf={['safeguarding.handle']}><SafeguardingCasePage /></RequirePermission> },
          { path: '/notifications', element: <NotificationsPage /> },
          { path: '/settings', element: <SettingsPage /> },
          { path: '/account/security', element: <SecurityPage /> },
          { path: '/admin', element: <Navigate to="/admin/users" replace /> },
          { path: '/admin/users', element: <RequirePermission anyOf={['user.list']}><UsersPage /></RequirePermission> },
          { path: '/admin/invitations', element: <RequirePermission anyOf={['user.invite']}><InvitationsPage /></RequirePermission> },
          { path: '/admin/audit', element: <RequirePermission anyOf={['audit.read']}><AuditPage /></RequirePermission> },
          { path: '/admin/retention', element: <RequirePermission anyOf={['retention.manage']}><RetentionPage /></RequirePermission> },
        ],
      },
      {
        element: (
          <Suspense fallback={<CenteredLoader />}>
            <AdaptiveLayout />
          </Suspense>
        ),
        children: [
          { path: '/mailbox', element: <MailboxPage /> },
          // anyone, logged in or not: report a safeguarding concern, follow it with the code
          { path: '/safeguarding/report', element: <ReportConcernPage /> },
          { path: '/safeguarding/follow-up', element: <FollowUpPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
