/**
 * Every probability × impact pair, worked out by hand from SPEC §5: score =
 * P × I; Low ≤ 4, Medium 5–9, High 10–16, Critical ≥ 20. Rows are
 * probability 1…5, columns impact 1…5.
 */
export const HAND_CHECKED: readonly (readonly [number, string][])[] = [
  [
    [1, 'Low'],
    [2, 'Low'],
    [3, 'Low'],
    [4, 'Low'],
    [5, 'Medium'],
  ],
  [
    [2, 'Low'],
    [4, 'Low'],
    [6, 'Medium'],
    [8, 'Medium'],
    [10, 'High'],
  ],
  [
    [3, 'Low'],
    [6, 'Medium'],
    [9, 'Medium'],
    [12, 'High'],
    [15, 'High'],
  ],
  [
    [4, 'Low'],
    [8, 'Medium'],
    [12, 'High'],
    [16, 'High'],
    [20, 'Critical'],
  ],
  [
    [5, 'Medium'],
    [10, 'High'],
    [15, 'High'],
    [20, 'Critical'],
    [25, 'Critical'],
  ],
];
