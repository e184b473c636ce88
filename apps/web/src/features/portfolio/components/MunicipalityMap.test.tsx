import { KOSOVO_MUNICIPALITIES, serbianLatinToCyrillic } from '@grants/domain';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import { countBands, MUNICIPALITY_TILES, MunicipalityMap, tileLabel, type MunicipalityCount } from './MunicipalityMap';

const CELLS: Record<string, MunicipalityCount> = {
  prishtina: 1250,
  prizren: 40,
  peja: { shown: '<5', reason: 'small_count' },
  gjilan: { shown: 'c', reason: 'complementary' },
  leposaviq: 7,
};

describe('MunicipalityMap tiles', () => {
  it('places all 38 municipalities, each on its own cell of the grid', () => {
    const codes = KOSOVO_MUNICIPALITIES.map((m) => m.code).sort();
    expect(Object.keys(MUNICIPALITY_TILES).sort()).toEqual(codes);
    const cells = Object.values(MUNICIPALITY_TILES).map(([c, r]) => `${c},${r}`);
    expect(new Set(cells).size).toBe(38);
    for (const [c, r] of Object.values(MUNICIPALITY_TILES)) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(8);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(9);
    }
  });

  it('keeps the north in the north and the south in the south', () => {
    const row = (code: string) => MUNICIPALITY_TILES[code][1];
    const col = (code: string) => MUNICIPALITY_TILES[code][0];
    for (const north of ['leposaviq', 'zubin-potok', 'zvecan', 'mitrovica-north']) {
      for (const south of ['dragash', 'prizren', 'shtime', 'ferizaj', 'kacanik']) expect(row(north)).toBeLessThan(row(south));
    }
    expect(col('peja')).toBeLessThan(col('prishtina'));
    expect(col('prishtina')).toBeLessThan(col('kamenica'));
    expect(row('mitrovica-north')).toBeLessThan(row('mitrovica-south'));
  });

  it('labels tiles with names short enough to fit, in every language and script', () => {
    for (const lng of ['en', 'sq', 'sr', 'sr-Cyrl']) {
      const labels = KOSOVO_MUNICIPALITIES.map((m) => tileLabel(m.code, lng));
      for (const l of labels) expect(l.length).toBeLessThanOrEqual(12);
      // the two Mitrovicas stay apart
      expect(tileLabel('mitrovica-north', lng)).not.toBe(tileLabel('mitrovica-south', lng));
    }
    for (const lng of ['en', 'sq', 'sr', 'sr-Cyrl']) {
      for (const compact of [false, true]) {
        const labels = KOSOVO_MUNICIPALITIES.map((m) => tileLabel(m.code, lng, compact));
        expect(new Set(labels).size).toBe(38); // no two tiles read alike
        if (compact) for (const l of labels) expect(l.length).toBeLessThanOrEqual(8);
      }
    }
    expect(tileLabel('mitrovica-north', 'sr-Cyrl', true)).toBe(serbianLatinToCyrillic('S. Mitr.'));
    expect(tileLabel('leposaviq', 'sr-Cyrl', true)).toBe(`${serbianLatinToCyrillic('Leposavić').slice(0, 7)}.`);
    expect(tileLabel('prishtina', 'sr-Cyrl', true)).toBe(serbianLatinToCyrillic('Priština'));
    expect(tileLabel('drenas', 'sr-Cyrl')).toBe(serbianLatinToCyrillic('Glogovac'));
    expect(tileLabel('fushe-kosova', 'sr-Cyrl')).toBe('К. Поље');
  });

  it('bands the numbers shown up to the largest, without gaps or overlaps', () => {
    expect(countBands(0)).toEqual([]);
    expect(countBands(1250)).toEqual([
      { from: 1, to: 312 },
      { from: 313, to: 625 },
      { from: 626, to: 937 },
      { from: 938, to: 1250 },
    ]);
    for (const max of [1, 2, 3, 5, 7, 100, 101]) {
      const bands = countBands(max);
      expect(bands[0].from).toBe(1);
      expect(bands[bands.length - 1].to).toBe(max);
      for (let i = 1; i < bands.length; i += 1) expect(bands[i].from).toBe(bands[i - 1].to + 1);
    }
  });
});

