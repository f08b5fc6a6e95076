import { createFakeExcel } from '.';

/** The fake must behave like Excel where the adapter relies on it, or the contract tests prove nothing. */
describe('the recording fake of Excel', () => {
  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [[1]] }]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  it('applies queued writes only at sync, and counts every sync with its request size', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [] }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [['a', 2]];
      expect(fake.snapshot()[0]!.cells).toEqual({});
      await context.sync();
    });
    expect(fake.snapshot()[0]!.cells).toEqual({ A1: { value: 'a' }, B1: { value: 2 } });
    expect(fake.syncs).toHaveLength(1);
    expect(fake.syncs[0]!.requestBytes).toBeGreaterThan(JSON.stringify([['a', 2]]).length);
  });

  it('turns typed text into formulas and numbers as Excel does, unless it has an apostrophe', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [] }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:G1').values = [['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', "'=1", '00012']];
      await context.sync();
    });
    const cells = fake.snapshot()[0]!.cells;
    expect(cells.A1).toEqual({ value: null, formula: '1+1' });
    expect(cells.B1).toEqual({ value: 1 });
    expect(cells.C1).toEqual({ value: -2 });
    expect(cells.D1).toEqual({ value: null, formula: 'SUM(A1)' });
    expect(cells.E1).toEqual({ value: '\t=1' });
    expect(cells.F1).toEqual({ value: '=1' });
    expect(cells.G1).toEqual({ value: 12 });
  });

  it('rejects a request above 5 MB before applying any of it', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [] }]);
    const error = await fake
      .run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        sheet.getRange('A1').values = [['small']];
        sheet.getRange('A2').values = [['x'.repeat(5 * 1024 * 1024)]];
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded', debugInfo: { code: 'RequestPayloadSizeLimitExceeded' } });
    expect(fake.snapshot()[0]!.cells).toEqual({});
  });

  it('fails at the n-th write with the writes before it applied, as a batch does in Excel', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [] }]);
    fake.failAt({ write: 2, code: 'AccessDenied' });
    const error = await fake
      .run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        sheet.getRange('A1').values = [[1]];
        sheet.getRange('A2').values = [[2]];
        sheet.getRange('A3').values = [[3]];
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AccessDenied' });
    expect(fake.snapshot()[0]!.cells).toEqual({ A1: { value: 1 } });
  });

  it('reports an unknown sheet as ItemNotFound at sync, and a missing one as a null object', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [] }]);
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      missing.load('isNullObject');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      context.workbook.worksheets.getItem('Nope').load('name');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('refuses duplicate table names across the workbook and overlapping tables', async () => {
    const fake = createFakeExcel([{ name: 'S', values: [['h'], [1]] }, { name: 'T', values: [['h'], [1]] }]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').tables.add('A1:A2', true).name = 'Same';
      await context.sync();
      context.workbook.worksheets.getItem('T').tables.add('A1:A2', true).name = 'Same';
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });
});
