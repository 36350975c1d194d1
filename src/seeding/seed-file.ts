/**
 * The shape of seeds/resolution-2021.json: the resolution, the units it names (or that the seed
 * adds as plausible owners), and every indicator and task with its targets. Seeding turns each
 * entry into a command, so the seed is event-sourced like everything else.
 */
import type { IndicatorKind } from '../domain/indicator/events';
import type { Target } from '../domain/indicator/target';

export interface SeedResolution {
  id: string;
  title: string;
  issuingBody: string;
  year: number;
  parentResolution: string;
  theme: string;
  signedBy?: string;
}

export interface SeedUnit {
  id: string;
  name: string;
  shortName?: string;
  /** False when the resolution does not name the unit and the seed adds it as the plausible owner. */
  namedInResolution: boolean;
}

export interface SeedIndicator {
  id: string;
  kind: IndicatorKind;
  /** 1–20 for kind `indicator`. */
  number?: number;
  group: string;
  section: string;
  name: string;
  /** The sentence of the resolution this entry is taken from, verbatim, for reviewers. */
  sourceText: string;
  responsibleUnitId: string;
  /** True when the text names no responsible unit and the seed chose the most plausible one. */
  responsibilityAssumed: boolean;
  /** Why that unit, when assumed. */
  assumptionNote?: string;
  targets: Target[];
}

export interface SeedFile {
  resolution: SeedResolution;
  units: SeedUnit[];
  indicators: SeedIndicator[];
}

export interface DemoPrincipal {
  name: string;
  apiKey: string;
  unitId: string | null;
  roles: string[];
}
