import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems, type PasswordProblem } from '@grants/domain';
import { List, PasswordInput, type PasswordInputProps, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconPoint, IconX } from '@tabler/icons-react';
import { forwardRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type PasswordContext = { email?: string; fullName?: string; organizationName?: string };
type Props = PasswordInputProps & { value: string; context?: PasswordContext; showRules?: boolean };
type RuleState = 'ok' | 'failed' | 'pending';

/** The rules shown under the field; max_length only appears once it is broken. */
export function passwordRules(value: string, context: PasswordContext = {}): { code: PasswordProblem; state: RuleState }[] {
  const problems = passwordProblems(value, context);
  const codes: PasswordProblem[] = ['min_length', 'too_weak'];
  if (context.email) codes.push('contains_email');
  if (problems.includes('max_length')) codes.push('max_length');
  return codes.map((code) => ({
    code,
    state: problems.includes(code) ? (value ? 'failed' : 'pending') : value ? 'ok' : 'pending',
  }));
}

/** A password input that lists the password rules (from @grants/domain) and ticks them off as you type. */
export const PasswordField = forwardRef<HTMLInputElement, Props>(function PasswordField(
  { value, context, showRules = true, ...props },
  ref,
) {
  const { t } = useTranslation();
  const email = context?.email;
  const fullName = context?.fullName;
  const organizationName = context?.organizationName;
  const rules = useMemo(
    () => passwordRules(value ?? '', { email, fullName, organizationName }),
    [value, email, fullName, organizationName],
  );
  const rulesList = (
    <List size="xs" mt={2} spacing={2} center aria-label={t('auth.passwordRules')}>
      {rules.map((rule) => (
        <List.Item
          key={rule.code}
          c={rule.state === 'ok' ? 'green' : rule.state === 'failed' ? 'red' : 'gray.7'}
          icon={
            <ThemeIcon
              color={rule.state === 'ok' ? 'green' : rule.state === 'failed' ? 'red' : 'gray'}
              size={16}
              radius="xl"
              variant="light"
              aria-hidden
            >
              {rule.state === 'ok' ? <IconCheck size={11} /> : rule.state === 'failed' ? <IconX size={11} /> : <IconPoint size={11} />}
            </ThemeIcon>
          }
        >
          {t(`passwordRules.${rule.code}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}
          {rule.state !== 'pending' ? (
            <VisuallyHidden>{` (${rule.state === 'ok' ? t('auth.ruleMet') : t('auth.ruleNotMet')})`}</VisuallyHidden>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
  // The rules are the input's description, so Mantine links them with aria-describedby;
  // rendered in a <div> (a list may not sit in the default <p>) and below the input.
  return (
    <PasswordInput
      ref={ref}
      value={value}
      autoComplete="new-password"
      aria-invalid={!!props.error}
      visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
      description={showRules ? rulesList : props.description}
      descriptionProps={{ component: 'div' } as PasswordInputProps['descriptionProps']}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...props}
    />
  );
});
