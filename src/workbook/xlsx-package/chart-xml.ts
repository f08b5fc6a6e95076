import { BAND_OPACITY, type ChartBlock, seriesColor } from '../../core/report/model';
import { a1, type CellRange, parseA1Range, sheetRef } from '../../core/util/cell';
import { type GridCell, shownValue } from './sheet-grid';
import { escapeAttr, escapeText } from './xml-text';

function cellsOf(range: CellRange): [number, number][] {
  const out: [number, number][] = [];
  for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) out.push([r, c]);
  return out;
}

function absolute(sheet: string, range: CellRange): string {
  return `${sheetRef(sheet)}!${a1(range.top, range.left, true)}:${a1(range.bottom, range.right, true)}`;
}

/** Lines of the line charts: 2.25 pt, in EMU (12,700 a point). */
const LINE_WIDTH = 28_575;

type CellAt = (row: number, col: number) => GridCell | undefined;

/**
 * A DrawingML chart part (ECMA-376 Part 1 §21.2) for a chart block: a bar
 * chart for 'bar' (columns) and 'funnel' (horizontal bars, first category on
 * top, values labelled: the funnel chartex type is not understood by
 * LibreOffice or Excel before 2016, a bar chart is by all), columns for
 * 'waterfall' too (the same holds for the waterfall chartex type), a line
 * chart for 'line', with its band series as a stacked area chart on the
 * same axes (drawn first, so under the lines). Series reference the sheet's ranges
 * and carry cached values, so the chart shows before any recalculation, and
 * each has an explicit colour (`c:spPr`): without one a host takes it from
 * the theme, and a workbook without a theme part, or LibreOffice, then
 * draws nothing.
 */
export function chartXml(block: ChartBlock, sheet: string, cellAt: CellAt): string {
  const categories = parseA1Range(block.categories);
  const catXml = categories ? `<c:cat>${stringRef(sheet, categories, cellAt)}</c:cat>` : '';
  const funnel = block.type === 'funnel';
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const ser = (idx: number, name: string, spPr: string, middle: string, values: string, tail = '') => {
    const range = parseA1Range(values);
    const val = range ? `<c:val>${numberRef(sheet, range, cellAt)}</c:val>` : '';
    return `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${escapeText(name)}</c:v></c:tx>${spPr}${middle}${catXml}${val}${tail}</c:ser>`;
  };
  let plot: string;
  const hiddenFromLegend: number[] = [];
  if (block.type === 'line') {
    // Indexes are unique over the whole chart: the band pairs first, then the lines.
    const colored = block.series.map((s, i) => ({ s, color: seriesColor(s, i) }));
    const bands = colored.filter(({ s }) => s.kind === 'band' && s.lower);
    const lines = colored.filter(({ s }) => !(s.kind === 'band' && s.lower));
    const areas = bands.map(({ s, color }, k) => {
      hiddenFromLegend.push(2 * k);
      return (
        ser(2 * k, s.name, '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>', '', s.lower!) +
        ser(2 * k + 1, s.name, `<c:spPr><a:solidFill>${rgb(color, BAND_OPACITY)}</a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`, '', s.values)
      );
    });
    const lineXml = lines.map(({ s, color }, k) => {
      const dash = s.dashed ? '<a:prstDash val="dash"/>' : '';
      const spPr = `<c:spPr><a:ln w="${LINE_WIDTH}" cap="rnd"><a:solidFill>${rgb(color)}</a:solidFill>${dash}<a:round/></a:ln></c:spPr>`;
      return ser(2 * bands.length + k, s.name, spPr, '<c:marker><c:symbol val="none"/></c:marker>', s.values, '<c:smooth val="0"/>');
    });
    plot =
      (areas.length > 0 ? `<c:areaChart><c:grouping val="stacked"/><c:varyColors val="0"/>${areas.join('')}${axes}</c:areaChart>` : '') +
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lineXml.join('')}<c:marker val="1"/>${axes}</c:lineChart>`;
  } else {
    const series = block.series
      .map((s, i) => ser(i, s.name, `<c:spPr><a:solidFill>${rgb(seriesColor(s, i))}</a:solidFill></c:spPr>`, '<c:invertIfNegative val="0"/>', s.values))
      .join('');
    plot =
      `<c:barChart><c:barDir val="${funnel ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
      (funnel
        ? '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>' +
          '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        : '') +
      `<c:gapWidth val="${funnel ? 30 : 80}"/>${axes}</c:barChart>`;
  }
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation ` +
    `val="${funnel ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/><c:axPos ` +
    `val="${funnel ? 'l' : 'b'}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx ' +
    'val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  // A funnel reads its values from the labels, so its value axis is hidden.
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete ` +
    `val="${funnel ? 1 : 0}"/><c:axPos val="${funnel ? 'b' : 'l'}"/>${funnel ? '' : '<c:majorGridlines/>'}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos ' +
    'val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>';
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="1200" b="1"/>` +
    `<a:t>${escapeText(block.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted ` +
    `val="0"/>`;
  const hidden = hiddenFromLegend.map((i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`).join('');
  const legend = block.series.length > 1 ? `<c:legend><c:legendPos val="b"/>${hidden}<c:overlay val="0"/></c:legend>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea>` +
    `<c:layout/>${plot}${catAx}${valAx}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs ` +
    `val="gap"/></c:chart></c:chartSpace>`
  );
}

/** An sRGB colour, with an alpha (DrawingML percentage: 100,000 = opaque) when not opaque. */
function rgb(hex: string, opacity = 1): string {
  return opacity >= 1 ? `<a:srgbClr val="${hex}"/>` : `<a:srgbClr val="${hex}"><a:alpha val="${Math.round(opacity * 100_000)}"/></a:srgbClr>`;
}

function stringRef(sheet: string, range: CellRange, cellAt: (row: number, col: number) => GridCell | undefined): string {
  const points = cellsOf(range)
    .map(([r, c], i) => {
      const v = shownValue(cellAt(r, c));
      return v === null ? '' : `<c:pt idx="${i}"><c:v>${escapeText(String(v))}</c:v></c:pt>`;
    })
    .join('');
  return `<c:strRef><c:f>${escapeText(absolute(sheet, range))}</c:f><c:strCache><c:ptCount val="${cellsOf(range).length}"/>${points}</c:strCache></c:strRef>`;
}

function numberRef(sheet: string, range: CellRange, cellAt: (row: number, col: number) => GridCell | undefined): string {
  const points = cellsOf(range)
    .map(([r, c], i) => {
      const v = shownValue(cellAt(r, c));
      return typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '';
    })
    .join('');
  return (
    `<c:numRef><c:f>${escapeText(absolute(sheet, range))}</c:f><c:numCache>` +
    `<c:formatCode>General</c:formatCode><c:ptCount val="${cellsOf(range).length}"/>${points}</c:numCache>` +
    `</c:numRef>`
  );
}

/** A drawing part (§20.5) anchoring each chart over its cells; chart i uses relationship `rIdN` from `relIds[i]`. */
export function drawingXml(charts: readonly ChartBlock[], relIds: readonly string[]): string {
  const anchors = charts
    .map((chart, i) => {
      const marker = (tag: string, row: number, col: number) =>
        `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker('from', chart.row, chart.col)}` +
        `${marker('to', chart.row + Math.max(1, chart.heightRows), chart.col + Math.max(1, chart.widthCols))}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" ` +
        `name="${escapeAttr(chart.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>' +
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relIds[i]}"/>` +
        `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${anchors}</xdr:wsDr>`
  );
}
