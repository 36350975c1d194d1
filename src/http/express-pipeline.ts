/**
 * The request pipeline on Express (HTTP_ADAPTER=express): the request steps as one middleware,
 * CORS, then `express.json` with its errors answered in our shape rather than Express's HTML page;
 * requests Node's parser refuses, and paths that do not decode, are answered in our shape too
 * (client-errors.ts).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { badRequest, malformedJson, payloadTooLarge } from './body-errors';
import { answerClientError, hasUndecodablePath, invalidUrl, UNDECODABLE_PATH } from './client-errors';
import { recordAnsweredCode } from './answered-code';
import type { ErrorBody } from './error-body';
import type { PipelineParts } from './request-steps';

export function installExpressPipeline(app: NestExpressApplication, { beforeRouting, enableCors, bodyLimit }: PipelineParts): void {
  app.getHttpServer().on('clientError', answerClientError);
  // helmet used to remove it per request; not adding it is cheaper.
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    // Express's router would refuse an undecodable path parameter with a generic 400 BAD_REQUEST.
    const refusal = beforeRouting(req, res) ?? (hasUndecodablePath(req.url) ? invalidUrl(UNDECODABLE_PATH) : undefined);
    if (refusal) refuse(req, res, refusal);
    else next();
  });
  enableCors();
  app.use(express.json({ limit: bodyLimit, strict: true }));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const parserError = error as { type?: string; status?: number; message?: string } | undefined;
    if (!parserError || typeof parserError.status !== 'number') return next(error);
    const body: ErrorBody =
      parserError.type === 'entity.too.large'
        ? payloadTooLarge(bodyLimit)
        : parserError.type === 'entity.parse.failed'
          ? malformedJson()
          : badRequest(parserError.status, parserError.message);
    refuse(req, res, body);
  });
}

/** Answers a refusal made outside Nest (before routing, or by the body parser), with its code recorded for the log line. */
function refuse(req: Request, res: Response, body: ErrorBody): void {
  recordAnsweredCode(req, body.code);
  res.status(body.statusCode).json(body);
}
