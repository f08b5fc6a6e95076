import { createOrUpdateRiskRegister } from '../../../src/usecases/risks';
import { createOfficePort } from '../../../src/workbook/office/office-port';
import { createFakeExcel } from '../fake-excel';

// SPEC §6 "Excel's limits hold on write": the core pass runs before the Office adapter writes too.
describe('Excel’s limits through the Office adapter', () => {
  it('cuts an imported risk description over 32,767 characters before writing it', async () => {
    const fake = createFakeExcel([{ name: 'Sheet1', values: [] }]);
    const port = createOfficePort(fake.run, { delay: () => Promise.resolve(), funnelCharts: true, inPlaceData: true });
    const long = `Supplier ${'x'.repeat(40_000)}`;
    const result = await createOrUpdateRiskRegister(port, {
      importRows: [
        ['Title', 'Description'],
        ['Key supplier fails', long],
      ],
    });
    expect(result.ok).toBe(true);
    const texts = fake
      .snapshot()
      .flatMap((s) => Object.values(s.cells))
      .map((c) => c.value)
      .filter((v): v is string => typeof v === 'string');
    expect(texts).toContain(long.slice(0, 32_767));
    expect(Math.max(...texts.map((v) => v.length))).toBeLessThanOrEqual(32_767);
  });
});
