/**
 * Request validation: unknown fields are refused, types are exact (no silent coercion of "12" to
 * 12 in bodies), and a failure lists every field with what is wrong with it.
 */
import { BadRequestException, ValidationError, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ErrorBody, FieldError } from './error-body';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe(validationPipeOptions());
}

/** The options of the service's pipe, exported so the validation benchmark can build the stock pipe with them. */
export function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const body: ErrorBody = {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: fields.map((f) => `${f.field}: ${f.errors.join('; ')}`).join(' | ') || 'Invalid request',
        details: { fields },
      };
      return new BadRequestException(body);
    },
  };
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
