/**
 * The filters and paging shared by the two audit timelines: one indicator's history and the global
 * audit log. Each adds its own `type` list. Times are recorded times (when the ledger stored the
 * event), never reporting periods.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN } from '../../http/id-param.pipe';
import { ISO_INSTANT_EXAMPLE, IsIsoInstant } from '../../http/iso-instant';
import { PageOffset } from '../../http/page-query.dto';
import { ReadQueryDto } from '../../http/read-query.dto';

/** Principal ids: slugs from the principals file, or a token subject (may hold `@`, `:`). */
export const ACTOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@:\-]{0,127}$/;

export const MAX_PAGE_SIZE = 1000;

export type SortOrder = 'asc' | 'desc';

/** `type=A,B` or `type=A&type=B`: either way a list of names. */
export const commaSeparated = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])) : value;

/** Declares the `type` filter of a timeline over the given event types. */
export function EventTypesFilter(types: readonly string[]): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: `Event types, comma-separated: ${types.join(', ')}.`, type: String, example: types.slice(0, 2).join(',') }),
    IsOptional(),
    Transform(commaSeparated),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(types.length),
    IsIn(types, { each: true, message: `each type must be one of ${types.join(', ')}` }),
  );
}

export abstract class TimelineQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Recorded at or after this instant (ISO-8601 with offset).', example: '2021-04-01T00:00:00+07:00' })
  @IsOptional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before this instant (ISO-8601 with offset).', example: ISO_INSTANT_EXAMPLE })
  @IsOptional()
  @IsIsoInstant()
  to?: string;

  @ApiPropertyOptional({
    description:
      'Only entries stored before this global position (exclusive). To page a newest-first listing without repeats while events arrive, pass the `position` of the last entry you have.',
    type: 'integer',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  beforePosition?: number;

  @ApiPropertyOptional({ description: 'Only entries stored after this global position (exclusive): for an oldest-first listing, or what is new since you last looked.', type: 'integer', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterPosition?: number;

  @ApiPropertyOptional({ description: 'Id of the person (principal) who acted.', example: 'demo-coordinator' })
  @IsOptional()
  @IsString()
  @Matches(ACTOR_ID_PATTERN, { message: 'actor must be a principal id' })
  actor?: string;

  @ApiPropertyOptional({ description: 'The unit the actor acted for.', example: 'phong-kinh-te' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'unit must be a unit id' })
  unit?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @PageOffset()
  offset?: number;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: SortOrder;
}
