import { canTransitionInfoSession, kosovoLocalToUtc } from '@grants/domain';
import { Anchor, Badge, Button, Card, Group, Modal, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors, errorText } from '../../../ui/errors';
import { emptyToNull, fieldError } from '../../../ui/fields';
import { formatDate } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { useCan } from '../../auth/hooks';
import { callsApi } from '../api';
import { useCancelInfoSession, useInfoSessionsUpdater } from '../hooks';
import type { Call, InfoSession } from '../types';
import { KosovoTime, serverClockOffset } from './Kosovo';

/** The error of a field from an ApiError's details, for Mantine's `error` prop; and the details no field took. */
function useFieldErrors(error: unknown, fields: string[]) {
  const { t } = useTranslation();
  const details = isApiError(error) ? error.details : [];
  const errFor = (field: string) => {
    const d = isApiError(error) ? error.detailFor(field) : undefined;
    return d ? fieldError({ message: errorText(t, d.code, d.message) }) : undefined;
  };
  const unplaced = isApiError(error) && !details.some((d) => fields.includes(d.field));
  return { errFor, unplaced };
}

/** The number of attendees (1–10) and the button that sends it: a first registration or a change of it. */
function AttendeesForm({ call, session, initial, submitLabel, onDone, onCancel }: {
  call: Call;
  session: InfoSession;
  initial: number;
  submitLabel: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const updateSessions = useInfoSessionsUpdater(call.id);
  const [attendees, setAttendees] = useState<number>(initial);
  const register = useMutation({
    mutationFn: () => callsApi.registerInfoSession(call.id, session.id, attendees),
    onSuccess: (list) => {
      updateSessions(list);
      onDone();
    },
  });
  const { errFor, unplaced } = useFieldErrors(register.error, ['attendees']);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <NumberInput
          label={t('calls.infoSessions.attendees')}
          min={1}
          max={10}
          allowDecimal={false}
          clampBehavior="strict"
          w={180}
          value={attendees}
          onChange={(v) => setAttendees(Number(v) || 1)}
          error={errFor('attendees')}
        />
        <Button loading={register.isPending} onClick={() => register.mutate()}>{submitLabel}</Button>
        {onCancel ? <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Group>
      {register.isError && unplaced ? <ErrorAlert error={register.error} /> : null}
    </Stack>
  );
}

/**
 * Register an organisation for a session (1–10 attendees); once registered, how many people it registered
 * (from the server, so it survives a reload), a way to change that number while the session is ahead, and cancel.
 */
export function RegisterForm({ call, session, past = false }: { call: Call; session: InfoSession; past?: boolean }) {
  const { t } = useTranslation();
  const updateSessions = useInfoSessionsUpdater(call.id);
  const [changing, setChanging] = useState(false);
  const cancel = useMutation({
    mutationFn: () => callsApi.cancelInfoSession(call.id, session.id),
    onSuccess: (list) => {
      setChanging(false);
      updateSessions(list);
    },
  });

  if (session.registeredByMe) {
    const count = session.myAttendees;
    return (
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color="teal" variant="light" tt="none">
            {count ? t('calls.infoSessions.registeredCount', { count }) : t('calls.infoSessions.registered')}
          </Badge>
          {!past && !changing ? (
            <Button size="xs" variant="subtle" onClick={() => setChanging(true)}>{t('calls.infoSessions.change')}</Button>
          ) : null}
          <Button size="xs" variant="subtle" color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('calls.infoSessions.cancel')}
          </Button>
        </Group>
        {changing && !past ? (
          <AttendeesForm
            call={call}
            session={session}
            initial={count ?? 1}
            submitLabel={t('calls.infoSessions.update')}
            onDone={() => {
              setChanging(false);
              notifySuccess(t('calls.infoSessions.updatedOk'));
            }}
            onCancel={() => setChanging(false)}
          />
        ) : null}
        {cancel.isError ? <ErrorAlert error={cancel.error} /> : null}
      </Stack>
    );
  }
  return (
    <AttendeesForm
      call={call}
      session={session}
      initial={1}
      submitLabel={t('calls.infoSessions.register')}
      onDone={() => notifySuccess(t('calls.infoSessions.registeredOk'))}
    />
  );
}

/**
 * The Secretariat cancels a planned session: a confirm modal with the reason every registered organisation is told.
 * An empty reason is refused here, and the API's own field errors land on the field.
 */
