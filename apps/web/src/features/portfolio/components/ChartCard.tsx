import { Box, Button, Card, Group, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with its table: the chart for the eye (hidden from screen readers), the table always in the page for
 * screen readers and copying, shown on screen with "Show table".
 */
export function ChartCard({ title, chart, table, actions, testId }: { title: string; chart: ReactNode; table: ReactNode; actions?: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const Wrapper = shown ? Box : VisuallyHidden;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} data-testid={testId} style={{ minWidth: 0 }}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={id}>{title}</Title>
        <Group gap="xs">
          {actions}
          <Button variant="subtle" size="compact-sm" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
            {shown ? t('portfolio.hideTable') : t('portfolio.showTable')}
          </Button>
        </Group>
      </Group>
      {/* inert: recharts makes its chart focusable (its keyboard layer), which a hidden region must not be */}
      <Box aria-hidden="true" inert>{chart}</Box>
      <Wrapper>
        {shown ? (
          // a table wider than its card scrolls inside it: focusable so a keyboard can scroll it too
          <Box mt="sm" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={title}>{table}</Box>
        ) : (
          <Box mt="sm">{table}</Box>
        )}
      </Wrapper>
    </Card>
  );
}
