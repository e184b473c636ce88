import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { safeNext } from '../../../ui/fields';
import { AuthCard } from '../../auth/components/AuthCard';
import { useLogout, useMe } from '../../auth/hooks';
import { EnrolWizard } from '../components/EnrolWizard';
import { useSettleEnrolment } from '../hooks';
import type { SecondFactorState } from '../types';

/**
 * /account/security/enrol: the enrolment of a second factor. Forced (every page of the app comes here) when the
 * role requires one and the user has none; otherwise open to anyone signed in who wants one.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const settle = useSettleEnrolment();
  const logout = useLogout(() => navigate('/', { replace: true, flushSync: true }));
  // Where the session stood when the page first had the user, decided once: confirming the factor makes the session
  // verified, and the user still has to see the codes. A /me read that crossed the confirmation on the wire (the
  // factor saved, the session not yet marked as through it) answers "challenge": it must not send a user in the
  // middle of the enrolment to the login's second step before they have seen their recovery codes.
  const [startedAs, setStartedAs] = useState<SecondFactorState | 'none' | null>(() => (me ? (me.secondFactor?.state ?? 'none') : null));
  if (me && startedAs === null) setStartedAs(me.secondFactor?.state ?? 'none');
  const forced = startedAs === 'enrol';
  if (isPending) return <CenteredLoader />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent('/account/security/enrol')}`} replace />;
  if (startedAs === 'challenge') return <Navigate to={`/login/second-factor?next=${encodeURIComponent(params.get('next') ?? '/home')}`} replace />;
  const done = async () => {
    await settle();
    navigate(safeNext(params.get('next'), forced ? '/home' : '/account/security'), { replace: true });
  };
  return (
    <AuthCard title={t('security.enrolTitle')} width={680} description={forced ? t('security.enrolRequired') : t('security.enrolOptional')}>
      <Stack>
        <Text size="sm">{t('security.whyTitle')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('security.why1')}</List.Item>
          <List.Item>{t('security.why2')}</List.Item>
          <List.Item>{t('security.why3')}</List.Item>
        </List>
        <EnrolWizard email={me.email} onDone={() => void done()} />
        {forced ? (
          <Group justify="flex-end">
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()}>
              {t('auth.logout')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </AuthCard>
  );
}
