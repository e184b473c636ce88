/**
 * Beneficiaries by municipality on a tile map of Kosovo: one equal square per municipality (a cartogram), placed on a
 * grid by its rough position (north: Leposaviq, Zubin Potok, Zveçan, North Mitrovica; south: Prizren, Dragash), since
 * no geometry is available offline and equal tiles keep small municipalities (Mamusha, Junik) as visible as the large.
 *
 * The counts arrive as the API shows them to this reader: a number, or a hidden cell `{shown: '<5' | 'c'}` that is
 * rendered exactly as given (never worked out again). A table beside the map (below it on narrow screens) lists every
 * municipality with its count: the chart's table for screen readers and for copying.
 */
import { KOSOVO_MUNICIPALITIES, serbianLatinToCyrillic } from '@grants/domain';
import { Box, Group, Table, Text, useMantineTheme } from '@mantine/core';
import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CYRILLIC } from '../../../i18n';
import { formatCount } from '../../../ui/format-number';
import { useElementWidth } from '../../../ui/useElementWidth';
import { municipalityName } from '../../organization/components/MunicipalitySelect';

/** A hidden count as the API gives it: "<5" for 1–4, "c" for a cell hidden so that a "<5" cannot be worked out. */
export type HiddenMunicipalityCount = { shown: '<5' | 'c'; reason: string };
export type MunicipalityCount = number | HiddenMunicipalityCount;

export type MunicipalityMapProps = {
  /** Counts by municipality code (libs/domain municipalities.ts); a municipality not in it has none (0). */
  cells: Record<string, MunicipalityCount>;
  /** The reader's UI language: 'en' | 'sq' | 'sr' | 'sr-Cyrl' (i18n.language). */
  language: string;
  /** When given, every tile is a button that selects its municipality (e.g. to filter the dashboard). */
  onSelect?: (code: string) => void;
  /** What the counts are (the map's and the table's name), e.g. "Beneficiaries by municipality". */
  title: string;
};

/** [column, row] of each municipality on the grid, west→east and north→south. All 38, each cell used once. */
export const MUNICIPALITY_TILES: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  leposaviq: [3, 0],
  'zubin-potok': [2, 1],
  zvecan: [3, 1],
  'mitrovica-north': [4, 1],
  istog: [1, 2],
  skenderaj: [2, 2],
  'mitrovica-south': [3, 2],
  vushtrri: [4, 2],
  podujeva: [5, 2],
  peja: [0, 3],
  klina: [1, 3],
  drenas: [2, 3],
  obiliq: [3, 3],
  'fushe-kosova': [4, 3],
  prishtina: [5, 3],
  novoberda: [6, 3],
  kamenica: [7, 3],
  decan: [0, 4],
  malisheva: [2, 4],
  lipjan: [4, 4],
  gracanica: [5, 4],
  gjilan: [6, 4],
  ranillug: [7, 4],
  junik: [0, 5],
  gjakova: [1, 5],
  rahovec: [2, 5],
  suhareka: [3, 5],
  shtime: [4, 5],
  ferizaj: [5, 5],
  kllokot: [6, 5],
  partesh: [7, 5],
  mamusha: [2, 6],
  shterpca: [4, 6],
  kacanik: [5, 6],
  viti: [6, 6],
  prizren: [3, 7],
  'hani-i-elezit': [5, 7],
  dragash: [3, 8],
});

const COLUMNS = 8;
const ROWS = 9;
const TILE = 64;
const GAP = 4;
const MAX_LABEL = 11;
/** Narrow boxes (a phone): larger type, so names are cut shorter (the table below gives them whole). */
const COMPACT_WIDTH = 480;
const MAX_COMPACT_LABEL = 8;

/** Short labels where the name does not fit a tile (Latin; Cyrillic is transliterated from the Serbian). */
const SHORT: Record<string, Partial<Record<'en' | 'sq' | 'sr', string>>> = {
  'fushe-kosova': { en: 'F. Kosova', sq: 'F. Kosovë', sr: 'K. Polje' },
  'hani-i-elezit': { en: 'H. i Elezit', sq: 'H. i Elezit' },
  'mitrovica-south': { en: 'Mitrovica S', sq: 'Mitrovicë J', sr: 'J. Mitrovica' },
  'mitrovica-north': { en: 'Mitrovica N', sq: 'Mitrovicë V', sr: 'S. Mitrovica' },
};

