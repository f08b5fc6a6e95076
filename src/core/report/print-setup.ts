import type { PrintSetup } from './model';

/**
 * How a report tab prints (SPEC §7 "Printable"): landscape, one page wide,
 * the title rows repeated on every page, a page break before each section
 * group, and a footer naming the month beside the page number.
 */
export function reportPrintSetup(args: { titleRows: number; sectionStarts: readonly number[]; footer: string }): PrintSetup {
  return {
    orientation: 'landscape',
    fitToWidth: true,
    titleRows: { first: 0, last: Math.max(0, args.titleRows - 1) },
    pageBreaks: [...new Set(args.sectionStarts.filter((r) => r >= args.titleRows))].sort((x, y) => x - y),
    footer: args.footer,
  };
}
