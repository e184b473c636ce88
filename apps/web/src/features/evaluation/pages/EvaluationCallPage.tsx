import { Alert, Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { NATIVE_LANGUAGE_NAMES } from '../../../i18n';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { KosovoTime } from '../../calls/components/Kosovo';
import { useContentLanguage } from '../../calls/lang';
import { AssignmentStatusBadge } from '../components/AssignmentStatusBadge';
import { DeclarationForm } from '../components/DeclarationForm';
import { usePoints } from '../format';
import { evaluationKeys, isNotFound, useDeclaration, useMyAssignments } from '../hooks';
import type { Declaration } from '../types';

function Assignments({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const points = usePoints();
  const list = useMyAssignments(callId, true);
  if (list.isPending) return <CenteredLoader />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (list.data.items.length === 0) return <Text c="dimmed">{t('evaluation.call.noAssignments')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evaluation.call.reference')}</Table.Th>
            <Table.Th>{t('evaluation.call.organization')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('evaluation.call.dueAt')}</Table.Th>
            <Table.Th ta="right">{t('evaluation.call.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={`/evaluations/assignments/${a.id}`} ff="monospace">{a.reference}</Anchor>
                {a.projectTitle ? <Text size="xs" c="dimmed">{a.projectTitle}</Text> : null}
              </Table.Td>
              <Table.Td>{a.organizationName}</Table.Td>
              <Table.Td><AssignmentStatusBadge status={a.status} /></Table.Td>
              <Table.Td>{a.status === 'assigned' || a.status === 'accepted' ? formatDate(a.dueAt, i18n.language) : '—'}</Table.Td>
              <Table.Td ta="right">{a.status === 'submitted' ? points(a.total) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One call as its evaluator sees it: the declaration to sign first, then the applications to score. */
export function EvaluationCallPage() {
  const { callId } = useParams();
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const qc = useQueryClient();
  const declaration = useDeclaration(callId);
  if (declaration.isPending) return <CenteredLoader />;
  if (declaration.isError) return isNotFound(declaration.error) ? <NotFoundPage /> : <ErrorAlert error={declaration.error} />;
  const d = declaration.data;
  const onSigned = (signed: Declaration) => {
    qc.setQueryData(evaluationKeys.declaration(d.call.id), signed);
    void qc.invalidateQueries({ queryKey: evaluationKeys.calls });
  };
  return (
    <>
      <PageHeader
        title={t('evaluation.call.title', { reference: d.call.reference })}
        description={pick(d.call.title)}
        actions={<Button component={Link} to="/evaluations" variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} aria-hidden />}>{t('evaluation.call.back')}</Button>}
      />
      {d.signedAt ? (
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} data-testid="declaration-signed">
            {t('evaluation.call.signedAt', { language: d.signedLanguage ? NATIVE_LANGUAGE_NAMES[d.signedLanguage] : '—' })}{' '}
            <KosovoTime iso={d.signedAt} size="sm" />
          </Alert>
          <Title order={2} size="h4">{t('evaluation.call.assignments')}</Title>
          <Assignments callId={d.call.id} />
        </Stack>
      ) : (
        <DeclarationForm declaration={d} onSigned={onSigned} />
      )}
    </>
  );
}
