/**
 * JSON body parsing with a size limit, and the errors it raises (malformed JSON, too large, wrong
 * content type) answered in our error shape rather than Express's HTML page.
 */
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ErrorBody } from './error-body';

export function installJsonBodyParsing(app: INestApplication, limit: string): void {
  app.use(express.json({ limit, strict: true }));
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const parserError = error as { type?: string; status?: number; message?: string };
    if (!parserError || typeof parserError.status !== 'number') return next(error);
    const body: ErrorBody =
      parserError.type === 'entity.too.large'
        ? { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body exceeds ${limit}` }
        : parserError.type === 'entity.parse.failed'
          ? { statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' }
          : { statusCode: parserError.status, code: 'BAD_REQUEST', message: parserError.message ?? 'Bad request' };
    res.status(body.statusCode).json(body);
  });
}
