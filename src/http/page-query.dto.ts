import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadQueryDto } from './read-query.dto';

export const DEFAULT_PAGE_SIZE = 100;

/** A paged list query: `limit` (1–500, default 100) and `offset`, besides `minPosition`. */
export class PageQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @PageOffset()
  offset?: number;
}

/** The `offset` of a paged query (0 to 1,000,000); also the audit timelines', whose `limit` differs. */
export function PageOffset(): PropertyDecorator {
  // applyDecorators applies top-down, stacked decorators bottom-up: listed in reverse so the rules
  // register, and their messages list, in the order they always did.
  return applyDecorators(Max(1_000_000), Min(0), IsInt(), Type(() => Number), IsOptional(), ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 }));
}
