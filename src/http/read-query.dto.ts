import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every query accepts `minPosition`: wait until the read models reflect that global position. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Global position returned by a command; the answer reflects at least that write.', type: 'integer', minimum: 0, example: 42 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
