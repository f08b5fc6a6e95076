import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { mappingProblems, stageProblems } from '../../src/taskpane/components/validate';

describe('stage editor rules', () => {
  it('accepts the default stages', () => {
    const stages = DEFAULT_STAGES.stages;
    const problems = stageProblems(
      stages,
      stages.map((s) => String(s.probability * 100)),
      ['Won', 'Lost'],
    );
    expect([...problems.names, ...problems.probabilities].every((p) => p === null)).toBe(true);
  });

  it('refuses blank and duplicate names (ignoring case and spaces, Won and Lost included) and probabilities outside 0–100', () => {
    const stages = [
      { name: ' ', probability: 0.1 },
      { name: 'Lead', probability: 0.2 },
      { name: 'lead ', probability: 0.3 },
      { name: 'won', probability: 0.4 },
    ];
    const problems = stageProblems(stages, ['10', '150', 'abc', ''], ['Won', 'Lost']);
    expect(problems.names.map((p) => p?.key ?? null)).toEqual(['pane.stages.error.blank', null, 'pane.stages.error.duplicate', 'pane.stages.error.duplicate']);
    expect(problems.probabilities.map((p) => p?.key ?? null)).toEqual([
      null,
      'pane.stages.error.probability',
      'pane.stages.error.probability',
      'pane.stages.error.probability',
    ]);
    expect(stageProblems([], [], ['Won', 'Lost']).none).toBe(true);
  });
});

describe('mapping rules against the preview', () => {
  const headers = ['ID', 'Name', 'Created', 'Amount'];
  const preview = [
    ['D1', 'Acme', 46030, '¥1,200'],
    ['D2', 'Beta', '2026-01-05', 300],
  ];
  const label = (f: string) => f;

  it('accepts a mapping whose columns hold what the fields need', () => {
    expect(mappingProblems({ id: 'ID', account: 'Name', created: 'Created', amount: 'Amount' }, headers, preview, label)).toEqual({});
  });

  it('refuses a header mapped twice, a date field on text and a number field on names', () => {
    const problems = mappingProblems({ id: 'ID', account: 'ID', created: 'Name', amount: 'Name' }, headers, preview, label);
    expect(problems.account).toEqual({ key: 'pane.mapping.error.twice', params: { header: 'ID', field: 'id' } });
    expect(problems.created).toEqual({ key: 'pane.mapping.error.date', params: { header: 'Name', value: 'Acme' } });
    expect(problems.amount).toEqual({ key: 'pane.mapping.error.twice', params: { header: 'Name', field: 'created' } });
  });
});
