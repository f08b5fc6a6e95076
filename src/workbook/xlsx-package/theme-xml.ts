/**
 * The theme part (ECMA-376 Part 1 §20.1.6) of a workbook the tool creates
 * from scratch: Excel's Office colours and fonts. Charts carry explicit
 * colours anyway; the theme is there because hosts (LibreOffice among them)
 * resolve anything left to the theme, such as axis and gridline lines,
 * through it, and a workbook without one shows those blank. A user's
 * workbook keeps its own theme: this part is written only by
 * `XlsxPackage.create`.
 */
export const THEME_PART = 'xl/theme/theme1.xml';
export const THEME_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.theme+xml';
export const THEME_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme';

/** The twelve scheme colours, in the order the schema requires. */
const COLORS: readonly [string, string][] = [
  ['dk1', '000000'],
  ['lt1', 'FFFFFF'],
  ['dk2', '44546A'],
  ['lt2', 'E7E6E6'],
  ['accent1', '4472C4'],
  ['accent2', 'ED7D31'],
  ['accent3', 'A5A5A5'],
  ['accent4', 'FFC000'],
  ['accent5', '5B9BD5'],
  ['accent6', '70AD47'],
  ['hlink', '0563C1'],
  ['folHlink', '954F72'],
];

function colorScheme(): string {
  // dk1 and lt1 name the system colours, as Excel's own theme does; the others are plain sRGB.
  const color = ([name, hex]: [string, string]) =>
    name === 'dk1'
      ? `<a:dk1><a:sysClr val="windowText" lastClr="${hex}"/></a:dk1>`
      : name === 'lt1'
        ? `<a:lt1><a:sysClr val="window" lastClr="${hex}"/></a:lt1>`
        : `<a:${name}><a:srgbClr val="${hex}"/></a:${name}>`;
  return `<a:clrScheme name="Office">${COLORS.map(color).join('')}</a:clrScheme>`;
}

function fontScheme(): string {
  const font = (tag: string, latin: string) => `<a:${tag}><a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/></a:${tag}>`;
  return `<a:fontScheme name="Office">${font('majorFont', 'Calibri Light')}${font('minorFont', 'Calibri')}</a:fontScheme>`;
}

/** Three of each style list, the least the schema admits: plain fills and lines in the scheme colour. */
function formatScheme(): string {
  const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const line = (w: number) =>
    `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>` +
    `</a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
  const three = (x: string) => x + x + x;
  return (
    '<a:fmtScheme name="Office">' +
    `<a:fillStyleLst>${three(fill)}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    `<a:effectStyleLst>${three('<a:effectStyle><a:effectLst/></a:effectStyle>')}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${three(fill)}</a:bgFillStyleLst>` +
    '</a:fmtScheme>'
  );
}

export function themeXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">' +
    `<a:themeElements>${colorScheme()}${fontScheme()}${formatScheme()}</a:themeElements>` +
    '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
  );
}
