/**
 * Whether the host draws funnel charts. Probed with the requirement set
 * that brought the newer chart types (checked the way Script Lab does);
 * false outside Office.
 */
export function hostHasFunnelCharts(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', '1.12');
  } catch {
    // Office not initialised (tests, plain browser): no funnel charts.
    return false;
  }
}

/**
 * Whether the host can rewrite the data sheet in place: `Table.resize`
 * (ExcelApi 1.13), which implies `Range.copyFrom` (1.9) for the restorable
 * copy. Hosts without it get the data sheet swapped like a report tab.
 */
export function hostRewritesInPlace(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported('ExcelApi', '1.13');
  } catch {
    return false;
  }
}
