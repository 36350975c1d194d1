/** The resolution(s) the ledger tracks, from the read store only. */
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ResolutionDocument } from '../../../projections/resolutions';
import { ResolutionsReadModel } from '../../read-models/resolutions/resolutions.read-model';
import { NotFoundError } from '../../shared/errors';

export type ResolutionView = Omit<ResolutionDocument, '_id' | 'lastPosition' | 'resolutionId'> & {
  id: string;
  counts: { indicators: number; tasks: number };
};

export class ListResolutionsQuery extends Query<{ items: ResolutionView[]; total: number }> {}

export class GetResolutionQuery extends Query<ResolutionView> {
  constructor(readonly resolutionId: string) {
    super();
  }
}

function toView({ _id, lastPosition, resolutionId, ...rest }: ResolutionDocument): ResolutionView {
  return { id: resolutionId, ...rest, counts: { indicators: rest.indicatorIds.length, tasks: rest.taskIds.length } };
}

@QueryHandler(ListResolutionsQuery)
export class ListResolutionsHandler implements IQueryHandler<ListResolutionsQuery> {
  constructor(private readonly resolutions: ResolutionsReadModel) {}

  async execute(): Promise<{ items: ResolutionView[]; total: number }> {
    const documents = await this.resolutions.list();
    return { items: documents.map(toView), total: documents.length };
  }
}

@QueryHandler(GetResolutionQuery)
export class GetResolutionHandler implements IQueryHandler<GetResolutionQuery> {
  constructor(private readonly resolutions: ResolutionsReadModel) {}

  async execute({ resolutionId }: GetResolutionQuery): Promise<ResolutionView> {
    const document = await this.resolutions.get(resolutionId);
    if (!document) throw new NotFoundError('RESOLUTION_NOT_FOUND', `Resolution ${resolutionId} does not exist`, { resolutionId });
    return toView(document);
  }
}
