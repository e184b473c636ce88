import { ROLES, type Role } from '@grants/domain';
import { FocalPointsCard } from '../../safeguarding/FocalPointsCard';
import { Badge, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { describeError } from '../../../ui/errors';
import { formatDate, formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { useCan, useMe } from '../../auth/hooks';
import { useSetUserActive, useUsers } from '../hooks';
import type { AdminUser } from '../types';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { ResetSecondFactorsButton } from '../../security/components/ResetSecondFactorsButton';
import { EraseUserButton } from '../../retention/components/EraseUserButton';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const [q] = useDebouncedValue(search.trim(), 300);
  const users = useUsers({ q: q || undefined, role: role || undefined, page, pageSize: PAGE_SIZE });

  return (
    <>
      <PageHeader title={t('adminUsers.title')} description={t('adminUsers.intro')} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Group align="flex-end" role="search" aria-label={t('adminUsers.searchLabel')}>
            <TextInput
              label={t('common.search')}
              placeholder={t('adminUsers.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Select
              label={t('common.role')}
              value={role}
              onChange={(v) => {
                setRole((v ?? '') as Role | '');
                setPage(1);
              }}
              data={[{ value: '', label: t('adminUsers.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
              allowDeselect={false}
              w={240}
            />
          </Group>
        </Paper>
        {users.isPending ? (
          <CenteredLoader />
        ) : users.isError ? (
          <ErrorAlert error={users.error} />
        ) : users.data.items.length === 0 ? (
          <Text c="dimmed">{t('adminUsers.none')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('adminUsers.count', { count: users.data.total })}
            </Text>
            <UserTable users={users.data.items} />
            <PagePagination page={page} total={users.data.total} pageSize={PAGE_SIZE} onChange={setPage} />
          </>
        )}
        <FocalPointsCard />
      </Stack>
    </>
  );
}

function UserTable({ users }: { users: AdminUser[] }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const setActive = useSetUserActive();
  const manage = can('user.deactivate');
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('auth.fullName')}</Table.Th>
            <Table.Th scope="col">{t('auth.email')}</Table.Th>
            <Table.Th scope="col">{t('common.role')}</Table.Th>
            <Table.Th scope="col">{t('organization.title')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col">{t('adminUsers.secondFactor')}</Table.Th>
            <Table.Th scope="col">{t('adminUsers.lastLogin')}</Table.Th>
            <Table.Th scope="col">{t('adminUsers.created')}</Table.Th>
            {manage ? (
              <Table.Th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{u.email}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
              <Table.Td>{u.organizationName ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light" color={u.active ? 'green' : 'gray'}>
                    {u.active ? t('common.active') : t('common.inactive')}
                  </Badge>
                  {!u.emailVerified ? (
                    <Badge variant="light" color="orange">
                      {t('adminUsers.unverified')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={u.secondFactor ? 'green' : 'gray'}>
                  {u.secondFactor ? t('adminUsers.secondFactorYes') : t('adminUsers.secondFactorNo')}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('adminUsers.never')}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(u.createdAt, i18n.language)}</Table.Td>
              {manage ? (
                <Table.Td ta="right">
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {u.id !== me?.id && u.secondFactor ? <ResetSecondFactorsButton user={u} /> : null}
                  {u.id !== me?.id && can('user.erase') && !u.email.endsWith('@erased.invalid') ? <EraseUserButton user={u} /> : null}
                  {u.id === me?.id || (!u.active && u.email.endsWith('@erased.invalid')) ? null : u.active ? (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      title={t('adminUsers.deactivateTitle')}
                      message={t('adminUsers.deactivateConfirm', { name: u.fullName, email: u.email })}
                      confirmLabel={t('adminUsers.deactivate')}
                      aria-label={t('adminUsers.deactivateNamed', { name: u.fullName })}
                      onConfirm={() =>
                        setActive.mutate(
                          { id: u.id, active: false },
                          {
                            onSuccess: () => notifySuccess(t('adminUsers.deactivated', { name: u.fullName })),
                            onError: (e) => notifyError(describeError(t, e)),
                          },
                        )
                      }
                    >
                      {t('adminUsers.deactivate')}
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      color="blue"
                      title={t('adminUsers.reactivateTitle')}
                      message={t('adminUsers.reactivateConfirm', { name: u.fullName, email: u.email })}
                      confirmLabel={t('adminUsers.reactivate')}
                      aria-label={t('adminUsers.reactivateNamed', { name: u.fullName })}
                      onConfirm={() =>
                        setActive.mutate(
                          { id: u.id, active: true },
                          {
                            onSuccess: () => notifySuccess(t('adminUsers.reactivated', { name: u.fullName })),
                            onError: (e) => notifyError(describeError(t, e)),
                          },
                        )
                      }
                    >
                      {t('adminUsers.reactivate')}
                    </ConfirmButton>
                  )}
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
