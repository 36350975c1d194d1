/**
 * Request validation: unknown fields are refused, types are exact (no silent coercion of "12" to
 * 12 in bodies), and a failure lists every field with what is wrong with it (a value of the wrong
 * kind: that alone, not the ranges it cannot be compared with).
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
    // The value is read to tell a missing field from one of the wrong kind (messagesOf); it is never echoed.
    validationError: { target: false, value: true },
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

/** Rules on the kind of value. */
const TYPE_RULES = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isDateString', 'isIso8601']);
/** Rules that compare a value of the right kind (ranges, lengths, patterns): said nothing useful when the kind is wrong. */
const COMPARISON_RULES = new Set(['min', 'max', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize', 'arrayNotEmpty', 'matches', 'isPositive', 'isNegative']);

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, errors: messagesOf(error.constraints, error.value) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A field's messages. `limit=abc` fails "must be an integer", and with it "must not be less than
 * 1" and "must not be greater than 500" (NaN compares with nothing): the comparisons are dropped
 * when a value of the wrong kind was sent. A missing field keeps every message.
 */
function messagesOf(constraints: Record<string, string>, value: unknown): string[] {
  const failed = Object.keys(constraints);
  // A missing field is told everything it must be, its format included.
  const wrongKind = value !== undefined && failed.some((rule) => TYPE_RULES.has(rule));
  return failed.filter((rule) => !(wrongKind && COMPARISON_RULES.has(rule))).map((rule) => constraints[rule]);
}
