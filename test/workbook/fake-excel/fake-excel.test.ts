import { createFakeExcel, shiftRows } from '.';

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
    const fake = createFakeExcel([
      { name: 'S', values: [['h'], [1]] },
      { name: 'T', values: [['h'], [1]] },
    ]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').tables.add('A1:A2', true).name = 'Same';
      await context.sync();
      context.workbook.worksheets.getItem('T').tables.add('A1:A2', true).name = 'Same';
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });
});

describe('the fake follows Excel when a sheet is renamed or deleted', () => {
  const seed = [
    { name: 'Funnel Data', values: [['Amount'], [5]] },
    { name: 'Report', values: [] },
  ];

  async function withFormulas(): Promise<ReturnType<typeof createFakeExcel>> {
    const fake = createFakeExcel(seed);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Report').getRange('A1:C1').formulas = [
        ["=SUM('Funnel Data'!$A:$A)", '=HYPERLINK("#\'Funnel Data\'!A1","go")', "=COUNTA('funnel data'!A:A)+'Funnel Data'!A2"],
      ];
      await context.sync();
    });
    return fake;
  }

  it('rewrites references to a renamed sheet, leaving text in string literals alone', async () => {
    const fake = await withFormulas();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Funnel Data').name = 'Old_Data';
      await context.sync();
    });
    const cells = fake.snapshot()[1]!.cells;
    expect(cells.A1!.formula).toBe('SUM(Old_Data!$A:$A)');
    expect(cells.B1!.formula).toBe('HYPERLINK("#\'Funnel Data\'!A1","go")');
    expect(cells.C1!.formula).toBe('COUNTA(Old_Data!A:A)+Old_Data!A2');
  });

  it('turns references to a deleted sheet into #REF!, even after a rename (a swapped tab breaks them)', async () => {
    const fake = await withFormulas();
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('Funnel Data').name = '~backup';
      sheets.add('Funnel Data');
      sheets.getItem('~backup').delete();
      await context.sync();
    });
    const cells = fake.snapshot().find((s) => s.name === 'Report')!.cells;
    expect(cells.A1!.formula).toBe('SUM(#REF!$A:$A)');
    expect(cells.C1!.formula).toBe('COUNTA(#REF!A:A)+#REF!A2');
  });

  it('copies contents between ranges, clears them, and resizes a table keeping its header row', async () => {
    const fake = createFakeExcel([
      {
        name: 'S',
        values: [
          ['H1', 'H2'],
          [1, 'a'],
          [2, 'b'],
        ],
      },
      { name: 'T', values: [] },
    ]);
    await fake.run(async (context) => {
      const s = context.workbook.worksheets.getItem('S');
      const table = s.tables.add('A1:B3', true);
      table.name = 'Data';
      context.workbook.worksheets.getItem('T').getRange('A1:B3').copyFrom(s.getRange('A1:B3'), 'Formulas');
      s.getRange('A3:B3').clear('All');
      s.tables.getItem('data').resize('A1:C2');
      await context.sync();
      const range = s.tables.getItem('Data').getRange().load('address');
      await context.sync();
      expect(range.address).toBe('S!A1:C2');
    });
    const [s, t] = fake.snapshot();
    expect(t!.cells).toEqual({ A1: { value: 'H1' }, B1: { value: 'H2' }, A2: { value: 1 }, B2: { value: 'a' }, A3: { value: 2 }, B3: { value: 'b' } });
    expect(t!.tables).toEqual([]);
    expect(s!.tables).toEqual([{ name: 'Data', range: 'A1:C2', style: 'TableStyleMedium2' }]);
    expect(s!.cells.C1).toEqual({ value: 'Column3' });
    expect(s!.cells.A3).toBeUndefined();
  });

  describe('calculated columns (AutoCorrect "Fill formulas in tables to create calculated columns", on by default)', () => {
    async function tableOf(rows: (string | number | null)[][]): Promise<ReturnType<typeof createFakeExcel>> {
      const fake = createFakeExcel([{ name: 'S', values: [['Step', 'Reached'], ...rows] }]);
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').tables.add('A1:B4', true);
        await context.sync();
      });
      return fake;
    }
    const column = (fake: ReturnType<typeof createFakeExcel>): (string | undefined)[] => ['B2', 'B3', 'B4'].map((a) => fake.snapshot()[0]!.cells[a]?.formula);

    it('a formula written into one cell of an empty table column fills the whole column, relative rows adjusted', async () => {
      const fake = await tableOf([
        ['a', null],
        ['b', null],
        ['c', null],
      ]);
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('B2').formulas = [['=A2&$A$1']];
        await context.sync();
      });
      expect(column(fake)).toEqual(['A2&$A$1', 'A3&$A$1', 'A4&$A$1']);
    });

    it('a formula written into a calculated column replaces every row (office-js#2093): row-by-row writes end with the last row everywhere', async () => {
      const fake = await tableOf([
        ['a', null],
        ['b', null],
        ['c', null],
      ]);
      await fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        ['=COUNTIF(X:X,">="&1)', '=COUNTIF(X:X,">="&2)', '=COUNTIF(X:X,">="&3)'].forEach((f, i) => (sheet.getRange(`B${i + 2}`).formulas = [[f]]));
        await context.sync();
      });
      expect(column(fake)).toEqual(Array(3).fill('COUNTIF(X:X,">="&3)'));
    });

    it('differing formulas written over the whole column at once still make it calculated, with the bottom-most one (office-js#5909, #6745)', async () => {
      const fake = await tableOf([
        ['a', null],
        ['b', null],
        ['c', null],
      ]);
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('B2:B4').formulas = [['=1+1'], ['=1+2'], ['=1+3']];
        await context.sync();
      });
      expect(column(fake)).toEqual(['1+3', '1+3', '1+3']);
    });

    it('a formula typed into a column that already holds data stays in its cell; a table made over formulas keeps each one', async () => {
      const fake = await tableOf([
        ['a', 1],
        ['b', null],
        ['c', null],
      ]);
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('B3').formulas = [['=1+2']];
        await context.sync();
      });
      expect(column(fake)).toEqual([undefined, '1+2', undefined]);
      const other = createFakeExcel([{ name: 'S', values: [] }]);
      await other.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        sheet.getRange('A1:B4').formulas = [
          ['Step', 'Reached'],
          ['a', '=1+1'],
          ['b', '=1+2'],
          ['c', '=1+3'],
        ];
        sheet.tables.add('A1:B4', true);
        await context.sync();
      });
      expect(column(other)).toEqual(['1+1', '1+2', '1+3']);
    });

    it('fills as Excel does: relative rows move; $rows, whole columns, text and quoted sheet names do not', () => {
      expect(shiftRows(`COUNTIFS('Q1 data'!$H:$H,">="&B5,B$5,"A1")+LOG10(A2)`, 2)).toBe(`COUNTIFS('Q1 data'!$H:$H,">="&B7,B$5,"A1")+LOG10(A4)`);
    });
  });

  describe('cell-edit mode (Excel.RunOptions.delayForCellEdit)', () => {
    it(
      'fails a request with InvalidOperationInCellEditMode while the user edits a cell, unless the ' +
        'run asked to be delayed; a delayed one goes ahead when the edit ends',
      async () => {
        const fake = createFakeExcel([{ name: 'S', values: [[1]] }]);
        fake.beginCellEdit();
        await expect(fake.run((context) => context.sync())).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
        let done = false;
        const delayed = fake.excelRun({ delayForCellEdit: true }, async (context) => {
          context.workbook.worksheets.getItem('S').getRange('A1').values = [[2]];
          await context.sync();
          done = true;
        });
        for (let i = 0; i < 10; i++) await Promise.resolve();
        expect(done).toBe(false);
        fake.endCellEdit();
        await delayed;
        expect(fake.snapshot()[0]!.cells.A1).toEqual({ value: 2 });
        expect(fake.runOptions).toEqual([{}, { delayForCellEdit: true }]);
      },
    );
  });

  describe('protection', () => {
    it(
      'refuses with AccessDenied to add, rename or delete a sheet in a workbook with a protected ' +
        'structure, and to write into a protected sheet; reports both states',
      async () => {
        const fake = createFakeExcel([
          { name: 'S', values: [[1]] },
          { name: 'T', values: [[1]] },
        ]);
        fake.protectStructure();
        fake.protectSheet('T');
        for (const change of [
          (c: Excel.RequestContext) => void c.workbook.worksheets.add('New'),
          (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem('S').name = 'Renamed'),
          (c: Excel.RequestContext) => c.workbook.worksheets.getItem('S').delete(),
          (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem('T').getRange('A1').values = [[2]]),
        ])
          await expect(fake.run((context) => (change(context), context.sync()))).rejects.toMatchObject({ code: 'AccessDenied' });
        await fake.run(async (context) => {
          const workbook = context.workbook.protection.load('protected');
          const [s, t] = ['S', 'T'].map((n) => context.workbook.worksheets.getItem(n).protection.load('protected'));
          await context.sync();
          expect([workbook.protected, s!.protected, t!.protected]).toEqual([true, false, true]);
        });
        expect(fake.snapshot().map((s) => s.name)).toEqual(['S', 'T']);
      },
    );
  });

  describe('the 5 MB payload limit of Excel on the web', () => {
    it('refuses a response above 5 MB with ResponsePayloadSizeLimitExceeded', async () => {
      const fake = createFakeExcel([{ name: 'S', values: Array.from({ length: 60 }, () => ['x'.repeat(100_000)]) }]);
      const error = await fake
        .run(async (context) => {
          context.workbook.worksheets.getItem('S').getRange('A1:A60').load('values');
          await context.sync();
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    });
  });

  describe('chartex charts on a host that refuses their series (office-js-docs#910)', () => {
    it('refuses title and series calls on a funnel chart with UnsupportedOperation, not on a bar chart', async () => {
      const fake = createFakeExcel([{ name: 'S', values: [[1], [2]] }], { chartexSeriesUnsupported: true });
      const attempt = (type: string): Promise<unknown> =>
        fake.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem('S');
          const chart = sheet.charts.add(type as Excel.ChartType, sheet.getRange('A1:A2'), 'Columns');
          chart.title.text = 'T';
          chart.series.getItemAt(0).name = 'n';
          await context.sync();
        });
      await expect(attempt('Funnel')).rejects.toMatchObject({ code: 'UnsupportedOperation' });
      await expect(attempt('BarClustered')).resolves.toBeUndefined();
    });
  });
});
