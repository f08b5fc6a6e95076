/**
 * Functions added to Excel after 2007 are stored in the file with an
 * `_xlfn.` prefix; without it Excel and LibreOffice show `#NAME?`. The
 * report model writes plain names; this adds the prefix on the way out.
 */
const FUTURE_FUNCTIONS = [
  'AGGREGATE',
  'CONCAT',
  'FORECAST.ETS',
  'FORECAST.ETS.CONFINT',
  'FORECAST.ETS.SEASONALITY',
  'FORECAST.LINEAR',
  'IFNA',
  'IFS',
  'MAXIFS',
  'MINIFS',
  'PERCENTILE.INC',
  'STDEV.S',
  'SWITCH',
  'TEXTJOIN',
  'XLOOKUP',
];

const PATTERN = new RegExp(`(?<![A-Za-z0-9_.])(${FUTURE_FUNCTIONS.map((f) => f.replace(/\./g, '\\.')).join('|')})\\(`, 'g');

export function withFutureFunctionPrefix(formula: string): string {
  return mapOutsideStrings(formula, (part) => part.replace(PATTERN, '_xlfn.$1('));
}

/** The reverse, for reading formulas back. */
export function withoutFutureFunctionPrefix(formula: string): string {
  return formula.replace(/_xlfn\./g, '');
}

/** Applies `f` to the parts of a formula outside string literals. */
function mapOutsideStrings(formula: string, f: (part: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : f(part)))
    .join('');
}