function CancelSessionButton({ call, session }: { call: Call; session: InfoSession }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const cancel = useCancelInfoSession(call.id);
  const { register, handleSubmit, reset, setError, formState: { errors, isSubmitting } } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const close = () => {
    setOpened(false);
    setFailure(null);
    reset({ reason: '' });
  };
  const onSubmit = handleSubmit(async ({ reason }) => {
    setFailure(null);
    try {
      await cancel.mutateAsync({ sessionId: session.id, reason: reason.trim() });
      close();
      notifySuccess(t('calls.infoSessions.cancelledOk'));
    } catch (error) {
      const { placed } = applyApiErrors(error, setError, t, ['reason']);
      if (placed === 0) setFailure(error);
    }
  });
  return (
    <>
      <Button size="xs" variant="light" color="red" onClick={() => setOpened(true)}>{t('calls.infoSessions.cancelSession')}</Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={t('calls.infoSessions.cancelTitle', { date: formatDate(session.startsAt, i18n.language) })}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('calls.infoSessions.cancelConfirm')}</Text>
            {failure ? <ErrorAlert error={failure} /> : null}
            <Textarea
              label={t('calls.infoSessions.cancelReason')}
              description={<PersonalDataHint />}
              withAsterisk
              autosize
              minRows={3}
              maxLength={1000}
              {...register('reason', { validate: (v) => v.trim() !== '' || t('errors.required') })}
              error={fieldError(errors.reason)}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>{t('calls.infoSessions.keepSession')}</Button>
              <Button type="submit" color="red" loading={isSubmitting}>{t('calls.infoSessions.cancelSubmit')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The Secretariat plans a session: a date and time in Kosovo time, a place and/or an online link, and a capacity. */
function PlanForm({ call }: { call: Call }) {
  const { t } = useTranslation();
  const updateSessions = useInfoSessionsUpdater(call.id);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [place, setPlace] = useState('');
  const [onlineLink, setOnlineLink] = useState('');
  const [capacity, setCapacity] = useState<number>(30);
  const plan = useMutation({
    mutationFn: () =>
      callsApi.planInfoSession(call.id, {
        startsAt: kosovoLocalToUtc(date, time),
        place: emptyToNull(place) ?? undefined,
        onlineLink: emptyToNull(onlineLink) ?? undefined,
        capacity,
      }),
    onSuccess: (list) => {
      updateSessions(list);
      setDate('');
      setPlace('');
      setOnlineLink('');
      notifySuccess(t('calls.infoSessions.planned'));
    },
  });
  const { errFor, unplaced } = useFieldErrors(plan.error, ['startsAt', 'place', 'onlineLink', 'capacity']);
  const ready = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) && capacity > 0;

  return (
    <Stack gap="xs" component="form" onSubmit={(e) => { e.preventDefault(); if (ready) plan.mutate(); }}>
      <Title order={3} size="h5">{t('calls.infoSessions.planTitle')}</Title>
      <Group gap="xs" align="flex-start">
        <DateField label={`${t('calls.infoSessions.date')} ${t('calls.kosovoTime')}`} value={date} onChange={setDate} error={errFor('startsAt')} />
        <TextInput type="time" label={t('calls.infoSessions.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        <NumberInput label={t('calls.infoSessions.capacity')} min={1} allowDecimal={false} w={140} value={capacity} onChange={(v) => setCapacity(Number(v) || 0)} error={errFor('capacity')} />
      </Group>
      <Group gap="xs" align="flex-start" grow>
        <TextInput label={t('calls.infoSessions.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errFor('place')} />
        <TextInput type="url" label={t('calls.infoSessions.onlineLink')} placeholder="https://" value={onlineLink} onChange={(e) => setOnlineLink(e.currentTarget.value)} error={errFor('onlineLink')} />
      </Group>
      <Text size="xs" c="dimmed">{t('calls.infoSessions.placeOrLink')}</Text>
      {plan.isError && unplaced ? <ErrorAlert error={plan.error} /> : null}
      <Group justify="flex-end">
        <Button type="submit" disabled={!ready} loading={plan.isPending}>{t('calls.infoSessions.plan')}</Button>
      </Group>
    </Stack>
  );
}

/** Info sessions of a call: the list for everyone, registration for applicants, planning and the CSV for the Secretariat. */
export function InfoSessionsSection({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const manage = can('call.manage');
  const attend = can('call.question.ask');
  const sessions = call.infoSessions ?? [];
  const now = Date.now() + serverClockOffset();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="info-sessions-heading">
      <Title order={2} size="h4" id="info-sessions-heading" mb="sm">{t('calls.infoSessions.title')}</Title>
      <Stack gap="md">
        {sessions.length === 0 ? <Text c="dimmed">{t('calls.infoSessions.none')}</Text> : null}
        {sessions.map((s) => {
          const past = Date.parse(s.startsAt) <= now;
          const cancelled = s.status === 'cancelled';
          return (
            <Card key={s.id} withBorder padding="sm" data-testid="info-session">
              <Stack gap={6}>
                <Group gap="xs" justify="space-between">
                  <KosovoTime iso={s.startsAt} fw={600} />
                  <Group gap="xs">
                    {cancelled ? <Badge color="red" variant="light" tt="none">{t('calls.infoSessions.cancelled')}</Badge> : null}
                    {past && !cancelled ? <Badge color="gray" variant="light" tt="none">{t('calls.infoSessions.past')}</Badge> : null}
                    <Text size="sm">{t('calls.infoSessions.taken', { registered: s.registered, capacity: s.capacity })}</Text>
                  </Group>
                </Group>
                {s.place ? <Text size="sm">{t('calls.infoSessions.place')}: {s.place}</Text> : null}
                {s.onlineLink ? (
                  <Text size="sm">
                    {t('calls.infoSessions.onlineLink')}: <Anchor href={s.onlineLink} target="_blank" rel="noopener noreferrer">{s.onlineLink}</Anchor>
                  </Text>
                ) : null}
                {cancelled ? (
                  <Text size="sm" c="red.8">
                    {t('calls.infoSessions.cancelledOn', { date: formatDate(s.cancelledAt, i18n.language) })}
                    {s.cancelReason ? ` ${t('calls.infoSessions.cancelledReason', { reason: s.cancelReason })}` : ''}
                  </Text>
                ) : null}
                {attend && !cancelled && (!past || s.registeredByMe) ? <RegisterForm call={call} session={s} past={past} /> : null}
                {manage ? (
                  <Group gap="sm" justify="space-between">
                    <Anchor href={callsApi.infoSessionCsvUrl(call.id, s.id)} download size="sm">
                      <Group gap={4} component="span"><IconDownload size={14} aria-hidden />{t('calls.infoSessions.csv')}</Group>
                    </Anchor>
                    {canTransitionInfoSession(s.status, 'cancelled') && !past ? <CancelSessionButton call={call} session={s} /> : null}
                  </Group>
                ) : null}
              </Stack>
            </Card>
          );
        })}
        {manage ? <PlanForm call={call} /> : null}
      </Stack>
    </Card>
  );
}
