/** Which resolution a period's review is of: the one of the period's year (one resolution a year). */
import { Injectable } from '@nestjs/common';
import type { Period } from '../domain/indicator/period';
import { ResolutionsReadModel } from '../read-models/resolutions/resolutions.read-model';
import { NotFoundError } from '../shared/errors';

@Injectable()
export class ReviewResolutions {
  constructor(private readonly resolutions: ResolutionsReadModel) {}

  /** The registered resolutions with their years, the latest year first. */
  async all(): Promise<Array<{ resolutionId: string; year: number }>> {
    const documents = await this.resolutions.list();
    return documents.filter((d) => d.year !== null).map((d) => ({ resolutionId: d.resolutionId, year: d.year! }));
  }

  async of(period: Period): Promise<string> {
    const found = (await this.all()).filter((r) => r.year === period.year).sort((a, b) => (a.resolutionId < b.resolutionId ? -1 : 1))[0];
    if (!found) {
      throw new NotFoundError('RESOLUTION_NOT_FOUND', `No resolution of ${period.year} is registered: there is nothing to review for ${period.id}`, { year: period.year });
    }
    return found.resolutionId;
  }
}
