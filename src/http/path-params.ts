/**
 * The documented path parameters, each with an example a client or a contract-testing tool can
 * send as it is (the seed's indicator 10, its responsible unit, the resolution).
 */
import { ApiParam } from '@nestjs/swagger';
import { ID_PATTERN } from './id-param.pipe';

const idParam = (name: string, description: string, example: string) => ApiParam({ name, description, schema: { type: 'string', pattern: ID_PATTERN.source, example } });

export const IndicatorIdParam = () => idParam('id', 'An indicator or task id.', 'ind-10');
export const UnitIdParam = () => idParam('id', 'A unit id.', 'phong-lao-dong-thuong-binh-xa-hoi');
export const ResolutionIdParam = () => idParam('id', 'A resolution id.', 'hl-2021');
export const ReportIdParam = () => idParam('reportId', 'A progress report id, as `POST …/progress-reports` answered it.', '0b0c5e0e-6a8a-5f5e-9a59-3f1f4a0d3c2e');
export const QueryIdParam = () => idParam('queryId', 'A query id, as `POST …/queries` answered it.', '6f2c9a51-2b1e-5d0c-8f43-1d2e3f4a5b6c');
