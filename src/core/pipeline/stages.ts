import { memoizedByText } from '../util/memo';
import { normalizeHeader } from './fields';

/** One open stage of the sales process. */
export interface StageDefinition {
  name: string;
  /** Default win probability, 0…1. */
  probability: number;
  /** Other spellings found in data (e.g. the other language's name). */
  aliases?: string[];
}

/**
 * The ordered open stages, then the terminal Won and Lost stages (SPEC §1).
 * Saved in the workbook with the rest of the settings.
 */
export interface StageConfig {
  stages: StageDefinition[];
  won: { name: string; aliases?: string[] };
  lost: { name: string; aliases?: string[] };
}

/**
 * The default template of SPEC §1, with both languages' names accepted and
 * the common Chinese spellings of SPEC §7 (线索/潜在客户, 合格线索/有效线索,
 * 商机/需求确认, 方案/方案报价, 谈判/商务谈判, 成交/赢单, 流失/输单).
 */
export const DEFAULT_STAGES: StageConfig = {
  stages: [
    { name: 'Lead', probability: 0.1, aliases: ['潜在客户', '线索'] },
    { name: 'Qualified', probability: 0.2, aliases: ['合格线索', '有效线索'] },
    { name: 'Opportunity', probability: 0.4, aliases: ['商机', '需求确认'] },
    { name: 'Proposal', probability: 0.6, aliases: ['方案报价', '方案'] },
    { name: 'Negotiation', probability: 0.8, aliases: ['商务谈判', '谈判'] },
  ],
  won: { name: 'Won', aliases: ['成交', 'Closed Won', '赢单'] },
  lost: { name: 'Lost', aliases: ['流失', 'Closed Lost', '输单'] },
};

/** The default stages' names in zh-CN (SPEC §1), by position: open stages, then Won and Lost. */
const ZH_NAMES = ['潜在客户', '合格线索', '商机', '方案报价', '商务谈判', '成交', '流失'] as const;

/**
 * A stage configuration with the default stages named in the report's
 * language (SPEC §7: in zh-CN the default stage names are Chinese). A stage
 * is a default one when its name is one of the template's, in either
 * language; it keeps its probability and every alias, and its name in the
 * other language becomes an alias, so the data matches either way. Stages
 * the user named are left as they are.
 */
export function stagesInLanguage(config: StageConfig, locale: 'en-US' | 'zh-CN'): StageConfig {
  const english = [...DEFAULT_STAGES.stages.map((s) => s.name), DEFAULT_STAGES.won.name, DEFAULT_STAGES.lost.name];
  const rename = <T extends { name: string; aliases?: string[] }>(stage: T): T => {
    const key = normalizeHeader(stage.name);
    const at = english.findIndex((n, i) => normalizeHeader(n) === key || normalizeHeader(ZH_NAMES[i]!) === key);
    if (at < 0) return stage;
    const name = locale === 'zh-CN' ? ZH_NAMES[at]! : english[at]!;
    if (name === stage.name) return stage;
    const aliases = [stage.name, ...(stage.aliases ?? [])].filter((a, i, all) => a !== name && all.indexOf(a) === i);
    return { ...stage, name, aliases };
  };
  const next = { stages: config.stages.map(rename), won: rename(config.won), lost: rename(config.lost) };
  const same = next.stages.every((s, i) => s === config.stages[i]) && next.won === config.won && next.lost === config.lost;
  return same ? config : next;
}

/**
 * Stage names given on the command line (`--stages "A,B,C"`): the open
 * stages in order, with evenly spaced default probabilities; Won and Lost
 * keep their default names.
 */
export function stagesFromNames(names: string[]): StageConfig {
  const open = names.map((n) => n.trim()).filter((n) => n !== '');
  return {
    stages: open.map((name, i) => ({ name, probability: round2((i + 1) / (open.length + 1)) })),
    won: DEFAULT_STAGES.won,
    lost: DEFAULT_STAGES.lost,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Where a stage value of the data sits in the configuration. */
export type StageMatch = { kind: 'open'; index: number } | { kind: 'won' } | { kind: 'lost' };

/** Looks up stage values case-, space- and punctuation-insensitively. */
export function stageMatcher(config: StageConfig): (value: string) => StageMatch | null {
  const index = new Map<string, StageMatch>();
  const add = (name: string, match: StageMatch) => {
    const key = normalizeHeader(name);
    if (key !== '' && !index.has(key)) index.set(key, match);
  };
  config.stages.forEach((s, i) => {
    add(s.name, { kind: 'open', index: i });
    s.aliases?.forEach((a) => add(a, { kind: 'open', index: i }));
  });
  add(config.won.name, { kind: 'won' });
  config.won.aliases?.forEach((a) => add(a, { kind: 'won' }));
  add(config.lost.name, { kind: 'lost' });
  config.lost.aliases?.forEach((a) => add(a, { kind: 'lost' }));
  // One normalisation per distinct text: the matcher runs on every row's stage.
  return memoizedByText((value) => index.get(normalizeHeader(value)) ?? null);
}

export type DealStatus = 'open' | 'won' | 'lost';

export const STATUS_WORDS: ReadonlyMap<string, DealStatus> = new Map(
  (
    [
      ['open', 'open'],
      ['进行中', 'open'],
      ['跟进中', 'open'],
      ['won', 'won'],
      ['closedwon', 'won'],
      ['成交', 'won'],
      ['赢单', 'won'],
      ['已成交', 'won'],
      ['lost', 'lost'],
      ['closedlost', 'lost'],
      ['流失', 'lost'],
      ['输单', 'lost'],
      ['丢单', 'lost'],
    ] as const
  ).map(([k, v]) => [normalizeHeader(k), v]),
);

/** Status words of SPEC §1, case-insensitive; null when not recognised. */
export const parseStatus: (value: string) => DealStatus | null = memoizedByText((value) => STATUS_WORDS.get(normalizeHeader(value)) ?? null);

/**
 * `parseStatus` remembering each spelling it has seen: a status column
 * repeats a handful of words, and normalising each cell is the slow part
 * on 100k rows. One per column read, so the memory ends with the read.
 */
export function statusParser(): (value: string) => DealStatus | null {
  const seen = new Map<string, DealStatus | null>();
  return (value) => {
    let status = seen.get(value);
    if (status === undefined) {
      status = parseStatus(value);
      seen.set(value, status);
    }
    return status;
  };
}
