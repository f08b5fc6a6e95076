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
