import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan, useMe } from '../../auth/hooks';
import { AgreementSection, SecretariatActions } from '../components/AgreementSection';
import { BudgetSection } from '../components/BudgetSection';
import { GrantLogframeSection } from '../components/GrantLogframeSection';
import { ExpenditureSection } from '../components/ExpenditureSection';
import { AmendmentPanel } from '../components/AmendmentPanel';
import { TimelineSection } from '../components/HistorySections';
import { ReportsSection } from '../components/ReportsSection';
import { SignForm } from '../components/SignForm';
import { SignedCopySection } from '../components/SignedCopySection';
import { TranchesSection, type GrantRoleView } from '../components/TranchesSection';
import { useGrant, useGrantUpdater } from '../hooks';
import { GrantVisitsSection } from '../../monitoring/components/GrantVisitsSection';
import { ClosedGrantBanner } from '../../closure/components/ClosedGrantBanner';
import { GrantClosureSection } from '../../closure/components/GrantClosureSection';
import { GrantReportsSection } from '../../reports/components/GrantReportsSection';
import { DossierCard } from '../../dossier/components/DossierCard';

/**
 * One grant, for everyone who may read it: the agreement and its PDF, the budget against what is spent, the
 * tranches with their conditions, the reporting schedule, the amendments. The organisation signs and requests
 * tranches here; the Secretariat sends, countersigns, approves, pays and assigns the monitor, and reads the
 * timeline; a monitor reads it (the API answers 404 for a grant it does not follow).
 */
export function GrantPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const grant = useGrant(id);
  const update = useGrantUpdater(id ?? '');

  if (grant.isPending) return <CenteredLoader />;
  if (grant.isError) return isApiError(grant.error) && grant.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={grant.error} />;
  const g = grant.data;
  const manage = can('grant.manage');
  const act = !manage && can('grant.act.own') && me?.organizationId === g.organizationId;
  const role: GrantRoleView = { manage, act, owner: act && me?.orgRole === 'owner' };
  const toSign = role.act && g.status === 'sent_for_signature';

  return (
    <>
      <PageHeader
        title={t('grants.page.title', { number: g.agreementNumber ?? t('grants.page.noNumber') })}
        description={g.organizationName}
        actions={manage ? <Button component={Link} to="/payment-orders" variant="default" leftSection={<IconCash size={16} aria-hidden />}>{t('grants.orders.title')}</Button> : null}
      />
      <Stack gap="lg">
        {g.status === 'closed' ? <ClosedGrantBanner /> : null}
        {!manage && !act ? <Alert color="gray" variant="light" data-testid="read-only">{t('grants.page.readOnly')}</Alert> : null}
        <AgreementSection grant={g} />
        <SignedCopySection grant={g} mayUpload={manage || act} onUploaded={update} />
        {toSign && role.owner ? <SignForm grant={g} defaultName={me?.fullName} onSigned={update} /> : null}
        {toSign && !role.owner ? <Alert color="blue" variant="light">{t('grants.sign.ownerOnly')}</Alert> : null}
        <SecretariatActions grant={g} role={role} onChanged={update} />
        <TranchesSection grant={g} role={role} onChanged={() => update()} />
        <BudgetSection grant={g} />
        <GrantLogframeSection grant={g} />
        {g.status !== 'draft' ? <ExpenditureSection grantId={g.id} /> : null}
        <ReportsSection grant={g} />
        {['in_force', 'suspended', 'terminated', 'closed'].includes(g.status) && can('narrative_report.read') ? <GrantReportsSection grantId={g.id} /> : null}
        {['in_force', 'suspended', 'terminated', 'closed'].includes(g.status) && can('visit.read') ? <GrantVisitsSection grantId={g.id} mayPlan={can('monitoring.visit') && (manage || me?.id === g.monitorId)} /> : null}
        <GrantClosureSection grantId={g.id} status={g.status} />
        <AmendmentPanel grant={g} manage={manage} act={act} onChanged={update} />
        {manage ? <TimelineSection grant={g} /> : null}
        {manage ? <DossierCard grantId={g.id} /> : null}
        <Anchor component={Link} to="/grants" size="sm">{t('grants.page.back')}</Anchor>
      </Stack>
    </>
  );
}