function baseLanguage(language: string): 'en' | 'sq' | 'sr' {
  if (language === 'sq') return 'sq';
  if (language === 'sr' || language === CYRILLIC) return 'sr';
  return 'en';
}

const SHORTER: Record<string, Partial<Record<'en' | 'sq' | 'sr', string>>> = {
  'fushe-kosova': { en: 'F. Kos.', sq: 'F. Kos.', sr: 'K. Polje' },
  'hani-i-elezit': { en: 'H. Elez.', sq: 'H. Elez.', sr: 'Elez Han' },
  'mitrovica-south': { en: 'Mitr. S', sq: 'Mitr. J', sr: 'J. Mitr.' },
  'mitrovica-north': { en: 'Mitr. N', sq: 'Mitr. V', sr: 'S. Mitr.' },
  'zubin-potok': { en: 'Z. Potok', sq: 'Z. Potok', sr: 'Z. Potok' },
};

/** The name on a tile: the municipality's name in the reader's language, shortened where it would not fit. */
export function tileLabel(code: string, language: string, compact = false): string {
  const lang = baseLanguage(language);
  const full = municipalityName(code, language);
  const max = compact ? MAX_COMPACT_LABEL : MAX_LABEL;
  const short = (compact ? SHORTER : SHORT)[code]?.[lang] ?? (full.length > max ? `${full.slice(0, max - 1)}.` : null);
  if (!short) return full;
  // overrides are written in Latin; a generic cut is already in the reader's script
  return language === CYRILLIC && (compact ? SHORTER : SHORT)[code]?.[lang] ? serbianLatinToCyrillic(short) : short;
}

function isHidden(v: MunicipalityCount | undefined): v is HiddenMunicipalityCount {
  return typeof v === 'object' && v !== null;
}

/** The count as shown: the language's number, or the hidden mark exactly as the API gave it. */
function shownText(v: MunicipalityCount | undefined, language: string): string {
  if (isHidden(v)) return v.shown;
  return formatCount(v ?? 0, language);
}

type Band = { from: number; to: number };

/** Four bands of equal width up to the largest shown number (hidden cells are never placed in a band). */
export function countBands(max: number): Band[] {
  if (max <= 0) return [];
  const bands: Band[] = [];
  let from = 1;
  for (let k = 1; k <= 4; k += 1) {
    const to = Math.floor((max * k) / 4);
    if (to >= from) {
      bands.push({ from, to });
      from = to + 1;
    }
  }
  return bands;
}

