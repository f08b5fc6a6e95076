import type { ChartBlock } from '../../core/report/model';
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

/**
 * A DrawingML chart part (ECMA-376 Part 1 §21.2) for a chart block: a bar
 * chart for 'bar' (columns) and 'funnel' (horizontal bars, first category on
 * top, values labelled: the funnel chartex type is not understood by
 * LibreOffice or Excel before 2016, a bar chart is by all), a line chart for
 * 'line'. Series reference the sheet's ranges and carry cached values, so
 * the chart shows before any recalculation.
 */
export function chartXml(block: ChartBlock, sheet: string, cellAt: (row: number, col: number) => GridCell | undefined): string {
  const categories = parseA1Range(block.categories);
  const catXml = categories ? stringRef(sheet, categories, cellAt) : '';
  const series = block.series
    .map((s, i) => {
      const range = parseA1Range(s.values);
      const val = range ? `<c:val>${numberRef(sheet, range, cellAt)}</c:val>` : '';
      const marker = block.type === 'line' ? '<c:marker><c:symbol val="none"/></c:marker>' : '<c:invertIfNegative val="0"/>';
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>${marker}${catXml ? `<c:cat>${catXml}</c:cat>` : ''}${val}${block.type === 'line' ? '<c:smooth val="0"/>' : ''}</c:ser>`;
    })
    .join('');
  const funnel = block.type === 'funnel';
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const plot =
    block.type === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="${funnel ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
        `${funnel ? '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>' : ''}` +
        `<c:gapWidth val="${funnel ? 30 : 80}"/>${axes}</c:barChart>`;
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${funnel ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/><c:axPos val="${funnel ? 'l' : 'b'}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>';
  // A funnel reads its values from the labels, so its value axis is hidden.
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${funnel ? 1 : 0}"/><c:axPos val="${funnel ? 'b' : 'l'}"/>${funnel ? '' : '<c:majorGridlines/>'}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>';
  const title = `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeText(block.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const legend = block.series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
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
  return `<c:numRef><c:f>${escapeText(absolute(sheet, range))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cellsOf(range).length}"/>${points}</c:numCache></c:numRef>`;
}

/** A drawing part (§20.5) anchoring each chart over its cells; chart i uses relationship `rIdN` from `relIds[i]`. */
export function drawingXml(charts: readonly ChartBlock[], relIds: readonly string[]): string {
  const anchors = charts
    .map((chart, i) => {
      const marker = (tag: string, row: number, col: number) => `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker('from', chart.row, chart.col)}${marker('to', chart.row + Math.max(1, chart.heightRows), chart.col + Math.max(1, chart.widthCols))}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(chart.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relIds[i]}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${anchors}</xdr:wsDr>`
  );
}
