import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { applyLanguage } from '../../../i18n';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { safeNext } from '../../../ui/fields';
import { AuthCard } from '../../auth/components/AuthCard';
import { useLogout, useMe } from '../../auth/hooks';
import { ChallengeForm } from '../components/ChallengeForm';

/** /login/second-factor: the login's second step, for a user with a factor whose session has not passed it. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const logout = useLogout(() => navigate('/login', { replace: true, flushSync: true }));
  if (isPending) return <CenteredLoader />;
  if (!me) return <Navigate to="/login" replace />;
  const state = me.secondFactor?.state;
  if (state === 'enrol') return <Navigate to={`/account/security/enrol?next=${encodeURIComponent(next)}`} replace />;
  if (state !== 'challenge') return <Navigate to={next} replace />;
  return (
    <AuthCard title={t('security.challengeTitle')} description={t('security.challengeIntro')}>
      <ChallengeForm
        methods={me.secondFactor.methods}
        onVerified={async (session) => {
          await applyLanguage(session.user.language, session.user.script);
          navigate(next, { replace: true });
        }}
      />
      <Group justify="flex-end" mt="md">
        <Button variant="subtle" size="xs" onClick={() => logout.mutate()}>
          {t('security.notYou')}
        </Button>
      </Group>
    </AuthCard>
  );
}
