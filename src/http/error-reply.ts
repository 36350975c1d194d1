/**
 * The one place an error body (`{ statusCode, code, message, details? }`) is sent. Every refusal
 * goes out through here, whoever makes it: the exception filter (guards, pipes, handlers, the JSON
 * body reader, /health), the steps before routing (shutting down), Fastify's own refusals before
 * routing (a path that does not decode, an over-long id) and Node's HTTP parser (a request it cannot
 * read). Each answer records its code for the request's log line where there is a request.
 */
import type { FastifyReply } from 'fastify';
import { ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { recordAnsweredCode } from './answered-code';
import type { ErrorBody } from './error-body';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers on Fastify's reply. Nest hands its exception filter the Node.js response instead of a
 * reply when Nest middleware throws (Fastify runs middleware on the raw objects): answered the same.
 */
export function sendErrorBody(response: FastifyReply | ServerResponse, body: ErrorBody, headers: Readonly<Record<string, string>> = {}): void {
  if (response instanceof ServerResponse) {
    recordAnsweredCode(response.req, body.code);
    const json = JSON.stringify(body);
    response.writeHead(body.statusCode, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(json) }).end(json);
    return;
  }
  recordAnsweredCode(response.request.raw, body.code);
  void response.code(body.statusCode).headers(headers).send(body);
}

/**
 * Answers on the socket itself a request Node's HTTP parser refused: there is no request or reply
 * to answer through. The connection is closed, as Node does: what follows on it cannot be trusted.
 */
export function writeErrorBody(socket: Duplex, body: ErrorBody): void {
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\n` +
        `Content-Type: ${JSON_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        json,
    );
  }
  socket.destroy();
}
