import { AuditLogEntity } from '../modules/audit/entities/audit-log.entity';
import { CallAmendmentEntity, CallDocumentEntity, CallEntity, CallFollowerEntity, CallQuestionEntity, InfoSessionEntity, ProgrammeEntity } from '../modules/calls/entities/call.entity';
import { AdmissibilityCheckEntity, ApplicationAttachmentEntity, ApplicationEntity, ApplicationSubmissionEntity } from '../modules/applications/entities/application.entity';
import { AuthTokenEntity } from '../modules/auth/entities/auth-token.entity';
import { AwardDecisionEntity, AwardEntity } from '../modules/awards/entities/award.entity';
import { CallEvaluatorEntity, EvaluationAssignmentEntity, EvaluatorDeclarationEntity } from '../modules/evaluations/entities/evaluation.entity';
import { FileEntity } from '../modules/files/entities/file.entity';
import { NarrativeReportEntity, ReportExtensionRequestEntity } from '../modules/reports/entities/narrative-report.entity';
import { ExpenditureReportEntity } from '../modules/grants/entities/expenditure-report.entity';
import { RecoveryOrderEntity } from '../modules/grants/entities/recovery-order.entity';
import { ActionPointEntity } from '../modules/monitoring/entities/action-point.entity';
import { VisitReportEntity } from '../modules/monitoring/entities/visit-report.entity';
import { GrantAmendmentEntity, GrantBudgetRevisionEntity, GrantEntity, GrantVersionEntity, PaymentOrderEntity, TrancheEntity } from '../modules/grants/entities/grant.entity';
import { EmailEntity } from '../modules/mail/entities/email.entity';
import { NotificationEntity, NotificationPreferenceEntity } from '../modules/notifications/entities/notification.entity';
import { OrganizationDocumentEntity } from '../modules/organizations/entities/organization-document.entity';
import { OrganizationEntity } from '../modules/organizations/entities/organization.entity';
import { OutboxEntity } from '../modules/outbox/entities/outbox.entity';
import { InvitationEntity } from '../modules/users/entities/invitation.entity';
import { UserEntity } from '../modules/users/entities/user.entity';
import { StrategyReportEntity } from '../modules/strategy-reports/entities/strategy-report.entity';
import { SafeguardingMessageEntity, SafeguardingReportEntity } from '../modules/safeguarding/entities/safeguarding-report.entity';
import { GrantDossierEntity } from '../modules/dossier/entities/grant-dossier.entity';

/** Every entity, listed once; the API, the worker, the CLIs and the tests all load this list. */
export const ENTITIES = [
  AdmissibilityCheckEntity,
  ApplicationAttachmentEntity,
  ApplicationEntity,
  ApplicationSubmissionEntity,
  AuditLogEntity,
  AwardDecisionEntity,
  AwardEntity,
  CallEvaluatorEntity,
  EvaluationAssignmentEntity,
  EvaluatorDeclarationEntity,
  AuthTokenEntity,
  CallAmendmentEntity,
  CallDocumentEntity,
  CallEntity,
  CallFollowerEntity,
  CallQuestionEntity,
  ProgrammeEntity,
  EmailEntity,
  ExpenditureReportEntity,
  VisitReportEntity,
  ActionPointEntity,
  FileEntity,
  GrantAmendmentEntity,
  GrantBudgetRevisionEntity,
  GrantEntity,
  GrantVersionEntity,
  PaymentOrderEntity,
  RecoveryOrderEntity,
  TrancheEntity,
  InfoSessionEntity,
  InvitationEntity,
  NotificationEntity,
  NotificationPreferenceEntity,
  OrganizationDocumentEntity,
  OrganizationEntity,
  OutboxEntity,
  UserEntity,
  StrategyReportEntity,
  SafeguardingReportEntity,
  SafeguardingMessageEntity,
  NarrativeReportEntity,
  ReportExtensionRequestEntity,
  GrantDossierEntity,
];