export function MunicipalityMap({ cells, language, onSelect, title }: MunicipalityMapProps) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
  const wide = width >= 760;
  const compact = width < COMPACT_WIDTH;

  const rows = useMemo(
    () =>
      KOSOVO_MUNICIPALITIES.map((m) => ({ code: m.code, name: municipalityName(m.code, language), value: cells[m.code] }))
        .sort((a, b) => a.name.localeCompare(b.name, baseLanguage(language))),
    [cells, language],
  );
  const max = rows.reduce((acc, r) => (typeof r.value === 'number' && r.value > acc ? r.value : acc), 0);
  const bands = countBands(max);
  // light → dark; the text on the darkest is white (both pass 4.5:1 against their fill)
  const fills = [theme.colors.blue[1], theme.colors.blue[3], theme.colors.blue[5], theme.colors.blue[8]];
  const bandFills = bands.map((_, i) => fills[fills.length - bands.length + i]);
  const emptyFill = theme.colors.gray[0];
  const hiddenFill = theme.colors.gray[3];

  const style = (v: MunicipalityCount | undefined): { fill: string; text: string; dashed: boolean } => {
    if (isHidden(v)) return { fill: hiddenFill, text: theme.black, dashed: true };
    const n = v ?? 0;
    const band = bands.findIndex((b) => n >= b.from && n <= b.to);
    if (band < 0) return { fill: emptyFill, text: theme.black, dashed: false };
    const fill = bandFills[band];
    return { fill, text: fill === theme.colors.blue[8] ? theme.white : theme.black, dashed: false };
  };

  const reached = rows.filter((r) => isHidden(r.value) || (r.value ?? 0) > 0);
  const top = rows.filter((r) => typeof r.value === 'number' && r.value === max && max > 0);
  const summary = [
    title,
    t('portfolio.map.summary', { reached: formatCount(reached.length, language), total: formatCount(rows.length, language) }),
    top.length ? t('portfolio.map.highest', { names: top.map((r) => r.name).join(', '), value: formatCount(max, language) }) : '',
    rows.some((r) => isHidden(r.value)) ? t('portfolio.map.hiddenNote') : '',
  ]
    .filter(Boolean)
    .join('. ');

  const interactive = Boolean(onSelect);
  const onKey = (code: string) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(code);
    }
  };

  const viewW = COLUMNS * (TILE + GAP) - GAP;
  const viewH = ROWS * (TILE + GAP) - GAP;

  const map = (
    <Box style={wide ? { flex: '1 1 320px', minWidth: 0, maxWidth: 560 } : { width: '100%', maxWidth: 560 }}>
      <svg
        viewBox={`0 0 ${viewW} ${viewH}`}
        width="100%"
        style={{ display: 'block', height: 'auto' }}
        // a drawing to look at; with tiles to press it is a group of buttons (an image's parts are not reachable)
        role={interactive ? 'group' : 'img'}
        aria-label={summary}
        data-testid="municipality-map"
      >
        {rows.map((r) => {
          const [col, row] = MUNICIPALITY_TILES[r.code];
          const x = col * (TILE + GAP);
          const y = row * (TILE + GAP);
          const s = style(r.value);
          const shown = shownText(r.value, language);
          return (
            <g
              key={r.code}
              data-testid={`tile-${r.code}`}
              data-suppressed={isHidden(r.value) ? r.value.reason : undefined}
              transform={`translate(${x} ${y})`}
              {...(interactive
                ? {
                    role: 'button',
                    tabIndex: 0,
                    'aria-label': `${r.name}: ${shown}`,
                    onClick: () => onSelect?.(r.code),
                    onKeyDown: onKey(r.code),
                    style: { cursor: 'pointer' },
                  }
                : { 'aria-hidden': true })}
            >
              <title>{`${r.name}: ${shown}`}</title>
              <rect
                width={TILE}
                height={TILE}
                rx={6}
                fill={s.fill}
                stroke={theme.colors.gray[6]}
                strokeWidth={1}
                strokeDasharray={s.dashed ? '4 3' : undefined}
              />
              <text x={TILE / 2} y={compact ? 25 : 24} textAnchor="middle" fontSize={compact ? 12.5 : 9.5} fill={s.text}>
                {tileLabel(r.code, language, compact)}
              </text>
              <text x={TILE / 2} y={compact ? 50 : 46} textAnchor="middle" fontSize={compact ? 19 : 15} fontWeight={700} fill={s.text}>
                {shown}
              </text>
            </g>
          );
        })}
      </svg>
      <Group gap="sm" mt="xs" aria-hidden="true" data-testid="municipality-map-legend">
        {bands.map((b, i) => (
          <Group key={b.from} gap={4} wrap="nowrap">
            <Box w={14} h={14} style={{ background: bandFills[i], border: `1px solid ${theme.colors.gray[6]}`, borderRadius: 3 }} />
            <Text size="xs">
              {b.from === b.to ? formatCount(b.from, language) : `${formatCount(b.from, language)}–${formatCount(b.to, language)}`}
            </Text>
          </Group>
        ))}
        <Group gap={4} wrap="nowrap">
          <Box w={14} h={14} style={{ background: emptyFill, border: `1px solid ${theme.colors.gray[6]}`, borderRadius: 3 }} />
          <Text size="xs">{formatCount(0, language)}</Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Box w={14} h={14} style={{ background: hiddenFill, border: `1px dashed ${theme.colors.gray[6]}`, borderRadius: 3 }} />
          <Text size="xs">{t('portfolio.map.hiddenLegend')}</Text>
        </Group>
      </Group>
    </Box>
  );

  const table = (
    <Box style={wide ? { flex: '1 1 260px', minWidth: 0, maxWidth: 440 } : { width: '100%' }}>
      <Table withTableBorder striped verticalSpacing={4} captionSide="top" data-testid="municipality-table" aria-label={title}>
        <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('portfolio.map.municipality')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('portfolio.map.count')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.code}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.name}</Table.Td>
              <Table.Td ta="right" data-testid={`count-${r.code}`} data-suppressed={isHidden(r.value) ? r.value.reason : undefined}>
                {shownText(r.value, language)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.some((r) => isHidden(r.value)) && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('portfolio.map.hiddenNote')}
        </Text>
      )}
    </Box>
  );

  return (
    <Box ref={boxRef} style={{ display: 'flex', flexDirection: wide ? 'row' : 'column', gap: 'var(--mantine-spacing-md)', alignItems: wide ? 'flex-start' : 'stretch', minWidth: 0 }}>
      {map}
      {table}
    </Box>
  );
}
