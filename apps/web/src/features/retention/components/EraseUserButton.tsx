import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../ui/notify';
import { ReasonButton } from '../../../ui/ReasonButton';
import { useEraseUser } from '../hooks';

type Props = { user: { id: string; fullName: string; email: string } };

/**
 * The admin's "Erase personal data" (a person asked to be forgotten): with the request's reason, kept with the
 * erasure (not in the audit trail). Cannot be undone; the API refuses (and says why) when the person still carries
 * an organisation's open grant, monitors one, or has evaluations to finish.
 */
export function EraseUserButton({ user }: Props) {
  const { t } = useTranslation();
  const erase = useEraseUser();
  return (
    <ReasonButton
      label={t('erasure.button')}
      aria-label={t('erasure.buttonNamed', { name: user.fullName })}
      buttonVariant="subtle"
      color="red"
      title={t('erasure.title')}
      message={t('erasure.explain', { name: user.fullName, email: user.email })}
      reasonLabel={t('erasure.reason')}
      reasonHint={t('erasure.reasonHint')}
      maxLength={1000}
      understoodLabel={t('erasure.understood')}
      confirmLabel={t('erasure.confirm')}
      onSubmit={async (reason) => {
        await erase.mutateAsync({ id: user.id, reason });
        notifySuccess(t('erasure.done', { name: user.fullName }));
      }}
      pending={erase.isPending}
      error={erase.isError ? erase.error : null}
      onReset={() => erase.reset()}
    />
  );
}
