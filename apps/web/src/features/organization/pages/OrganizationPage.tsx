import { checkIban, licenceStatus } from '@grants/domain';
import { Alert, Button, Grid, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconEye, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, type RegisterOptions } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { EMAIL_PATTERN, emptyToNull, fieldError } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { todayInKosovo } from '../../../ui/today';
import { useCan } from '../../auth/hooks';
import { IbanInput } from '../components/IbanInput';
import { LicenceAlert } from '../components/LicenceAlert';
import { municipalityName, MunicipalitySelect } from '../components/MunicipalitySelect';
import { organizationApi } from '../api';
import type { Organization, OrganizationPatch } from '../types';
import { orgKeys, useMyOrganization, useUpdateOrganization } from '../hooks';
import { notifySuccess } from '../../../ui/notify';

export const ORG_FIELDS = [
  'legalName',
  'acronym',
  'registrationNumber',
  'municipality',
  'address',
  'contactPerson',
  'phone',
  'email',
  'website',
  'iban',
  'licenceNumber',
  'licenceExpiry',
  'description',
] as const;
export type OrgField = (typeof ORG_FIELDS)[number];
type FormValues = Record<OrgField, string>;

function toForm(org: Organization): FormValues {
  const values = {} as FormValues;
  for (const f of ORG_FIELDS) values[f] = (org[f] as string | null) ?? '';
  return values;
}

const REQUIRED: OrgField[] = ['legalName', 'registrationNumber', 'municipality'];

export function OrganizationPage() {
  const can = useCan();
  const org = useMyOrganization();
  if (org.isPending) return <CenteredLoader />;
  if (org.isError) return <ErrorAlert error={org.error} />;
  return <OrganizationForm organization={org.data} editable={can('organization.update.own')} />;
}

type FormProps = {
  organization: Organization;
  editable: boolean;
};

