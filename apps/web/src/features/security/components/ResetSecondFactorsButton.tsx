import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../ui/notify';
import { ReasonButton } from '../../../ui/ReasonButton';
import { useResetSecondFactors } from '../hooks';

type Props = { user: { id: string; fullName: string; email: string } };

/**
 * The admin's "Reset second factors" (a user lost their phone and codes): with a reason, kept in the audit trail;
 * the user's sessions end and they must enrol again. A sensitive action: the step-up dialog may ask first.
 */
export function ResetSecondFactorsButton({ user }: Props) {
  const { t } = useTranslation();
  const reset = useResetSecondFactors();
  return (
    <ReasonButton
      label={t('adminUsers.resetSecondFactor')}
      aria-label={t('adminUsers.resetSecondFactorNamed', { name: user.fullName })}
      buttonVariant="light"
      color="orange"
      title={t('adminUsers.resetSecondFactorTitle')}
      message={t('adminUsers.resetSecondFactorConfirm', { name: user.fullName, email: user.email })}
      reasonLabel={t('adminUsers.resetReason')}
      reasonHint={t('adminUsers.resetReasonHint')}
      maxLength={500}
      confirmLabel={t('adminUsers.resetSecondFactor')}
      onSubmit={async (reason) => {
        await reset.mutateAsync({ id: user.id, reason });
        notifySuccess(t('adminUsers.secondFactorResetDone', { name: user.fullName }));
      }}
      pending={reset.isPending}
      error={reset.isError ? reset.error : null}
      onReset={() => reset.reset()}
    />
  );
}
