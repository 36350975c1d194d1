import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRefusal, KNOWN_REFUSAL_CODES, refusalMessage } from './refusals';

/** Every code any operation of the API declares it may answer (openapi.json, the service's own document). */
function declaredCodes(): string[] {
  const document = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../openapi.json'), 'utf8'));
  const codes = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const code = (record.properties as Record<string, { enum?: unknown[] }> | undefined)?.code;
    if (code?.enum) code.enum.forEach((value) => typeof value === 'string' && codes.add(value));
    Object.values(record).forEach(walk);
  };
  walk(document);
  return [...codes].sort();
}

describe('refusals in Vietnamese', () => {
  it('has a Vietnamese sentence for every code the API declares', () => {
    const codes = declaredCodes();
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter((code) => !KNOWN_REFUSAL_CODES.includes(code))).toEqual([]);
  });

  it('never shows the API message (English, for developers)', () => {
    const body = { statusCode: 422, code: 'VALUE_OUT_OF_RANGE', message: '140 does not suit "health_insurance_coverage": a share lies in 0–100' };
    const [shown] = describeRefusal(body);
    expect(shown).toEqual({ field: 'value', message: 'Giá trị không phù hợp với đơn vị đo của mục tiêu.' });
    expect(shown.message).not.toContain('does not suit');
  });

  it('says what range a figure must lie in, from the details', () => {
    const body = { statusCode: 422, code: 'VALUE_OUT_OF_RANGE', details: { metric: 'health_insurance_coverage', measure: 'share', unit: '%', value: 140 } };
    expect(refusalMessage(body)).toBe('Giá trị không phù hợp với đơn vị đo của mục tiêu. Tỷ lệ phần trăm phải từ 0 đến 100.');
  });

  it('places each refusal next to the field it concerns', () => {
    expect(describeRefusal({ statusCode: 422, code: 'DUPLICATE_REPORT' })[0].field).toBe('period');
    expect(describeRefusal({ statusCode: 422, code: 'DECISION_REF_REQUIRED' })[0].field).toBe('decisionRef');
    expect(describeRefusal({ statusCode: 422, code: 'SAME_UNIT' })[0].field).toBe('toUnitId');
    expect(describeRefusal({ statusCode: 403, code: 'ROLE_NOT_ALLOWED' })[0].field).toBeNull();
  });

  it('names each field a validation failure lists', () => {
    const body = { statusCode: 400, code: 'VALIDATION_FAILED', message: 'value: must be a number', details: { fields: [{ field: 'value', errors: ['must be a number'] }, { field: 'evidence[0].title', errors: ['required'] }] } };
    expect(describeRefusal(body)).toEqual([
      { field: 'value', message: 'Số liệu: giá trị chưa hợp lệ.' },
      { field: 'evidence', message: 'Trường “evidence[0].title” chưa hợp lệ.' },
    ]);
  });

  it('says what a conflict means, with the current revision', () => {
    expect(refusalMessage({ statusCode: 409, code: 'CONCURRENCY_CONFLICT', details: { currentRevision: 7 } })).toBe(
      'Chỉ tiêu vừa được người khác cập nhật. Hãy tải lại trang, xem thay đổi rồi gửi lại. (Phiên bản hiện tại: 7.)',
    );
  });

  it('copes with a code it does not know and an answer that is not ours', () => {
    expect(describeRefusal({ statusCode: 422, code: 'SOMETHING_NEW' })).toEqual([{ field: null, message: 'Hệ thống từ chối yêu cầu (mã SOMETHING_NEW).' }]);
    expect(describeRefusal(null, 502)[0].message).toBe('Hệ thống gặp lỗi. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.');
  });
});
