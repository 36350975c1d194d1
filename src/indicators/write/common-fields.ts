/** Field rules shared by several command bodies. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const METRIC_PATTERN = /^[a-z0-9_]{1,64}$/;

export const ExpectedRevisionField = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The stream revision you last saw; 409 if it has moved on. Same as the If-Match header.', example: 2 }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );

export const ReasonField = (description = 'Why (lý do).') =>
  applyDecorators(ApiProperty({ description, example: 'Điều chỉnh theo kết luận của Ban Thường vụ' }), IsString(), IsNotEmpty(), MaxLength(2000));

export const DecisionRefField = () =>
  applyDecorators(
    ApiProperty({ description: 'Số hiệu văn bản: the document that authorises the change.', example: '125-QĐ/TU' }),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );

export const NoteField = () =>
  applyDecorators(ApiPropertyOptional({ description: 'Free text for the record.', example: 'Số liệu sơ bộ' }), IsOptional(), IsString(), MaxLength(2000));

export const MetricField = () =>
  applyDecorators(
    ApiProperty({ description: "The target's stable key within its indicator.", example: 'new_members' }),
    IsString(),
    Matches(METRIC_PATTERN, { message: 'metric must be a snake_case key of at most 64 characters' }),
  );
