/** Text that no spreadsheet reads as a formula, whichever separator it splits on: the rule, case by case. */
import { neutraliseFormulas } from '../../src/exports/formula-guard';

describe('neutraliseFormulas', () => {
  it.each([
    ['a formula at the start', '=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ['a formula after a comma', 'Số liệu sơ bộ,=HYPERLINK("x")', 'Số liệu sơ bộ,\'=HYPERLINK("x")'],
    ['after a semicolon, past spaces and a quote', 'x;  "=1+1"', 'x;  "\'=1+1"'],
    ['after a tab, a bar and a line break', 'a\t-2+3|@SUM(A1)\r\n+1', "a\t'-2+3|'@SUM(A1)\r\n'+1"],
    ['a full-width equals sign', '＝1+1', "'＝1+1"],
    ['after a space, a formula character followed by more', 'tăng -5% so với =A1', "tăng '-5% so với '=A1"],
    ['a lone = after a space', 'a = b', "a '= b"],
    ['a sign at the start even alone', '- 5 điểm', "'- 5 điểm"],
  ])('defuses %s', (_, text, expected) => {
    expect(neutraliseFormulas(text)).toBe(expected);
  });

  it.each([
    ['a lone dash between spaces (a name)', 'Cơ quan Tổ chức - Nội vụ Thành phố'],
    ['plain Vietnamese prose', 'Số liệu chốt lại theo báo cáo của BHXH tỉnh (93,4%)'],
    ['a formula character inside a word', 'e-mail a@b.vn 1+1=2'],
    ['text already marked as text', "a,'=1"],
    ['an empty text', ''],
  ])('leaves %s as it is', (_, text) => {
    expect(neutraliseFormulas(text)).toBe(text);
  });
});
