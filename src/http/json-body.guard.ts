/**
 * A command's body must be sent as JSON. `curl -d '{…}'` without `-H 'Content-Type:
 * application/json'` sends it as a form, which the service does not read: validation used to
 * answer that every field was missing. A body of another type is now 415 UNSUPPORTED_MEDIA_TYPE, naming
 * the type received. A route that reads its body raw (the file to hash of `POST /evidence/verify`)
 * is marked `@RawBodyRoute()` and checks its own type.
 */
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnsupportedMediaTypeError } from '../shared/errors';
import { mediaTypeOf, type HttpRequest } from './http-exchange';

const RAW_BODY_ROUTE = 'ledger:raw-body-route';
export const RawBodyRoute = () => SetMetadata(RAW_BODY_ROUTE, true);

const JSON_TYPE = 'application/json';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    if (!BODY_METHODS.has(req.method) || !hasBody(req.headers)) return true;
    const type = mediaTypeOf(req);
    if (type === JSON_TYPE) return true;
    if (this.reflector.getAllAndOverride<boolean>(RAW_BODY_ROUTE, [context.getHandler(), context.getClass()])) return true;
    throw new UnsupportedMediaTypeError(JSON_TYPE, type);
  }
}

/**
 * Whether the request announces a body: a non-zero length, or a chunked one (HTTP/1.1 sends no
 * length then; a chunked body that turns out empty is still refused for its type: it was announced).
 */
function hasBody(headers: HttpRequest['headers']): boolean {
  const length = headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return headers['transfer-encoding'] !== undefined;
}
