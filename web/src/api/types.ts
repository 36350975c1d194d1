/** Names for the answers the console reads, taken from the generated API types. */
import type { paths } from './schema';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type IndicatorList = Ok<'/indicators', 'get'>;
export type Indicator = Ok<'/indicators/{id}', 'get'>;
export type Target = Indicator['targets'][number];
export type History = Ok<'/indicators/{id}/history', 'get'>;
export type HistoryEntry = History['items'][number];
export type Integrity = Ok<'/indicators/{id}/integrity', 'get'>;
export type UnitList = Ok<'/units', 'get'>;
export type Unit = UnitList['items'][number];
export type UnitDetail = Ok<'/units/{id}', 'get'>;
export type ResolutionList = Ok<'/resolutions', 'get'>;
export type Resolution = ResolutionList['items'][number];
export type Session = Ok<'/session', 'get'>;
export type AuditEvents = Ok<'/audit/events', 'get'>;
export type AuditEvent = AuditEvents['items'][number];
export type Digest = Ok<'/audit/digest', 'get'>;
export type DigestVerification = Ok<'/audit/digest/verify', 'get'>;
export type Queries = Ok<'/audit/queries', 'get'>;
export type Query = Queries['items'][number];
export type ProgressReports = Ok<'/progress-reports', 'get'>;
export type ProgressReport = ProgressReports['items'][number];
export type Role = Session['roles'][number];
export type ReviewList = Ok<'/reviews', 'get'>;
export type Review = Ok<'/reviews/{period}', 'get'>;
export type ReviewItem = Review['content']['items'][number];
export type ReviewVerification = Ok<'/reviews/{period}/approval/verify', 'get'>;
