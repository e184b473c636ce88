import { Button, Checkbox, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { shortHash } from '../../../ui/format';
import { grantsApi } from '../api';
import type { Grant } from '../types';

type FormValues = { password: string; signatoryName: string; signatoryFunction: string; confirmed: boolean };

/**
 * The organisation's owner signs the agreement online: the password again (who signs is the account's owner),
 * the signatory's name and function as they will stand in the record, and a confirmation that the agreement
 * read is the one whose SHA-256 is shown (sent with the signature: a changed agreement is refused).
 */
export function SignForm({ grant, defaultName, onSigned }: { grant: Grant; defaultName?: string; onSigned: (g: Grant) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: { password: '', signatoryName: defaultName ?? '', signatoryFunction: '', confirmed: false } });

  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      const signed = await grantsApi.sign(grant.id, {
        password: v.password,
        signatoryName: v.signatoryName.trim(),
        signatoryFunction: v.signatoryFunction.trim(),
        ...(grant.agreement ? { agreementSha256: grant.agreement.sha256 } : {}),
      });
      onSigned(signed);
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['password', 'signatoryName', 'signatoryFunction'], {
        messages: { 'password:wrong_password': t('grants.sign.wrongPassword') },
      });
      if (placed === 0) setFailure(error);
    }
  });

  const notBlank = (v: string) => v.trim() !== '' || t('errors.required');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sign-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="sign-title">{t('grants.sign.title')}</Title>
          <Text size="sm">{t('grants.sign.intro')}</Text>
          {grant.agreement ? (
            <Text size="xs" c="dimmed">{t('grants.sign.hash', { hash: shortHash(grant.agreement.sha256) })}</Text>
          ) : null}
          <TextInput
            label={t('grants.sign.name')}
            autoComplete="name"
            maxLength={200}
            required
            {...register('signatoryName', { validate: notBlank })}
            error={fieldError(errors.signatoryName)}
          />
          <TextInput
            label={t('grants.sign.function')}
            description={t('grants.sign.functionHint')}
            autoComplete="organization-title"
            maxLength={200}
            required
            {...register('signatoryFunction', { validate: notBlank })}
            error={fieldError(errors.signatoryFunction)}
          />
          <PasswordInput
            label={t('grants.sign.password')}
            description={t('grants.sign.passwordHint')}
            autoComplete="current-password"
            required
            {...register('password', { required: t('errors.required') })}
            error={fieldError(errors.password)}
          />
          <Checkbox
            label={t('grants.sign.confirm', { number: grant.agreementNumber ?? '' })}
            {...register('confirmed', { validate: (v) => v || t('grants.sign.confirmRequired') })}
            error={fieldError(errors.confirmed)}
          />
          {failure ? <ErrorAlert error={failure} namespace="grants.errors" /> : null}
          <Button type="submit" loading={isSubmitting} leftSection={<IconSignature size={16} aria-hidden />} style={{ alignSelf: 'flex-start' }}>
            {t('grants.sign.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
