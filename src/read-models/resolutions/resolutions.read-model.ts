/** The questions the API asks of the `resolutions` read model. */
import type { ResolutionDocument } from '../../../projections/resolutions';

export abstract class ResolutionsReadModel {
  /** Every resolution, the latest year first. */
  abstract list(): Promise<ResolutionDocument[]>;
  abstract get(resolutionId: string): Promise<ResolutionDocument | null>;
}
