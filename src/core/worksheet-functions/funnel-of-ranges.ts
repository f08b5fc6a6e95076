import { normalizeHeader } from '../pipeline/fields';
import { cellText } from '../pipeline/parse-value';
import { DEFAULT_STAGES, type StageConfig, stageMatcher, stagesFromNames } from '../pipeline/stages';
import { type FunnelStep, funnelSteps, stageNames } from '../metrics/funnel';

/**
 * The funnel of a column of stage values, as a worksheet function sees it:
 * one cell per deal holding the deal's stage (an open stage, Won or Lost),
 * without the rest of the pipeline sheet.
 */

export type StageOrder = { ok: true; stages: StageConfig } | { ok: false; problem: 'noStages' } | { ok: false; problem: 'duplicate'; name: string };

/**
 * A stage configuration from a list of stage names typed in a sheet: the
 * open stages in the order given. Blank cells are skipped. A name that is
 * the Won or Lost stage ("Won", "Closed Won", 成交, "Lost", 流失 …) is the
 * terminal stage, not an open one, so a list ending in Won and Lost means
 * what it says. A name of the default template keeps the template's other
 * spellings (商机 still finds "Opportunity"), unless another name of the
 * list is spelled that way. Names compare like headers: case, spaces and
 * punctuation do not matter, and two names that compare equal are refused.
 */
export function stageOrderOfNames(names: readonly unknown[]): StageOrder {
  const defaults = stageMatcher(DEFAULT_STAGES);
  const open: string[] = [];
  const seen = new Set<string>();
  for (const cell of names) {
    const name = typeof cell === 'string' || typeof cell === 'number' ? cellText(cell) : null;
    if (name === null) continue;
    const kind = defaults(name)?.kind;
    if (kind === 'won' || kind === 'lost') continue;
    const key = normalizeHeader(name);
    if (seen.has(key)) return { ok: false, problem: 'duplicate', name };
    seen.add(key);
    open.push(name);
  }
  if (open.length === 0) return { ok: false, problem: 'noStages' };
  const config = stagesFromNames(open);
  config.stages = config.stages.map((stage) => {
    const match = defaults(stage.name);
    if (match?.kind !== 'open') return stage;
    const template = DEFAULT_STAGES.stages[match.index]!;
    const aliases = [template.name, ...(template.aliases ?? [])].filter((a) => !seen.has(normalizeHeader(a)));
    return { ...stage, probability: template.probability, aliases };
  });
  return { ok: true, stages: config };
}

export interface ReachedCounts {
  /** Funnel steps: the open stages, then Won, with reached(k) and the conversions of `funnelSteps`. */
  steps: FunnelStep[];
  /** Cells naming a stage of the configuration (the deals counted). */
  deals: number;
  /** Non-blank cells naming no stage: left out, as the reader leaves a deal with an unknown stage out of the funnel. */
  unknown: number;
}

/**
 * reached(k) over a column of stage values (SPEC §1 "Furthest stage
 * reached" with the last-reached-stage rule): an open deal reached its
 * stage and every stage before it; a Won deal reached every open stage and
 * Won; a Lost deal, whose column says only "Lost", is counted at stage 1
 * only, as the reader counts a lost deal with neither a lost-at stage nor
 * an open stage. Blank cells are not deals. Each distinct spelling is
 * matched once, so a 100k-row column costs one map lookup per cell.
 */
export function reachedOfStageColumn(values: readonly unknown[], stages: StageConfig): ReachedCounts {
  const match = stageMatcher(stages);
  const n = stages.stages.length;
  const furthestOf = new Map<string, number>(); // -1: names no stage
  const atStep = new Array<number>(n + 1).fill(0);
  let deals = 0;
  let unknown = 0;
  for (const cell of values) {
    const raw = typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : null;
    if (raw === null) {
      if (typeof cell === 'boolean') unknown++;
      continue;
    }
    let furthest = furthestOf.get(raw);
    if (furthest === undefined) {
      const text = cellText(raw);
      const m = text === null ? null : match(text);
      furthest = text === null ? -2 : m === null ? -1 : m.kind === 'open' ? m.index : m.kind === 'won' ? n : 0;
      furthestOf.set(raw, furthest);
    }
    if (furthest >= 0) {
      atStep[furthest]!++;
      deals++;
    } else if (furthest === -1) unknown++;
  }
  const reached = new Array<number>(n + 1).fill(0);
  let running = 0;
  for (let k = n; k >= 0; k--) {
    running += atStep[k]!;
    reached[k] = running;
  }
  return { steps: funnelSteps(reached, stageNames(stages)), deals, unknown };
}

/**
 * The funnel step a worksheet argument names: an open stage or Won by name
 * (any spelling the configuration accepts), or a step number 1…n+1 (Won is
 * n+1). Null for anything else, Lost included (Lost is not a step).
 */
export function funnelStepOf(value: unknown, stages: StageConfig): number | null {
  const n = stages.stages.length;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= n + 1 ? value - 1 : null;
  if (typeof value !== 'string') return null;
  const text = cellText(value);
  const m = text === null ? null : stageMatcher(stages)(text);
  return m === null || m.kind === 'lost' ? null : m.kind === 'open' ? m.index : n;
}
