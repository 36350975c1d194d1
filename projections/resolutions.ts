/**
 * The `resolutions` read model: the resolution itself (issuing body, year, the provincial resolution
 * it implements, its theme) and which indicators and tasks hang on it, for `GET /resolutions`.
 * Membership is kept as sorted id sets, never as counters, so nothing is counted twice on replay.
 */
import type { ProjectedDocument, ProjectionDefinition } from './projection';
import { eventTypeGuard } from './event-type-guard';
import { withSortedId } from './sorted-ids';
import { UnhandledEventError } from './unhandled-event';

export const RESOLUTIONS_READ_MODEL = 'resolutions';

export interface ResolutionDocument extends ProjectedDocument {
  resolutionId: string;
  /** Null while the resolution is known only because an indicator names it. */
  title: string | null;
  issuingBody: string | null;
  year: number | null;
  parentResolution: string | null;
  theme: string | null;
  signedBy: string | null;
  registeredAt: string | null;
  /** Key indicators (chỉ tiêu chủ yếu) and tasks registered under it, sorted ids. */
  indicatorIds: string[];
  taskIds: string[];
  /**
   * True once an event naming the resolution (its registration, an indicator's) carries the demo mark
   * (`metadata.demo`): the store was built by `npm run demo` and holds illustrative data, not real reports.
   */
  demoData: boolean;
  updatedAt: string;
}

const HANDLED = ['ResolutionRegistered', 'IndicatorRegistered'] as const;

const isHandled = eventTypeGuard(HANDLED);

export const resolutionsProjection: ProjectionDefinition<ResolutionDocument> = {
  name: RESOLUTIONS_READ_MODEL,
  version: 2,
  events: {
    ResolutionRegistered: 'handle',
    UnitRegistered: 'ignore',
    UnitRenamed: 'ignore',
    UnitDeactivated: 'ignore',
    IndicatorRegistered: 'handle',
    ProgressReported: 'ignore',
    ProgressReportCorrected: 'ignore',
    ResponsibilityReassigned: 'ignore',
    TargetRevised: 'ignore',
    IndicatorAssessed: 'ignore',
    ReportQueried: 'ignore',
    ReportQueryAnswered: 'ignore',
    ReportQueryClosed: 'ignore',
    ReviewApproved: 'ignore',
  },
  fields: {
    year: { path: 'year', type: 'integer' },
  },
  indexes: [{ name: 'year', fields: ['year'] }],
  documentIds: (event) => (isHandled(event) ? [event.data.resolutionId] : []),
  evolve(current, event, resolutionId) {
    if (current && event.position <= current.lastPosition) return current;
    if (!isHandled(event)) throw new UnhandledEventError(RESOLUTIONS_READ_MODEL, event.type, event.position);
    const document = current ?? emptyDocument(resolutionId, event.metadata.recordedAt);
    const touched = {
      ...document,
      lastPosition: event.position,
      updatedAt: event.metadata.recordedAt,
      demoData: document.demoData || event.metadata.demo === true,
    };
    if (event.type === 'ResolutionRegistered') {
      const { title, issuingBody, year, parentResolution, theme, signedBy } = event.data;
      return { ...touched, title, issuingBody, year, parentResolution, theme, signedBy: signedBy ?? null, registeredAt: event.metadata.recordedAt };
    }
    const field = event.data.kind === 'indicator' ? 'indicatorIds' : 'taskIds';
    return { ...touched, [field]: withSortedId(document[field], event.data.indicatorId) };
  },
};

function emptyDocument(resolutionId: string, at: string): ResolutionDocument {
  return {
    _id: resolutionId,
    resolutionId,
    title: null,
    issuingBody: null,
    year: null,
    parentResolution: null,
    theme: null,
    signedBy: null,
    registeredAt: null,
    indicatorIds: [],
    taskIds: [],
    demoData: false,
    updatedAt: at,
    lastPosition: 0,
  };
}
