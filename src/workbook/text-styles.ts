import type { TextStyle } from '../core/report/model';

/** How each text style of the report model looks; shared by both adapters. */
export interface TextLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** RGB hex without '#'. */
  color?: string;
  fill?: string;
}

export const TEXT_LOOKS: Readonly<Record<TextStyle, TextLook>> = {
  title: { bold: true, size: 16, color: '1F3864' },
  heading: { bold: true, size: 12, color: '1F3864' },
  label: { bold: true },
  note: { italic: true },
  muted: { italic: true, color: '595959' },
  good: { color: '006100', fill: 'C6EFCE' },
  bad: { color: '9C0006', fill: 'FFC7CE' },
  // Excel's "Neutral" cell style, and a strong red for the top risk level (risk register).
  warning: { color: '9C5700', fill: 'FFEB9C' },
  critical: { bold: true, color: 'FFFFFF', fill: 'C00000' },
};

/** Data bar and colour scale colours. */
export const DATA_BAR_COLOR = '5B9BD5';
export const COLOR_SCALE = { low: 'F8696B', mid: 'FFEB84', high: '63BE7B' } as const;

/** The colours of a colour-scale rule from its lowest value to its highest: red → green, or green → red when high is bad. */
export function colorScaleColors(cf: { highIs?: 'good' | 'bad' }): { low: string; mid: string; high: string } {
  return cf.highIs === 'bad' ? { low: COLOR_SCALE.high, mid: COLOR_SCALE.mid, high: COLOR_SCALE.low } : COLOR_SCALE;
}
