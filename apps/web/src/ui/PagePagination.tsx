import { Group, Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { page: number; total: number; pageSize: number; onChange: (page: number) => void };

/** Page links with accessible names, hidden when everything fits on one page. */
export function PagePagination({ page, total, pageSize, onChange }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Group justify="center" component="nav" aria-label={t('common.pagination')}>
      <Pagination
        value={page}
        total={pages}
        onChange={onChange}
        getItemProps={(p) => ({ 'aria-label': t('common.pageN', { page: p }), 'aria-current': p === page ? 'page' : undefined })}
        getControlProps={(control) => ({
          'aria-label': t(`common.pageControl.${control}`),
        })}
      />
    </Group>
  );
}
