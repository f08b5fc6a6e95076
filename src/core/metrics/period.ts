import { type MonthIndex, monthEndSerial, monthStartSerial } from '../util/dates';

/** A half-open range of serial days, [start, end). A period is a calendar month unless a range is given (SPEC §2). */
export interface Period {
  start: number;
  end: number;
}

export function monthPeriod(month: MonthIndex): Period {
  return { start: monthStartSerial(month), end: monthEndSerial(month) };
}

/** Months `first`…`last` inclusive as one period. */
export function monthRangePeriod(first: MonthIndex, last: MonthIndex): Period {
  return { start: monthStartSerial(first), end: monthEndSerial(last) };
}

export function inPeriod(serial: number | null, p: Period): serial is number {
  return serial !== null && serial >= p.start && serial < p.end;
}
