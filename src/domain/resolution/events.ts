/** The resolution itself (stream `resolution-<id>`): registered once, the frame every indicator hangs on. */
import type { Message } from '../../shared/messages';

export type ResolutionRegistered = Message<
  'ResolutionRegistered',
  {
    resolutionId: string;
    title: string;
    issuingBody: string;
    year: number;
    /** The higher resolution it implements, e.g. '02-NQ/TU ngày 02/12/2020'. */
    parentResolution: string;
    /** Chủ đề công tác năm. */
    theme: string;
    signedBy?: string;
  }
>;

export type ResolutionEvent = ResolutionRegistered;

export const RESOLUTION_STREAM_PREFIX = 'resolution-';

export const resolutionStreamId = (resolutionId: string): string => `${RESOLUTION_STREAM_PREFIX}${resolutionId}`;
