/**
 * Who acts in the demo year: the shipped demo principals (seeds/demo-principals.json), under the ids
 * the service gives them when they sign in, so the console names the same people for what the demo
 * recorded and for what a visitor does with those keys afterwards.
 */
import * as fs from 'node:fs';
import type { DemoPrincipal } from '../seeding/seed-file';
import type { Actor, Role } from '../shared/messages';
import { slugify } from '../shared/slug';

export interface DemoCast {
  /** The reporter of a unit; the coordinator where a unit has none (a coordinator may report for any unit). */
  reporterOf(unitId: string): Actor;
  coordinator: Actor;
  standingCommittee: Actor;
  inspector: Actor;
}

export class DemoCastError extends Error {}

export function loadDemoCast(principalsFile: string): DemoCast {
  const principals = JSON.parse(fs.readFileSync(principalsFile, 'utf8')) as Array<DemoPrincipal & { id?: string }>;
  const actors = principals.map((p): Actor => ({ id: p.id ?? slugify(p.name), unitId: p.unitId, roles: p.roles as Role[] }));
  const withRole = (role: Role): Actor => {
    const actor = actors.find((a) => a.roles.includes(role));
    if (!actor) throw new DemoCastError(`${principalsFile} has no principal with the role ${role}`);
    return actor;
  };
  const coordinator = withRole('coordinator');
  const reporters = new Map(actors.filter((a) => a.roles.includes('reporter') && a.unitId).map((a) => [a.unitId as string, a]));
  return {
    reporterOf: (unitId) => reporters.get(unitId) ?? coordinator,
    coordinator,
    standingCommittee: withRole('standing_committee'),
    inspector: withRole('inspector'),
  };
}
