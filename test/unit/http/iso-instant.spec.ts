import { parseIsoInstant } from '../../../src/http/iso-instant';

describe('parseIsoInstant', () => {
  it.each([
    ['2021-06-30T23:59:59+07:00', '2021-06-30T16:59:59.000Z'],
    ['2021-06-30T16:59:59Z', '2021-06-30T16:59:59.000Z'],
    ['2021-06-30T16:59:59.5Z', '2021-06-30T16:59:59.500Z'],
    ['2021-06-30T16:59:59.123456789Z', '2021-06-30T16:59:59.123Z'],
    ['2021-06-30T12:00-04:30', '2021-06-30T16:30:00.000Z'],
    ['2020-02-29T00:00:00+07:00', '2020-02-28T17:00:00.000Z'],
    ['2021-01-01T00:00:00+07:00', '2020-12-31T17:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(instant);
  });

  it.each([
    ['a date without a time', '2021-06-30'],
    ['a time without an offset', '2021-06-30T23:59:59'],
    ['30 February', '2021-02-30T00:00:00Z'],
    ['29 February of a common year', '2021-02-29T00:00:00Z'],
    ['hour 24', '2021-06-30T24:00:00Z'],
    ['minute 60', '2021-06-30T23:60:00Z'],
    ['month 13', '2021-13-01T00:00:00Z'],
    ['an offset without a colon', '2021-06-30T23:59:59+0700'],
    ['an out-of-range offset', '2021-06-30T23:59:59+24:00'],
    ['lowercase t and z', '2021-06-30t23:59:59z'],
    ['words', 'yesterday'],
    ['a number', 1625072399000],
    ['an array', ['2021-06-30T23:59:59Z']],
    ['an empty string', ''],
  ])('refuses %s', (_what, text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });
});
