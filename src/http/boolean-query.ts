import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/**
 * An optional `true` / `false` query parameter. Query strings carry text, so the two words become
 * booleans and anything else stays as sent, for IsBoolean to refuse (400 VALIDATION_FAILED).
 */
export function BooleanQueryParam(description: string): PropertyDecorator {
  // Listed in reverse: applyDecorators applies top-down, stacked decorators apply bottom-up.
  return applyDecorators(
    IsBoolean(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsOptional(),
    ApiPropertyOptional({ description, type: Boolean }),
  );
}
