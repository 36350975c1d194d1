/**
 * fast-check arbitraries for fuzzing the HTTP API: each field is mostly a plausible value (so the
 * fuzz reaches the deciders and some commands are accepted) and sometimes anything JSON can carry.
 */
import fc from 'fast-check';

/** Anything a JSON body may hold, including objects with operator-looking keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('', ' ', '$ne', '{"$gt":""}', '__proto__', '2021-Q1 ', '١٢', '\u0000', 'null', 'NaN', '1e309', 'x'.repeat(3000)),
  fc.constantFrom({ $gt: '' }, { $ne: null }, [{ $where: '1' }], { toString: 'x' }, { valueOf: 1 }, Number.MAX_SAFE_INTEGER + 2, -0, 1e308),
);

/** A plausible value most of the time, anything sometimes. */
export function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 15, arbitrary: plausible }, { weight: 1, arbitrary: anyJson });
}

export const periods = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-Q1', '2021-Q2', '2021-Q3', '2021-H1', '2021-H2', '2021') },
  { weight: 1, arbitrary: fc.constantFrom('2021-08', '2021-Q4', '2020-12', '2022', '2021-13', '2021-00', '2021-Q0', '2021-H3', 'Q1-2021', '2021-1') },
);

export const numbers = fc.oneof(
  fc.integer({ min: -10, max: 10_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, 1, 50, 99.99, 100, 100.0001, 101, 1e-9, 6500, 12.5),
);

export const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Số liệu chính thức', '215-QĐ/TU', 'Điều chỉnh theo Nghị quyết', 'Phòng Kinh tế') },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('  ', '', '\u200b')) },
);

export const unitIds = fc.constantFrom('phong-kinh-te', 'phong-tai-chinh-ke-hoach', 'bao-hiem-xa-hoi-thanh-pho', 'no-such-unit', 'UPPER', 'a'.repeat(81), 'van-phong-thanh-uy');

export const dates = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('2021-09-05', '2021-12-31', '2021-06-30', '2020-01-01') },
  { weight: 1, arbitrary: fc.constantFrom('2021-02-30', '2021-9-5', '31/12/2021', '2021-13-01') },
);

export const outcomes = fc.constantFrom('achieved', 'partially_achieved', 'not_achieved', 'done', '');

export const comparators = fc.constantFrom('>=', '>', '<=', '<', '=', 'between', 'top_group', '=>', '');

export const evidence = fc.array(
  fc.record(
    {
      title: field(text),
      documentRef: field(text),
      issuedOn: field(dates),
      url: field(fc.oneof({ weight: 4, arbitrary: fc.constant('https://halong.gov.vn/bc-50.pdf') }, { weight: 1, arbitrary: fc.constant('javascript:alert(1)') })),
      sha256: field(fc.oneof({ weight: 4, arbitrary: fc.constant('a'.repeat(64)) }, { weight: 1, arbitrary: fc.constant('abc') })),
    },
    { requiredKeys: ['title', 'documentRef', 'issuedOn'] },
  ),
  { maxLength: 2 },
);

/**
 * A body: usually every field of the command, often with some missing, sometimes with a stray
 * field, now and then not an object at all. `optional` fields may be left out of a full body too.
 */
export function body(fields: Record<string, fc.Arbitrary<unknown>>, optional: readonly string[] = []): fc.Arbitrary<unknown> {
  const full = fc.record(fields, { requiredKeys: Object.keys(fields).filter((key) => !optional.includes(key)) });
  const partial = fc.record(fields, { requiredKeys: [] });
  return fc.oneof(
    { weight: 6, arbitrary: full },
    { weight: 2, arbitrary: partial },
    { weight: 1, arbitrary: fc.tuple(full, fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([r, k, v]) => ({ ...(r as object), [k]: v })) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** Now and then an If-Match header, sometimes a malformed one (a stale revision would refuse most runs). */
export const ifMatch = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.oneof(fc.nat({ max: 40 }).map((n) => `"${n}"`), fc.constantFrom('*', 'W/"2"', '"-1"', 'abc', '"99999999999999999999"')) },
);

/** Usually absent; otherwise some revision, rarely the current one. */
export const expectedRevision = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: field(fc.nat({ max: 30 })) });
