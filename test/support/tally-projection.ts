/**
 * A deliberately naive test projection: one document per stream listing every position applied to
 * it, without checking `lastPosition` itself, so an event the runner applies twice or skips shows
 * up in the document.
 */
import type { AnyProjection, ProjectedDocument } from '../../projections/projection';
import { handlingOnly } from './projection-fixtures';

export interface Tally extends ProjectedDocument {
  streamId: string;
  positions: number[];
}

export function tallyProjection(version = 1): AnyProjection {
  return {
    name: 'tally',
    version,
    events: handlingOnly(['UnitRegistered', 'UnitRenamed']),
    fields: { streamId: { path: 'streamId', type: 'text' } },
    indexes: [{ name: 'stream', fields: ['streamId'], unique: true }],
    documentIds: (event) => [event.streamId],
    evolve: (current, event, id) => ({ _id: id, streamId: event.streamId, lastPosition: event.position, positions: [...((current as Tally | null)?.positions ?? []), event.position] }) as Tally,
  };
}
