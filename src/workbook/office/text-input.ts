import type { CellInput } from './blocks';

/**
 * A model value as input for `Range.formulas`. Excel treats what the API
 * writes like typed input: `=…`, `+…`, `-…` and `@…` become formulas, and
 * `00012`, `1/2`, `3%` or `TRUE` become numbers, dates or booleans — which
 * ones depends on the user's locale. So **every** string is written with a
 * leading apostrophe, Excel's own "this is text" prefix: the cell shows and
 * reads back exactly the string (SPEC §3 rule 5, OWASP CSV injection:
 * `=`, `+`, `-`, `@`, tab, CR), whatever it looks like.
 *
 * Why the apostrophe and not number format `@`: it travels in the same
 * matrix as the values (no extra per-cell format operation, no second
 * matrix doubling the request), and it leaves the cell's number format as
 * the model asked, so a user who later types a number there gets a number.
 */
export function textInput(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** A plain model value (not a formula) as `formulas` input; `null` leaves the new cell empty. */
export function valueInput(value: string | number | boolean | null): CellInput {
  if (typeof value === 'string') return textInput(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
