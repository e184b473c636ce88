import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconExternalLink, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, shortHash } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { useCan } from '../../auth/hooks';
import { QUEUE_DASHBOARD_URL } from '../api';
import { useAuditLog, useVerifyAudit } from '../hooks';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const [entityInput, setEntityInput] = useState('');
  const [actionInput, setActionInput] = useState('');
  const [entity] = useDebouncedValue(entityInput.trim(), 300);
  const [action] = useDebouncedValue(actionInput.trim(), 300);
  const log = useAuditLog({ page, pageSize: PAGE_SIZE, entity: entity || undefined, action: action || undefined });
  const verify = useVerifyAudit();

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.intro')}
        actions={
          <>
            {can('queues.dashboard') ? (
              <Button
                component="a"
                href={QUEUE_DASHBOARD_URL}
                target="_blank"
                rel="noopener"
                variant="default"
                rightSection={<IconExternalLink size={14} aria-hidden />}
              >
                {t('nav.queues')}
                <span className="sr-only"> ({t('common.opensInNewTab')})</span>
              </Button>
            ) : null}
            {can('audit.verify') ? (
              <Button leftSection={<IconShieldCheck size={16} aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
                {t('audit.verify')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <div aria-live="polite">
          {verify.isError ? <ErrorAlert error={verify.error} /> : null}
          {verify.data ? (
            verify.data.ok ? (
              <Alert color="green" icon={<IconShieldCheck aria-hidden />} title={t('audit.intactTitle')} role="status">
                {t('audit.intact', { count: verify.data.checked })} {t('audit.anchors', { count: verify.data.anchorsChecked })}
              </Alert>
            ) : (
              <Alert color="red" icon={<IconShieldX aria-hidden />} title={t('audit.brokenTitle')} role="alert">
                {t('audit.broken', {
                  seq: verify.data.brokenAt ?? '?',
                  reason: verify.data.reason
                    ? t(`audit.reasons.${verify.data.reason}`, { defaultValue: verify.data.reason })
                    : t('audit.reasons.unknown'),
                  checked: verify.data.checked,
                })}{' '}
                {t('audit.anchors', { count: verify.data.anchorsChecked })}
              </Alert>
            )
          ) : null}
        </div>

        <Paper withBorder p="md">
          <Group align="flex-end" role="search" aria-label={t('audit.filters')}>
            <TextInput
              label={t('audit.entity')}
              placeholder="organization"
              value={entityInput}
              onChange={(e) => {
                setEntityInput(e.currentTarget.value);
                setPage(1);
              }}
            />
            <TextInput
              label={t('audit.action')}
              placeholder="user.deactivate"
              value={actionInput}
              onChange={(e) => {
                setActionInput(e.currentTarget.value);
                setPage(1);
              }}
            />
          </Group>
        </Paper>

        {log.isPending ? (
          <CenteredLoader />
        ) : log.isError ? (
          <ErrorAlert error={log.error} />
        ) : log.data.items.length === 0 ? (
          <Text c="dimmed">{t('audit.none')}</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={980}>
              {/* fixed columns: a long summary (a SHA-256, an IBAN) wraps in its own column instead of squeezing the others */}
              <Table striped verticalSpacing="xs" fz="sm" layout="fixed">
                <Table.Caption>{t('audit.caption', { count: log.data.total })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={52}>#</Table.Th>
                    <Table.Th scope="col" w={104}>{t('audit.at')}</Table.Th>
                    <Table.Th scope="col" w={150}>{t('audit.actor')}</Table.Th>
                    <Table.Th scope="col" w={165}>{t('audit.action')}</Table.Th>
                    <Table.Th scope="col" w={115}>{t('audit.entity')}</Table.Th>
                    <Table.Th scope="col">{t('audit.summary')}</Table.Th>
                    <Table.Th scope="col" w={96}>{t('audit.hash')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.items.map((e) => (
                    <Table.Tr key={e.seq} bg={verify.data && !verify.data.ok && verify.data.brokenAt === e.seq ? 'red.0' : undefined}>
                      <Table.Td>{e.seq}</Table.Td>
                      <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {e.actorErased ? <Text span fs="italic" size="sm">{t('audit.erasedPerson')}</Text> : (e.actorEmail ?? t('audit.system'))}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <code>{e.action}</code>
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {e.entity}
                        {e.entityId ? (
                          <Text span size="xs" c="dimmed" className="mono" display="block">
                            {shortHash(e.entityId, 8, 4)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{(e.summaryShown ?? e.summary).replaceAll('erased person', t('audit.erasedPerson'))}</Table.Td>
                      <Table.Td>
                        <Tooltip label={`${t('audit.prevHash')}: ${e.prevHash}\n${t('audit.hash')}: ${e.hash}\n${t('audit.hashVersion', { version: e.hashVersion })}`} multiline w={340} withArrow style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                          <span tabIndex={0} className="mono">
                            <span aria-hidden>{shortHash(e.hash)}</span>
                            <span className="sr-only">{e.hash}</span>
                          </span>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <PagePagination page={page} total={log.data.total} pageSize={PAGE_SIZE} onChange={setPage} />
          </>
        )}
      </Stack>
    </>
  );
}
