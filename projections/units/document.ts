/**
 * The `units` read model: one document per unit, with its rename history and the indicators it is
 * responsible for now, for `GET /units` and "what does this unit answer for" queries.
 *
 * Optional fields are stored as null, never left out, so a document reads the same from MongoDB
 * and from SQLite, and a field the API shows is never missing from an answer.
 */
import type { ProjectedDocument } from '../projection';

export interface UnitNameSpan {
  name: string;
  /** When the unit took this name: the recordedAt of its registration or rename. */
  from: string;
}

export interface UnitDocument extends ProjectedDocument {
  unitId: string;
  /** Null while the unit is known only because an indicator names it (a placeholder). */
  name: string | null;
  shortName: string | null;
  /** Null on a placeholder: whether the resolution names the unit is said by its registration. */
  namedInResolution: boolean | null;
  active: boolean;
  deactivatedReason: string | null;
  deactivationDecisionRef: string | null;
  deactivatedAt: string | null;
  /** Every name the unit has had, oldest first; the last one is the current name. */
  names: UnitNameSpan[];
  /** Ids of the indicators the unit is responsible for now: sorted, no duplicates. */
  responsibleFor: string[];
  /** Revision of the unit's own stream; -1 while only indicator events have mentioned it. */
  revision: number;
  /** When the unit was registered; null on a placeholder. */
  registeredAt: string | null;
  updatedAt: string;
}

/** Revision of a unit whose own stream has not been applied yet. */
export const UNREGISTERED_REVISION = -1;
