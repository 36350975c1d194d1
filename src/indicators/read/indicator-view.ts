/**
 * Read-model documents as the API shows them: storage bookkeeping (`_id`, `lastPosition`, `latestFigures`)
 * left out. Generic so a shared, read-only document gives a read-only view: the nested values are
 * the document's own, not copies.
 */
import type { IndicatorDocument } from '../../../projections/indicators';
import type { IndicatorHistoryEntry } from '../../../projections/indicator-history';
import type { DeepReadonly } from '../../read-store/read-only-find';
import { sharedViews } from '../../read-store/shared-views';

export type IndicatorView = Omit<IndicatorDocument, '_id' | 'lastPosition' | 'latestFigures'>;

export function toIndicatorView<D extends DeepReadonly<IndicatorDocument>>(document: D): Omit<D, '_id' | 'lastPosition' | 'latestFigures'> {
  const { _id, lastPosition, latestFigures, ...view } = document;
  return view;
}

/** `toIndicatorView`, shared per shared document (shared-views.ts). */
export const sharedIndicatorView = sharedViews((document: DeepReadonly<IndicatorDocument>) => toIndicatorView(document));

export type HistoryEntryView = Omit<IndicatorHistoryEntry, '_id' | 'lastPosition'>;

export function toHistoryEntryView<E extends DeepReadonly<IndicatorHistoryEntry>>(entry: E): Omit<E, '_id' | 'lastPosition'> {
  const { _id, lastPosition, ...view } = entry;
  return view;
}

/** `toHistoryEntryView`, shared per shared entry (shared-views.ts). */
export const sharedHistoryEntryView = sharedViews((entry: DeepReadonly<IndicatorHistoryEntry>) => toHistoryEntryView(entry));
