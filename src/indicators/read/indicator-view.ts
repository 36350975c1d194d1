/**
 * Read-model documents as the API shows them: storage bookkeeping (`_id`, `lastPosition`,
 * `latestFigures`) left out.
 */
import type { IndicatorDocument } from '../../../projections/indicators';
import type { IndicatorHistoryEntry } from '../../../projections/indicator-history';

export type IndicatorView = Omit<IndicatorDocument, '_id' | 'lastPosition' | 'latestFigures'>;

export function toIndicatorView(document: IndicatorDocument): IndicatorView {
  const { _id, lastPosition, latestFigures, ...view } = document;
  return view;
}

export type HistoryEntryView = Omit<IndicatorHistoryEntry, '_id' | 'lastPosition'>;

export function toHistoryEntryView(entry: IndicatorHistoryEntry): HistoryEntryView {
  const { _id, lastPosition, ...view } = entry;
  return view;
}
