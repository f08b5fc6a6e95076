import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Cell, ChartBlock } from '../../../src/core/report/model';
import { chartXml } from '../../../src/workbook/xlsx-package/chart-xml';
import type { GridCell } from '../../../src/workbook/xlsx-package/sheet-grid';

/* The chart parts read back with a general XML parser, by element name (ECMA-376 Part 1 §21.2, DrawingML charts). */

type Node = Record<string, unknown>;
const ARRAYS = new Set(['ser', 'axId', 'legendEntry', 'pt', 'areaChart', 'lineChart', 'barChart']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => ARRAYS.has(name) });

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Node;
}

function at(node: unknown, ...path: string[]): Node {
  let n = node as Node;
  for (const key of path) {
    expect(n).toHaveProperty([key]);
    n = n[key] as Node;
  }
  return n;
}

const attr = (node: unknown, ...path: string[]) => at(node, ...path)['@val'];

/** Months in A2:A6, then Actual, Fitted, Forecast, Lower, Upper, band from and width in B…H. */
const GRID: Cell[][] = [
  ['2026-01', 10, null, null, null, null, null, null],
  ['2026-02', 20, 11, null, null, null, null, null],
  ['2026-03', 30, 21, null, null, null, 30, 0],
  ['2026-04', null, null, 40, 30, 50, 30, 20],
  ['2026-05', null, null, 50, 35, 65, 35, 30],
];
const cellAt = (row: number, col: number): GridCell | undefined => {
  const value = GRID[row - 1]?.[col];
  return value === undefined ? undefined : { value, style: 0 };
};

const FORECAST: ChartBlock = {
  kind: 'chart',
  name: 'ForecastChart',
  type: 'line',
  title: 'Revenue',
  row: 0,
  col: 10,
  widthCols: 8,
  heightRows: 14,
  categories: 'A2:A6',
  series: [
    { name: '95% band', kind: 'band', lower: 'G2:G6', values: 'H2:H6', color: 'F4B183' },
    { name: 'Actual', values: 'B2:B6', color: '1F4E79' },
    { name: 'Fitted', values: 'C2:C6', color: '7F7F7F', dashed: true },
    { name: 'Forecast', values: 'D2:D6', color: 'ED7D31' },
  ],
};

const seriesName = (ser: Node) => String(at(ser, 'tx').v);

describe('chart parts', () => {
  const plot = at(parse(chartXml(FORECAST, 'Report 2026-03', cellAt)), 'chartSpace', 'chart', 'plotArea');

  it('draws the band as a stacked area pair under the lines: an invisible lower edge, then the width filled semi-transparent', () => {
    const areas = plot.areaChart as Node[];
    expect(areas).toHaveLength(1);
    const area = areas[0]!;
    expect(attr(area, 'grouping')).toBe('stacked');
    const [base, width] = area.ser as [Node, Node];
    expect(at(base, 'val', 'numRef').f).toBe("'Report 2026-03'!$G$2:$G$6");
    expect(at(width, 'val', 'numRef').f).toBe("'Report 2026-03'!$H$2:$H$6");
    expect(at(base, 'spPr')).toHaveProperty('noFill');
    expect(at(base, 'spPr', 'ln')).toHaveProperty('noFill');
    expect(at(width, 'spPr', 'solidFill', 'srgbClr')['@val']).toBe('F4B183');
    const alpha = Number(attr(width, 'spPr', 'solidFill', 'srgbClr', 'alpha'));
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(100_000);
    expect(seriesName(width)).toBe('95% band');
    // The cached points are what a reader shows before recalculating: the width of each month ahead.
    expect((at(width, 'val', 'numRef', 'numCache').pt as Node[]).map((p) => p.v)).toEqual([0, 20, 30]);
  });

  it('draws actual, fitted and forecast as lines named so, on the same axes as the band', () => {
    const lines = plot.lineChart as Node[];
    expect(lines).toHaveLength(1);
    const ser = lines[0]!.ser as Node[];
    expect(ser.map(seriesName)).toEqual(['Actual', 'Fitted', 'Forecast']);
    expect(ser.map((s) => at(s, 'val', 'numRef').f)).toEqual(["'Report 2026-03'!$B$2:$B$6", "'Report 2026-03'!$C$2:$C$6", "'Report 2026-03'!$D$2:$D$6"]);
    const axes = (node: Node) => (node.axId as Node[]).map((a) => a['@val']);
    expect(axes(lines[0]!)).toEqual(axes((plot.areaChart as Node[])[0]!));
    expect(at(plot, 'catAx', 'axId')).toBeDefined();
    // Series indexes are unique across the two chart groups.
    const all = [...((plot.areaChart as Node[])[0]!.ser as Node[]), ...ser].map((s) => attr(s, 'idx'));
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives every line an explicit colour, the fitted one dashed, so hosts without a theme draw them', () => {
    const ser = (plot.lineChart as Node[])[0]!.ser as Node[];
    expect(ser.map((s) => attr(s, 'spPr', 'ln', 'solidFill', 'srgbClr'))).toEqual(['1F4E79', '7F7F7F', 'ED7D31']);
    expect(attr(ser[1], 'spPr', 'ln', 'prstDash')).toBe('dash');
    expect(at(ser[0], 'spPr', 'ln')).not.toHaveProperty('prstDash');
  });

  it('leaves the invisible lower edge out of the legend', () => {
    const doc = parse(chartXml(FORECAST, 'Report 2026-03', cellAt));
    const base = ((at(doc, 'chartSpace', 'chart', 'plotArea').areaChart as Node[])[0]!.ser as Node[])[0]!;
    const entries = at(doc, 'chartSpace', 'chart', 'legend').legendEntry as Node[];
    expect(entries.map((e) => [attr(e, 'idx'), attr(e, 'delete')])).toEqual([[attr(base, 'idx'), '1']]);
  });

  it('gives bar and funnel series explicit fills from the palette', () => {
    for (const type of ['bar', 'funnel'] as const) {
      const block: ChartBlock = {
        ...FORECAST,
        type,
        series: [
          { name: 'Reached', values: 'B2:B6' },
          { name: 'Won', values: 'C2:C6', color: '70AD47' },
        ],
      };
      const bars = at(parse(chartXml(block, 'Report', cellAt)), 'chartSpace', 'chart', 'plotArea').barChart as Node[];
      const ser = bars[0]!.ser as Node[];
      expect(ser.map((s) => attr(s, 'spPr', 'solidFill', 'srgbClr'))).toEqual(['4472C4', '70AD47']);
    }
  });
});
