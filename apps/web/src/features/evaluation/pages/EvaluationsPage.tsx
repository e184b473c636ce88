import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useContentLanguage } from '../../calls/lang';
import { useMyEvaluationCalls } from '../hooks';

/** The calls whose evaluator pool I am in. */
export function EvaluationsPage() {
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const list = useMyEvaluationCalls();
  return (
    <>
      <PageHeader title={t('evaluation.list.title')} description={t('evaluation.list.subtitle')} />
      {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('evaluation.list.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.list.call')}</Table.Th>
                <Table.Th>{t('evaluation.list.callTitle')}</Table.Th>
                <Table.Th>{t('evaluation.list.declaration')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.list.assigned')}</Table.Th>
                <Table.Th ta="right">{t('evaluation.list.submitted')}</Table.Th>
                <Table.Th>{t('evaluation.list.nextDue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Anchor component={Link} to={`/evaluations/${c.id}`} ff="monospace">{c.reference}</Anchor></Table.Td>
                  <Table.Td>{pick(c.title)}</Table.Td>
                  <Table.Td>
                    {c.declarationSignedAt ? (
                      <Badge color="green" variant="light">{t('evaluation.list.signed')}</Badge>
                    ) : (
                      <Badge color="orange" variant="light">{t('evaluation.list.notSigned')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{c.assigned}</Table.Td>
                  <Table.Td ta="right">{c.submitted}</Table.Td>
                  <Table.Td>{c.nextDueAt ? formatDate(c.nextDueAt, i18n.language) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
