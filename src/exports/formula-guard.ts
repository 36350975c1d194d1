/**
 * Text that no spreadsheet can read as a formula (CSV/formula injection), however it splits it.
 *
 * A department's free text (a note, a reason, a unit's name) ends up in a cell of the inspector's
 * spreadsheet. A cell whose text begins with `=`, `+`, `-` or `@` (or their full-width forms,
 * which some spreadsheets fold into them) is a formula to Excel and LibreOffice, and a formula can
 * open links, fetch URLs or, through DDE, run programs. Neutralising only the start of the field
 * is not enough: a spreadsheet that opens the file with another separator than ours (an en-US
 * Excel splits on `,`; LibreOffice's import dialog offers `,` `;` tab `|` and space) or a reader
 * who splits a column later cuts the text into several cells, and `Số liệu sơ bộ,=HYPERLINK(…)`
 * becomes a cell `=HYPERLINK(…)`.
 *
 * So an apostrophe — the spreadsheet's own mark for "this is text" — is put before every formula
 * character that could begin a cell:
 * - at the start of the text, and after any of `,` `;` tab `|` CR LF, skipping the spaces and
 *   double quotes an import may strip first: always;
 * - after a space (a split on spaces): always for `=` and `@`; for `-` and `+` only when a
 *   character other than a space follows, since a lone sign is text in every spreadsheet, and the
 *   dashes of names such as "Cơ quan Tổ chức - Nội vụ" are then left as they are.
 * The text is otherwise unchanged; numbers, dates and our own headers are never touched.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
/** Signs, which alone are text and begin a formula only when something follows them. */
const SIGNS = new Set(['+', '-', '\uFF0B', '\uFF0D']);
const SEPARATORS = new Set([',', ';', '\t', '|', '\r', '\n']);
/** What an import may strip between a separator and the cell's text. */
const STRIPPED = new Set([' ', '"']);
const SPACE = ' ';

export function neutraliseFormulas(text: string): string {
  let out = '';
  /** 'hard': a cell may begin here whatever follows; 'soft': only a split on spaces makes one. */
  let boundary: 'hard' | 'soft' | null = 'hard';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (boundary && FORMULA_START.has(char)) {
      const next = text[i + 1];
      const loneSign = SIGNS.has(char) && (next === undefined || next === SPACE || SEPARATORS.has(next));
      if (boundary === 'hard' || !loneSign) out += "'";
    }
    out += char;
    if (SEPARATORS.has(char)) boundary = 'hard';
    else if (char === SPACE) boundary = boundary === 'hard' ? 'hard' : 'soft';
    else if (!(boundary && STRIPPED.has(char))) boundary = null;
  }
  return out;
}
