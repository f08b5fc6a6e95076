/** Stacks blocks down a sheet: each `take(n)` returns the first row of n rows and leaves a gap after. */
export class VerticalLayout {
  private next: number;

  constructor(firstRow = 0) {
    this.next = firstRow;
  }

  take(rows: number, gapAfter = 1): number {
    const row = this.next;
    this.next += rows + gapAfter;
    return row;
  }

  get row(): number {
    return this.next;
  }
}
