/** The resolution(s) the ledger tracks, from the read store only. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RESOLUTIONS_COLLECTION, type ResolutionDocument } from '../../../projections/resolutions';
import { READ_STORE } from '../../infrastructure/tokens';
import type { ReadStore } from '../../read-store/read-store.port';
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
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute(): Promise<{ items: ResolutionView[]; total: number }> {
    const documents = await this.readStore.collection<ResolutionDocument>(RESOLUTIONS_COLLECTION).find({}, { sort: { year: -1, _id: 1 } });
    return { items: documents.map(toView), total: documents.length };
  }
}

@QueryHandler(GetResolutionQuery)
export class GetResolutionHandler implements IQueryHandler<GetResolutionQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async execute({ resolutionId }: GetResolutionQuery): Promise<ResolutionView> {
    const document = await this.readStore.collection<ResolutionDocument>(RESOLUTIONS_COLLECTION).findOne({ _id: resolutionId });
    if (!document) throw new NotFoundError('RESOLUTION_NOT_FOUND', `Resolution ${resolutionId} does not exist`, { resolutionId });
    return toView(document);
  }
}
