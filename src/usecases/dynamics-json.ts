import type { Movement, OwnerLine, PipelineDynamics } from '../core/dynamics/pipeline-dynamics';
import type { CoveragePeriod } from '../core/dynamics/coverage';
import type { Translate } from '../core/i18n';
import { monthKey } from '../core/util/dates';

/** The SPEC §8 fields of the JSON (issue #17); ratios with a zero denominator are null. */
export interface DynamicsJson {
  timeInStage: { stage: string; medianDays: number | null; p75Days: number | null; deals: number }[];
  overdue: { deals: number; amount: number };
  /** Open deals stuck in their stage (SPEC §8), overdue or not: all of them, where `stuckDeals` lists the top 50. */
  stuck: { deals: number; amount: number };
  stuckDeals: { id: string | null; owner: string | null; stage: string; days: number | null; amount: number; reason: 'overdue' | 'stuck' }[];
  /** The keys of issue #17, as core computes them. */
  movement: Movement;
  coverage: { nextMonth: CoverageJson; nextQuarter: CoverageJson };
  trackRecord: {
    months: { month: string; forecast: number | null; weighted: number | null; actual: number; forecastApe: number | null; weightedApe: number | null }[];
    forecastMape: number | null;
    weightedMape: number | null;
  };
  winLoss: { reasons: { reason: string; won: number; lost: number; lostAmount: number }[]; lostByStage: { stage: string; lost: number; amount: number }[] };
  owners: OwnerLine[];
}

interface CoverageJson {
  open: number;
  weighted: number;
  remainingTarget: number | null;
  coverage: number | null;
  weightedCoverage: number | null;
}

function coverageJson(c: CoveragePeriod): CoverageJson {
  return { open: c.open, weighted: c.weighted, remainingTarget: c.remainingTarget, coverage: c.coverage, weightedCoverage: c.weightedCoverage };
}

/** The JSON of the month's pipeline dynamics; reason labels for blanks and the rest in the user's language, as the report shows them. */
export function dynamicsJson(d: PipelineDynamics, tr: Translate): DynamicsJson {
  const { movement: m } = d;
  return {
    timeInStage: d.timeInStage.stages.map((s) => ({ stage: s.stage, medianDays: s.medianDays, p75Days: s.p75Days, deals: s.deals })),
    overdue: { ...d.stuck.overdue },
    stuck: { ...d.stuck.stuck },
    stuckDeals: d.stuck.list.map((s) => ({ id: s.id, owner: s.owner, stage: s.stage, days: s.days, amount: s.amount, reason: s.reason })),
    movement: {
      basis: m.basis,
      start: m.start,
      new: m.new,
      increased: m.increased,
      decreased: m.decreased,
      won: m.won,
      lost: m.lost,
      removed: m.removed,
      end: m.end,
      slipped: m.slipped && { ...m.slipped },
    },
    coverage: { nextMonth: coverageJson(d.coverage.nextMonth), nextQuarter: coverageJson(d.coverage.nextQuarter) },
    trackRecord: {
      months: d.trackRecord.months.map((x) => ({
        month: monthKey(x.month),
        forecast: x.forecast,
        weighted: x.weighted,
        actual: x.actual,
        forecastApe: x.forecastApe,
        weightedApe: x.weightedApe,
      })),
      forecastMape: d.trackRecord.forecastMape,
      weightedMape: d.trackRecord.weightedMape,
    },
    winLoss: {
      reasons: d.winLoss.reasons.map((r) => ({
        reason: r.other ? tr('dynamics.otherReasons') : (r.reason ?? tr('dynamics.blank')),
        won: r.won,
        lost: r.lost,
        lostAmount: r.lostAmount,
      })),
      lostByStage: d.winLoss.lostByStage.map((s) => ({ ...s })),
    },
    owners: d.owners.map((o) => ({ ...o })),
  };
}
