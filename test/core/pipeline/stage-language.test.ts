import { DEFAULT_STAGES, stageMatcher, stagesFromNames, stagesInLanguage } from '../../../src/core/pipeline/stages';

describe('stages in the report language (SPEC §7)', () => {
  it('names the default stages in Chinese for zh-CN and keeps the English names as aliases', () => {
    const zh = stagesInLanguage(DEFAULT_STAGES, 'zh-CN');
    expect([...zh.stages.map((s) => s.name), zh.won.name, zh.lost.name]).toEqual(['潜在客户', '合格线索', '商机', '方案报价', '商务谈判', '成交', '流失']);
    expect(zh.stages.map((s) => s.probability)).toEqual(DEFAULT_STAGES.stages.map((s) => s.probability));
    const match = stageMatcher(zh);
    expect(['Lead', 'qualified', 'Closed Won', 'Lost'].map(match)).toEqual([
      { kind: 'open', index: 0 },
      { kind: 'open', index: 1 },
      { kind: 'won' },
      { kind: 'lost' },
    ]);
    expect(stagesInLanguage(zh, 'en-US').stages.map((s) => s.name)).toEqual(['Lead', 'Qualified', 'Opportunity', 'Proposal', 'Negotiation']);
    expect(stagesInLanguage(DEFAULT_STAGES, 'en-US')).toBe(DEFAULT_STAGES);
  });

  it('leaves stages the user named as they are', () => {
    const own = stagesFromNames(['Prospecting', 'Engaging']);
    expect(stagesInLanguage(own, 'zh-CN').stages.map((s) => s.name)).toEqual(['Prospecting', 'Engaging']);
  });

  it.each([
    ['线索', 0],
    ['潜在客户', 0],
    ['合格线索', 1],
    ['有效线索', 1],
    ['商机', 2],
    ['需求确认', 2],
    ['方案', 3],
    ['方案报价', 3],
    ['谈判', 4],
    ['商务谈判', 4],
  ])('reads the common spelling %s as default stage %i', (text, index) => {
    expect(stageMatcher(DEFAULT_STAGES)(text)).toEqual({ kind: 'open', index });
  });

  it.each(['成交', '赢单'])('reads %s as Won', (text) => expect(stageMatcher(DEFAULT_STAGES)(text)).toEqual({ kind: 'won' }));
  it.each(['流失', '输单'])('reads %s as Lost', (text) => expect(stageMatcher(DEFAULT_STAGES)(text)).toEqual({ kind: 'lost' }));
});
