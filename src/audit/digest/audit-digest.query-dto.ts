import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ReadQueryDto } from '../../http/read-query.dto';

export class AuditDigestQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Global position the digest covers (every event at or below it). Default: the store as it is now.', type: 'integer', minimum: 0, example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  position?: number;
}

export class VerifyAuditDigestQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'The digest taken earlier (64 hex digits).', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'digest must be 64 hexadecimal digits' })
  digest!: string;

  @ApiProperty({ description: 'The position the digest was taken at.', type: 'integer', minimum: 0, example: 120 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  position!: number;
}