describe('MunicipalityMap', () => {
  it('shows counts as given: numbers in the reader’s notation, "<5" and "c" exactly, absent ones as 0', async () => {
    await setupI18n('en');
    renderPage(<MunicipalityMap cells={CELLS} language="en" title="Beneficiaries by municipality" />);
    const map = screen.getByRole('img', { name: /Beneficiaries by municipality/ });
    expect(map.getAttribute('aria-label')).toContain('5 of 38 municipalities have beneficiaries');
    expect(map.getAttribute('aria-label')).toContain('Most: Pristina (1,250)');
    expect(within(screen.getByTestId('tile-prishtina')).getByText('1,250')).toBeTruthy();
    expect(within(screen.getByTestId('tile-peja')).getByText('<5')).toBeTruthy();
    expect(within(screen.getByTestId('tile-gjilan')).getByText('c')).toBeTruthy();
    expect(screen.getByTestId('tile-peja').getAttribute('data-suppressed')).toBe('small_count');

    const table = screen.getByRole('table', { name: 'Beneficiaries by municipality' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(39); // header + every municipality
    expect(screen.getByTestId('count-prishtina').textContent).toBe('1,250');
    expect(screen.getByTestId('count-peja').textContent).toBe('<5');
    expect(screen.getByTestId('count-gjilan').textContent).toBe('c');
    expect(screen.getByTestId('count-dragash').textContent).toBe('0');
    expect(screen.getByText(/Counts from 1 to 4 are shown as <5/)).toBeTruthy();
    // no tile is a button when nothing can be selected
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('colours tiles by band, darkest for the largest, the hidden ones apart', async () => {
    await setupI18n('en');
    renderPage(<MunicipalityMap cells={CELLS} language="en" title="Beneficiaries" />);
    const fill = (code: string) => screen.getByTestId(`tile-${code}`).querySelector('rect')?.getAttribute('fill');
    expect(fill('prishtina')).not.toBe(fill('prizren'));
    expect(fill('prizren')).toBe(fill('leposaviq')); // 40 and 7 in the first band of 1–312
    expect(fill('peja')).toBe(fill('gjilan'));
    expect(fill('peja')).not.toBe(fill('dragash'));
    expect(screen.getByTestId('tile-peja').querySelector('rect')?.getAttribute('stroke-dasharray')).toBeTruthy();
  });

  it('names municipalities in Albanian with its notation', async () => {
    await setupI18n('sq');
    renderPage(<MunicipalityMap cells={CELLS} language="sq" title="Përfitues sipas komunës" />);
    expect(screen.getByTestId('count-prishtina').textContent).toBe('1.250');
    const table = screen.getByRole('table', { name: 'Përfitues sipas komunës' });
    expect(within(table).getByText('Mitrovicë e Veriut')).toBeTruthy();
    expect(within(table).getByText('Komuna')).toBeTruthy();
  });

  it('writes Serbian in Cyrillic for a reader who chose it, names and words alike', async () => {
    await setupI18n('sr-Cyrl');
    renderPage(<MunicipalityMap cells={CELLS} language="sr-Cyrl" title="Корисници" />);
    const table = screen.getByRole('table', { name: 'Корисници' });
    expect(within(table).getByText(serbianLatinToCyrillic('Uroševac'))).toBeTruthy();
    expect(within(table).getByText('Општина')).toBeTruthy();
    expect(within(screen.getByTestId('tile-ferizaj')).getByText(serbianLatinToCyrillic('Uroševac'))).toBeTruthy();
    expect(screen.getByTestId('count-peja').textContent).toBe('<5');
  });

  it('makes each tile a button that selects its municipality, by click or keyboard', async () => {
    await setupI18n('en');
    const onSelect = vi.fn();
    renderPage(<MunicipalityMap cells={CELLS} language="en" title="Beneficiaries" onSelect={onSelect} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(38);
    const prizren = screen.getByRole('button', { name: 'Prizren: 40' });
    expect(prizren.getAttribute('tabindex')).toBe('0');
    fireEvent.click(prizren);
    expect(onSelect).toHaveBeenLastCalledWith('prizren');
    fireEvent.keyDown(screen.getByRole('button', { name: 'Peja: <5' }), { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('peja');
    fireEvent.keyDown(screen.getByRole('button', { name: 'Gjilan: c' }), { key: ' ' });
    expect(onSelect).toHaveBeenLastCalledWith('gjilan');
    expect(screen.getByRole('group', { name: /Beneficiaries/ })).toBeTruthy();
  });

  it('on a phone (360 px) puts the table below the map and cuts names shorter for larger type', async () => {
    await setupI18n('sq');
    vi.stubGlobal('ResizeObserver', class { observe() {} disconnect() {} unobserve() {} });
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 360, height: 800, x: 0, y: 0, top: 0, left: 0, right: 360, bottom: 800, toJSON: () => ({}) } as DOMRect);
    try {
      renderPage(<MunicipalityMap cells={CELLS} language="sq" title="Përfitues" />);
      const map = screen.getByTestId('municipality-map');
      const box = map.parentElement?.parentElement as HTMLElement;
      expect(box.style.flexDirection).toBe('column');
      expect(within(screen.getByTestId('tile-mitrovica-north')).getByText('Mitr. V')).toBeTruthy();
      expect(within(screen.getByTestId('tile-mitrovica-south')).getByText('Mitr. J')).toBeTruthy();
      // the table still names every municipality whole
      expect(within(screen.getByRole('table', { name: 'Përfitues' })).getByText('Mitrovicë e Veriut')).toBeTruthy();
    } finally {
      rect.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it('says nothing is there when no municipality has beneficiaries', async () => {
    await setupI18n('en');
    renderPage(<MunicipalityMap cells={{}} language="en" title="Beneficiaries" />);
    const map = screen.getByRole('img', { name: /Beneficiaries/ });
    expect(map.getAttribute('aria-label')).toContain('0 of 38 municipalities');
    expect(map.getAttribute('aria-label')).not.toContain('Most');
    expect(screen.queryByText(/Counts from 1 to 4/)).toBeNull();
  });
});
