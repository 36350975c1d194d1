/** Ids in paths and bodies: lowercase letters, digits, dots and dashes (UUIDs included), 1–80 chars. */
import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../shared/errors';

export const ID_PATTERN = /^[a-z0-9][a-z0-9.\-]{0,79}$/;

@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      throw new InvalidInputError('INVALID_ID', `"${String(value).slice(0, 100)}" is not a valid id`, { id: String(value).slice(0, 100) });
    }
    return value;
  }
}
