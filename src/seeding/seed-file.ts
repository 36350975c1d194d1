/**
 * The shape of seeds/resolution-2021.json: the resolution, the units it names (or that the seed
 * adds as plausible owners), every indicator and task with its targets, and the passages of
 * sections II–III that are not tasks (headings, restatements), so that a reviewer — and the seed
 * test — can see that nothing of those sections was left out. Seeding turns each entry into a
 * command, so the seed is event-sourced like everything else.
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
  /** For a task: the key indicators (`ind-NN`) its passage works towards, where it speaks of what they measure. */
  supportsIndicators?: string[];
  /** For a task whose deadline its own section does not state: the seeded task whose sentence sets it (III.1 for every plan). */
  deadlineFrom?: string;
  targets: Target[];
}

/** A passage of sections II–III that the seed deliberately does not track as a task, and why. */
export interface SeedNotTask {
  section: string;
  /** `heading`: a section heading naming the aim its sentences carry out; `restatement`: repeats a seeded entry (`sameAs`). */
  kind: 'heading' | 'restatement';
  /** The passage, verbatim. */
  text: string;
  sameAs?: string;
  reason: string;
}

export interface SeedFile {
  resolution: SeedResolution;
  units: SeedUnit[];
  indicators: SeedIndicator[];
  notTasks?: SeedNotTask[];
}

export interface DemoPrincipal {
  name: string;
  apiKey: string;
  unitId: string | null;
  roles: string[];
}
