/**
 * The pipeline sheet's fields (SPEC §1) and the header synonyms each one
 * answers to, in English and Chinese. Headers are compared after
 * `normalizeHeader`, so case, spaces and punctuation do not matter.
 */
export const FIELDS = [
  'id',
  'account',
  'stage',
  'status',
  'created',
  'closed',
  'amount',
  'cost',
  'currency',
  'owner',
  'channel',
  'product',
  'region',
  'lostStage',
  'contractEnd',
  'probability',
  'lostReason',
] as const;

export type Field = (typeof FIELDS)[number];

export const REQUIRED_FIELDS: readonly Field[] = ['id', 'account', 'stage', 'created', 'amount'];

export const SEGMENT_FIELDS = ['owner', 'channel', 'product', 'region'] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

export const FIELD_SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  id: ['Deal ID', 'Opportunity ID', 'ID', 'Deal', 'Opportunity', 'Deal Number', '编号', '商机编号', '商机ID', '订单编号'],
  account: ['Account', 'Customer', 'Company', 'Client', 'Account Name', 'Customer Name', '客户', '客户名称', '公司'],
  stage: ['Stage', 'Deal Stage', 'Sales Stage', 'Opportunity Stage', 'Pipeline Stage', '阶段', '销售阶段', '商机阶段'],
  status: ['Status', 'Outcome', 'Deal Status', 'Result', '状态', '结果'],
  created: ['Created', 'Created Date', 'Create Date', 'Created On', 'Engage Date', 'Open Date', 'Start Date', '创建日期', '创建时间'],
  closed: ['Close Date', 'Closed', 'Closed Date', 'Closed On', 'Won Date', '成交日期', '关闭日期', '结束日期'],
  amount: ['Amount', 'Value', 'Close Value', 'Deal Value', 'Deal Amount', 'Revenue', '金额', '销售额', '合同金额'],
  cost: ['Cost', 'Order Cost', 'Total Cost', '成本', '订单成本'],
  currency: ['Currency', '币种', '货币'],
  owner: ['Owner', 'Sales Agent', 'Sales Rep', 'Salesperson', 'Deal Owner', 'Account Manager', '负责人', '销售代表', '销售', '跟进人'],
  channel: ['Channel', 'Source', 'Lead Source', 'Origin', '渠道', '来源', '线索来源'],
  product: ['Product', 'Product Name', '产品', '产品名称'],
  region: ['Region', 'Territory', 'Area', '区域', '地区', '大区'],
  lostStage: ['Lost At Stage', 'Lost Stage', '流失阶段'],
  contractEnd: ['Contract End', 'Contract End Date', 'Renewal Date', '合同到期日', '到期日'],
  probability: ['Probability', 'Win Probability', '赢率', '成交概率'],
  lostReason: ['Lost Reason', 'Loss Reason', 'Close Reason', 'Reason Lost', 'Closed Lost Reason', '流失原因', '输单原因'],
};

/** Lower-cases and strips everything but letters and digits (any script). */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const SYNONYM_INDEX: ReadonlyMap<string, Field> = (() => {
  const index = new Map<string, Field>();
  for (const field of FIELDS) {
    index.set(normalizeHeader(field), field);
    for (const s of FIELD_SYNONYMS[field]) index.set(normalizeHeader(s), field);
  }
  index.set(normalizeHeader('deal_stage'), 'stage');
  index.set(normalizeHeader('opportunity_id'), 'id');
  return index;
})();

/** The field a header names, if any. */
export function fieldForHeader(header: string): Field | null {
  return SYNONYM_INDEX.get(normalizeHeader(header)) ?? null;
}
