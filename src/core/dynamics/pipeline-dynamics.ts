import type { MonthlyForecast } from '../forecast/monthly-forecast';
import { learnStageProbabilities, learnStageProbabilitiesAt } from '../forecast/weighted-pipeline';
import { medianWonCycleOf } from './won-cycle';
import { dealTableOf } from '../metrics/deal-table';
import { monthPeriod } from '../metrics/period';
import type { Pipeline } from '../pipeline/read-pipeline';
import type { StageConfig } from '../pipeline/stages';
import type { MonthlyTarget } from '../settings';
import { ownerTargetsByMonth, teamTargetsByMonth } from '../targets';
import { type MonthIndex, monthEndSerial } from '../util/dates';
import { type Coverage, coverage } from './coverage';
import { type DealForecast, dealForecast } from './deal-forecast';
import { dynamicsIndex } from './deal-index';
import { type Movement, movementFromDates, movementFromSnapshot } from './movement';
import { type OwnerLine, ownerLeaderboard } from './owner-leaderboard';
import { snapshotForMonth, snapshotOf, type SnapshotRow } from './snapshot';
import { seedTrackForecasts, type StoredTrackForecast } from './stored-forecasts';
import { type StuckDeals, stuckDeals } from './stuck-deals';
import { timeInStage, type TimeInStage } from './time-in-stage';
import { TRACK_RECORD_MONTHS, type TrackForecasts, trackForecastKey, type TrackRecord, trackRecord } from './track-record';
import { winLoss, type WinLoss } from './win-loss';

/** Every figure of SPEC §8 for one report month. */
export interface PipelineDynamics {
  month: MonthIndex;
  /**
   * Median days created → closed of the won deals closed by the month's end: the expected close of a deal without a close date, and the stuck rule without
   * stage dates.
   */
  medianCycleDays: number | null;
  timeInStage: TimeInStage;
  stuck: StuckDeals;
  /** This month's snapshot rows, to store. */
  snapshot: SnapshotRow[];
  movement: Movement;
  coverage: Coverage;
  trackRecord: TrackRecord;
  winLoss: WinLoss;
  owners: OwnerLine[];
  /** The forecast columns beside each deal in `Funnel Data`. */
  deals: DealForecast;
}

export interface DynamicsInputs {
  pipeline: Pipeline;
  stages: StageConfig;
  month: MonthIndex;
  targets: readonly MonthlyTarget[];
  /** The snapshot rows stored by earlier runs (any month; this month's are replaced). */
  snapshots: readonly SnapshotRow[];
  /** The month's forecast: its revenue history and stage probabilities are reused. */
  forecast: MonthlyForecast;
  /**
   * The track record's forecasts made so far in this run (one map per run
   * and pipeline), so a run of many months fits each history once; the
   * month's own forecast goes in as the one for the month after.
   */
  trackForecasts?: TrackForecasts;
  /** The track record's forecasts stored by earlier runs: those that still hold for this history are used instead of refitting. */
  storedForecasts?: readonly StoredTrackForecast[];
  unknownLostRows?: ReadonlySet<number>;
}

/** Computes time in stage, overdue and stuck deals, the snapshot, movement, coverage, track record, win/loss and the owners (SPEC §8). */
export function pipelineDynamics(inputs: DynamicsInputs): PipelineDynamics {
  const { pipeline, stages, month, targets, snapshots, forecast } = inputs;
  const deals = pipeline.deals;
  const period = monthPeriod(month);
  const medianCycleDays = medianWonCycleOf(deals, period.end);
  const time = timeInStage(deals, stages, period);
  // The open deals with their expected close dates and the deals closed since the month began, found once for every figure.
  const index = dynamicsIndex(deals, month, medianCycleDays);
  const previous = snapshotForMonth(snapshots, month - 1);
  const snapshot = snapshotOf(deals, stages, month, medianCycleDays, index);
  // The track record weighs each stored month's snapshot by the probabilities learned at that month's end: all learned in one pass.
  const stored = new Set<MonthIndex>();
  for (const r of snapshots) if (r.month !== month && r.month >= month - TRACK_RECORD_MONTHS && r.month < month) stored.add(r.month);
  const snapshotMonths = [...stored];
  const learned = new Map(
    learnStageProbabilitiesAt(deals, stages, snapshotMonths.map(monthEndSerial), inputs.unknownLostRows).map((p, k) => [snapshotMonths[k]!, p]),
  );
  const probabilitiesAt = (m: MonthIndex) =>
    m === month ? forecast.weighted.stageProbabilities : (learned.get(m) ?? learnStageProbabilities(deals, stages, monthEndSerial(m), inputs.unknownLostRows));
  const stuck = stuckDeals(deals, stages, period, time, medianCycleDays, index);
  const forecasts = inputs.trackForecasts ?? new Map<string, number | null>();
  // The month's forecast is the default method's unless a method was asked for (then it is not the track record's).
  const ownKey = trackForecastKey(forecast.firstMonth, forecast.history.length, forecast.series.horizon);
  if (forecast.series.chosenBy !== 'option' && !forecasts.has(ownKey)) forecasts.set(ownKey, forecast.series.points[0]?.forecast ?? null);
  if (inputs.storedForecasts) seedTrackForecasts(forecasts, inputs.storedForecasts, forecast.history, forecast.firstMonth);
  return {
    month,
    medianCycleDays,
    timeInStage: time,
    stuck,
    snapshot,
    movement: previous.length > 0 ? movementFromSnapshot(deals, month, previous, snapshot, index.closedSince) : movementFromDates(deals, month),
    coverage: coverage(deals, dealTableOf(deals), month, forecast.weighted.stageProbabilities, medianCycleDays, teamTargetsByMonth(targets), index),
    trackRecord: trackRecord({
      month,
      history: forecast.history,
      firstMonth: forecast.firstMonth,
      horizon: forecast.series.horizon,
      forecasts,
      stages,
      snapshots,
      probabilitiesAt,
    }),
    winLoss: winLoss(deals, stages, period, pipeline.header.mapping.lostReason !== undefined, index.closedSince),
    owners: ownerLeaderboard(deals, month, ownerTargetsByMonth(targets), medianCycleDays, index),
    deals: dealForecast(deals, forecast.weighted.stageProbabilities, index, stuck, time),
  };
}

export type { Coverage, Movement, OwnerLine, StuckDeals, TimeInStage, TrackRecord, WinLoss };

/**
 * The per-deal forecast columns alone, for a use case that writes `Funnel
 * Data` without a report (the plan): the same values a report of `month`
 * writes, without fitting a forecast (the stage probabilities are learned
 * the same way).
 */
export function dealForecastAsOf(pipeline: Pipeline, stages: StageConfig, month: MonthIndex, unknownLostRows?: ReadonlySet<number>): DealForecast {
  const deals = pipeline.deals;
  const period = monthPeriod(month);
  const medianCycleDays = medianWonCycleOf(deals, period.end);
  const time = timeInStage(deals, stages, period);
  const index = dynamicsIndex(deals, month, medianCycleDays);
  const stuck = stuckDeals(deals, stages, period, time, medianCycleDays, index);
  return dealForecast(deals, learnStageProbabilities(deals, stages, period.end, unknownLostRows), index, stuck, time);
}