function OrganizationForm({ organization, editable }: FormProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateOrganization(organization.id);
  const [failure, setFailure] = useState<unknown>(null);
  /** On a 409: the version someone else saved, and the fields they changed since this form was loaded. */
  const [conflict, setConflict] = useState<{ theirs: Organization | null; changed: OrgField[] } | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    getValues,
    watch,
    formState: { errors, isSubmitting, isDirty, dirtyFields },
  } = useForm<FormValues>({ defaultValues: toForm(organization) });

  useEffect(() => {
    if (!isDirty) reset(toForm(organization));
    // keep the form in step with the server copy while nothing is being edited
  }, [organization, isDirty, reset]);

  const expiry = watch('licenceExpiry');
  const licence = useMemo(() => {
    if (expiry === (organization.licenceExpiry ?? '')) return organization.licence;
    try {
      return licenceStatus(expiry || null, todayInKosovo());
    } catch {
      return organization.licence;
    }
  }, [expiry, organization]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setConflict(null);
    const patch: OrganizationPatch = { version: organization.version };
    for (const f of ORG_FIELDS) {
      if (!dirtyFields[f]) continue;
      let v: string | null = REQUIRED.includes(f) ? values[f].trim() : emptyToNull(values[f]);
      if (f === 'iban' && v) v = checkIban(v).normalized;
      (patch as Record<string, unknown>)[f] = v;
    }
    try {
      const saved = await update.mutateAsync(patch);
      reset(toForm(saved));
      notifySuccess(t('organization.saved'));
    } catch (error) {
      if (isApiError(error) && (error.code === 'version_conflict' || error.statusCode === 409)) {
        // Fetch their version without touching the cache, so a second click on Save cannot overwrite it unseen.
        const theirs = await organizationApi.get(organization.id).catch(() => null);
        const mine = toForm(organization);
        const changed = theirs
          ? ORG_FIELDS.filter((f) => toForm(theirs)[f] !== mine[f])
          : [...new Set(error.details.map((d) => d.field.split('.').pop() ?? d.field))].filter((f): f is OrgField =>
              (ORG_FIELDS as readonly string[]).includes(f),
            );
        setConflict({ theirs, changed });
        return;
      }
      const { placed, rest } = applyApiErrors(error, setError, t, ORG_FIELDS);
      if (placed === 0 || rest.length > 0) setFailure(error);
    }
  });

  /** Take the other person's version, and put back this user's edits to the fields they did not touch. */
  const reloadKeepingMine = async () => {
    if (!conflict) return;
    const mine = getValues();
    const keep = ORG_FIELDS.filter((f) => dirtyFields[f] && !conflict.changed.includes(f));
    const theirs = conflict.theirs ?? (await organizationApi.get(organization.id));
    reset(toForm(theirs));
    for (const f of keep) setValue(f, mine[f], { shouldDirty: true });
    queryClient.setQueryData(orgKeys.mine, theirs);
    setConflict(null);
  };

  const shown = (f: OrgField, org: Organization): string => {
    if (f === 'municipality') return municipalityName(org.municipality, i18n.language);
    if (f === 'licenceExpiry') return formatDate(org.licenceExpiry, i18n.language);
    return (org[f] as string | null) ?? '';
  };

  const required = { required: t('errors.required') };
  const text = (name: OrgField, extra: Record<string, unknown> = {}, rules?: RegisterOptions<FormValues, OrgField>) => ({
    label: t(`organization.fields.${name}`),
    readOnly: !editable,
    withAsterisk: editable && REQUIRED.includes(name),
    ...register(name, rules ?? (REQUIRED.includes(name) ? required : undefined)),
    error: fieldError(errors[name]),
    ...extra,
  });

  return (
    <>
      <PageHeader title={t('organization.title')} description={t('organization.intro')} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          {!editable ? (
            <Alert color="gray" icon={<IconEye aria-hidden />} role="note">
              {t('organization.readOnly')}
            </Alert>
          ) : null}
          {conflict ? (
            <Alert color="orange" title={t('organization.conflictTitle')} role="alert">
              <Stack gap="xs">
                <Text size="sm">
                  {conflict.changed.length > 0
                    ? t('organization.conflictFields', {
                        fields: conflict.changed.map((f) => t(`organization.fields.${f}`)).join(', '),
                      })
                    : t('organization.conflict')}
                </Text>
                {conflict.theirs && conflict.changed.length > 0 ? (
                  <List size="sm" spacing={2}>
                    {conflict.changed.map((f) => (
                      <List.Item key={f}>
                        {t(`organization.fields.${f}`)}: {shown(f, conflict.theirs as Organization) || t('organization.emptyValue')}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
                <Group>
                  <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => void reloadKeepingMine()}>
                    {t('organization.reload')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          {failure ? <ErrorAlert error={failure} /> : null}

          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="md">
              {t('organization.sections.identity')}
            </Title>
            <Grid>
              <Grid.Col span={{ base: 12, md: 8 }}>
                <TextInput {...text('legalName')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput {...text('acronym')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput {...text('registrationNumber', { description: t('organization.hints.registrationNumber') })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Controller
                  control={control}
                  name="municipality"
                  rules={required}
                  render={({ field }) => (
                    <MunicipalitySelect
                      {...field}
                      onChange={(v) => field.onChange(v ?? '')}
                      readOnly={!editable}
                      withAsterisk={editable}
                      error={fieldError(errors.municipality)}
                    />
                  )}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput {...text('address')} autoComplete="street-address" />
              </Grid.Col>
            </Grid>
          </Paper>

          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="md">
              {t('organization.sections.contact')}
            </Title>
            <Grid>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput {...text('contactPerson', { description: t('organization.hints.contactPerson') })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput {...text('phone')} type="tel" autoComplete="tel" />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput
                  {...text('email', {}, { pattern: { value: EMAIL_PATTERN, message: t('errors.email') } })}
                  type="email"
                  autoComplete="email"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput {...text('website')} type="url" placeholder="https://" autoComplete="url" />
              </Grid.Col>
            </Grid>
          </Paper>

          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="md">
              {t('organization.sections.bankAndLicence')}
            </Title>
            <Grid>
              <Grid.Col span={12}>
                <Controller
                  control={control}
                  name="iban"
                  rules={{
                    validate: (v) => !v.trim() || checkIban(v).valid || t(`iban.${checkIban(v).reason ?? 'format'}`),
                  }}
                  render={({ field }) => (
                    <IbanInput
                      {...field}
                      label={t('organization.fields.iban')}
                      readOnly={!editable}
                      error={errors.iban?.message}
                    />
                  )}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput {...text('licenceNumber', { description: t('organization.hints.licenceNumber') })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Controller
                  control={control}
                  name="licenceExpiry"
                  render={({ field }) => (
                    <DateField
                      label={t('organization.fields.licenceExpiry')}
                      value={field.value ?? ''}
                      onChange={field.onChange}
                      readOnly={!editable}
                      withAsterisk={editable && REQUIRED.includes('licenceExpiry')}
                      error={fieldError(errors.licenceExpiry)}
                    />
                  )}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <LicenceAlert licence={licence} expiry={expiry || null} showValid />
              </Grid.Col>
            </Grid>
          </Paper>

          <Paper withBorder p="lg">
            <Title order={2} size="h4" mb="md">
              {t('organization.sections.about')}
            </Title>
            <Textarea
              label={t('organization.fields.description')}
              description={<PersonalDataHint />}
              autosize
              minRows={4}
              maxRows={14}
              readOnly={!editable}
              {...register('description')}
              error={fieldError(errors.description)}
            />
          </Paper>

          {editable ? (
            <Group justify="flex-end">
              <Button variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset(toForm(organization))}>
                {t('common.discard')}
              </Button>
              <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </>
  );
}
