/**
 * The check every test app's answers go through (test/support/openapi-contract.ts) finds what
 * openapi.json does not describe: it must be able to fail, or the e2e suites prove nothing.
 */
import { OpenApiContract, type Answer } from '../support/openapi-contract';

const contract = OpenApiContract.fromFile();
const json = (method: string, url: string, status: number, body: unknown): Answer => ({
  method,
  url,
  status,
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from(JSON.stringify(body)),
});
const result = { revision: 3, position: 128, reportId: '0b6c1f0e-4c8e-5a57-9d1c-2f3b9e1d7a10' };

describe('the OpenAPI contract check', () => {
  it('passes an answer as the document describes it', () => {
    expect(contract.problemsOf(json('POST', '/indicators/ind-10/progress-reports', 201, result))).toEqual([]);
    expect(contract.problemsOf(json('GET', '/indicators/nope?minPosition=3', 404, { statusCode: 404, code: 'INDICATOR_NOT_FOUND', message: 'Indicator nope does not exist' }))).toEqual([]);
  });

  it('finds a status the operation does not declare', () => {
    expect(contract.problemsOf(json('GET', '/indicators', 404, { statusCode: 404, code: 'NOT_FOUND', message: '…' }))).toEqual([
      'GET /indicators answered 404, a status the document does not declare for GET /indicators',
    ]);
  });

  it('finds a field the schema does not list, a missing one, and a value of the wrong type', () => {
    const problems = contract.problemsOf(json('POST', '/indicators/ind-10/progress-reports', 201, { ...result, revision: 'three', extra: 1, reportId: undefined }));
    expect(problems.join('\n')).toMatch(/must NOT have additional properties.*extra/);
    expect(problems.join('\n')).toMatch(/must have required property 'reportId'/);
    expect(problems.join('\n')).toMatch(/body\/revision must be integer/);
  });

  it('finds a code the operation does not declare for that status', () => {
    const problems = contract.problemsOf(json('POST', '/indicators/ind-10/progress-reports', 422, { statusCode: 422, code: 'SAME_UNIT', message: '…' }));
    expect(problems.join('\n')).toMatch(/body\/code must be equal to one of the allowed values/);
  });

  it('finds a media type the response does not declare, and a body that is not JSON', () => {
    expect(contract.problemsOf({ ...json('GET', '/units', 200, {}), contentType: 'text/html' })).toEqual([
      'GET /units answered 200 as text/html; the document declares application/json',
    ]);
    expect(contract.problemsOf({ ...json('GET', '/units', 200, {}), body: Buffer.from('<html>') })).toEqual(['GET /units answered 200 with a body that is not JSON']);
  });

  it('holds a refusal on a route the document does not describe to the error shape', () => {
    expect(contract.problemsOf(json('GET', '/nowhere', 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Route GET:/nowhere not found' }))).toEqual([]);
    expect(contract.problemsOf(json('DELETE', '/indicators', 404, { message: 'Not Found', error: 'Not Found' })).length).toBeGreaterThan(0);
    expect(contract.problemsOf({ ...json('GET', '/docs', 200, {}), contentType: 'text/html', body: Buffer.from('<html>') })).toEqual([]);
  });

  it('matches a request to its path template, a literal segment before a parameter', () => {
    expect(contract.templateOf('/audit/digest/verify')).toBe('/audit/digest/verify');
    expect(contract.templateOf('/indicators/ind-10/history/export')).toBe('/indicators/{id}/history/export');
    expect(contract.templateOf('/indicators/ind-10')).toBe('/indicators/{id}');
    expect(contract.templateOf('/indicators/')).toBeUndefined();
  });
});
