import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's default palettes put light-variant text (badges, alerts) and some filled
 * buttons below WCAG AA contrast. The primary shade is moved to 9 and the light-variant
 * text of the colours we use for status is darkened so every text passes 4.5:1.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 6 },
  autoContrast: true,
  luminanceThreshold: 0.35,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // the active item's description is dimmed with opacity by default, which drops below 4.5:1
    NavLink: { styles: { description: { opacity: 1 } } },
    // wide tables scroll sideways on small screens; keyboard users must be able to focus and scroll them
    TableScrollContainer: { defaultProps: { type: 'native', tabIndex: 0 } },
  },
});

const DARK_TEXT: Record<string, string> = {
  green: '#1b6e30',
  orange: '#a33a07',
  yellow: '#7a5200',
  teal: '#06664a',
  red: '#b02525',
  cyan: '#0a6170',
  blue: '#1864ab',
};

const FILLED: Record<string, string> = { green: '#237032', orange: '#b8440c', teal: '#087f5b' };

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-error': '#b02525',
    '--mantine-color-placeholder': '#6b7178',
  };
  for (const [name, hex] of Object.entries(DARK_TEXT)) {
    light[`--mantine-color-${name}-light-color`] = hex;
    light[`--mantine-color-${name}-text`] = hex;
  }
  for (const [name, hex] of Object.entries(FILLED)) light[`--mantine-color-${name}-filled`] = hex;
  return { variables: {}, light, dark: {} };
};
