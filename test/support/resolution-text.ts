/**
 * The resolution's text as the seed tests read it: normalised, and sections II–III split into
 * their sections (II.1 … II.9, III, III.1 … III.5), each with its heading and its body.
 *
 * How the text is read:
 * - NFC, markdown emphasis and heading marks (`*`, `#`) removed, every run of whitespace one space:
 *   the file is a conversion that breaks lines mid-sentence at page ends ("thực\n\nhiện") and
 *   marks headings and italics, none of which is a word of the resolution;
 * - in part II a line that starts with a number ("2.1. Tăng cường …") is a section heading;
 * - in part III each numbered paragraph ("3. Ủy ban Nhân dân …") is a section of its own, a bullet
 *   ("- Ban Tuyên giáo …") continues the numbered paragraph it follows, and an unnumbered paragraph
 *   after the list ("Nghị quyết này được phổ biến đến chi bộ.") belongs to part III itself.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** The resolution text, kept in the repository so a fresh clone can check its seed on its own. */
export const SOURCE_PATH = path.join(REPO_ROOT, 'seeds/source/000_60d8232af79dd006.txt');

export function normalise(text: string): string {
  return text.normalize('NFC').replace(/[*#]/g, '').replace(/\s+/g, ' ').trim();
}

let sourceCache: string | undefined;

/** The whole resolution, normalised. A missing file is a failure, never a skip: faithfulness cannot be checked without it. */
export function source(): string {
  if (sourceCache === undefined) {
    if (!fs.existsSync(SOURCE_PATH)) {
      throw new Error(
        `The resolution text is missing at ${SOURCE_PATH}; the seed cannot be checked against it. ` +
          'Restore seeds/source/000_60d8232af79dd006.txt from git.',
      );
    }
    sourceCache = normalise(fs.readFileSync(SOURCE_PATH, 'utf8'));
  }
  return sourceCache;
}

export interface TextSection {
  /** 'II', 'II.2.1', 'III', 'III.4', … */
  id: string;
  /** The heading's words (part II sections and the two parts), or null (the numbered items of part III). */
  heading: string | null;
  /** The section's own paragraphs, joined: its sub-sections' are theirs. */
  body: string;
}

let sectionsCache: TextSection[] | undefined;

/** Sections II and III in the order of the text. */
export function sectionsOfTasks(): TextSection[] {
  if (sectionsCache) return sectionsCache;
  source();
  const sections: TextSection[] = [];
  const bodies = new Map<TextSection, string[]>();
  let part: 'II' | 'III' | null = null;
  let current: TextSection | null = null;
  const open = (id: string, heading: string | null): TextSection => {
    const section = { id, heading, body: '' };
    sections.push(section);
    bodies.set(section, []);
    return section;
  };
  for (const raw of fs.readFileSync(SOURCE_PATH, 'utf8').split('\n')) {
    const line = normalise(raw);
    if (!line) continue;
    if (line.startsWith('Nơi nhận')) break;
    const partHeading = /^(II|III)- (.*)$/.exec(line);
    if (partHeading) {
      part = partHeading[1] as 'II' | 'III';
      current = open(part, partHeading[2]);
      continue;
    }
    if (!part || !current) continue;
    const numbered = /^(\d+(?:\.\d+)*)\.\s+(.*)$/.exec(line);
    if (part === 'II') {
      if (numbered) current = open(`II.${numbered[1]}`, numbered[2]);
      else bodies.get(current)!.push(line);
      continue;
    }
    if (numbered) {
      current = open(`III.${numbered[1]}`, null);
      bodies.get(current)!.push(numbered[2]);
    } else if (line.startsWith('- ')) {
      bodies.get(current)!.push(line.slice(2));
    } else {
      current = sections.find((section) => section.id === 'III')!;
      bodies.get(current)!.push(line);
    }
  }
  for (const section of sections) section.body = bodies.get(section)!.join(' ');
  sectionsCache = sections;
  return sections;
}

/** The blocks of text a section has: its heading, then its body (a heading has no final period, so it stands alone). */
export function blocksOf(section: TextSection): string[] {
  return [section.heading ?? '', section.body].filter((block) => block !== '');
}

/** Sentences end with a period before a capital letter or an opening quote ("…" ellipses inside a sentence do not end it). */
const SENTENCE_END = /(?<=\.)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ“])/u;

export function sentencesOf(block: string): string[] {
  return block.split(SENTENCE_END).filter((sentence) => sentence !== '');
}

/** The sentence(s) of the section that hold the passage, whole: what a deadline or figure of the passage must be read in. */
export function enclosingSentences(section: TextSection, passage: string): string | null {
  for (const block of blocksOf(section)) {
    const at = block.indexOf(passage);
    if (at < 0) continue;
    let start = 0;
    const pieces: string[] = [];
    for (const sentence of sentencesOf(block)) {
      const begins = block.indexOf(sentence, start);
      const ends = begins + sentence.length;
      if (ends > at && begins < at + passage.length) pieces.push(sentence);
      start = ends;
    }
    return pieces.join(' ');
  }
  return null;
}

/** "15,6" for 15.6, "1.000" for 1000: how the resolution writes numbers. */
export function vietnameseNumber(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction ? `${grouped},${fraction}` : grouped;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the number is written in the text the way the resolution writes it, leading zeros allowed ("02"). */
export function writesNumber(text: string, n: number): boolean {
  return new RegExp(`(?<![\\d.,])0*${escapeRegExp(vietnameseNumber(n))}(?![\\d]|[.,]\\d)`).test(text);
}
