import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ISO_INSTANT_EXAMPLE, IsIsoInstant } from '../../http/iso-instant';
import { ReadQueryDto } from '../../http/read-query.dto';

export class GetIndicatorQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'The indicator as it was known at this moment: only events recorded at or before it (recorded time, not reporting period). ' +
      'An ISO-8601 date-time with a UTC offset. Answered from the event store.',
    example: ISO_INSTANT_EXAMPLE,
  })
  @IsOptional()
  @IsIsoInstant()
  asOf?: string;
}
