/**
 * The tasks and solutions of sections II–III, checked against the text. Nothing reads as left out:
 * every word of those sections lies in the passage of a seeded task or in the seed's list of
 * passages that are not tasks (section headings, and sentences that restate a seeded entry). Each
 * task quotes its passage verbatim from its own section, states a figure or a deadline only where
 * its sentence gives one, takes a milestone target where the sentence gives no figure, names the
 * key indicators its passage speaks of, and names its unit as assumed unless the text names it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMilestone, type Target } from '../../src/domain/indicator/target';
import type { SeedFile, SeedIndicator } from '../../src/seeding/seed-file';
import { blocksOf, enclosingSentences, normalise, sectionsOfTasks, sentencesOf, writesNumber, type TextSection } from '../support/resolution-text';

const seed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../seeds/resolution-2021.json'), 'utf8')) as SeedFile;
const tasks = seed.indicators.filter((entry) => entry.kind === 'task');
const notTasks = seed.notTasks ?? [];
const byId = new Map(seed.indicators.map((entry) => [entry.id, entry]));

function sectionOf(id: string): TextSection {
  const section = sectionsOfTasks().find((candidate) => candidate.id === id);
  if (!section) throw new Error(`the text has no section ${id}`);
  return section;
}

function task(id: string): SeedIndicator {
  const found = byId.get(id);
  if (!found || found.kind !== 'task') throw new Error(`no seeded task ${id}`);
  return found;
}

const target = (id: string, metric: string): Target => {
  const found = task(id).targets.find((t) => t.metric === metric);
  if (!found) throw new Error(`${id} has no target ${metric}`);
  return found;
};

/** The sentence(s) a task's passage stands in: what its figures and deadline must be read in. */
const sentenceOf = (entry: SeedIndicator): string => enclosingSentences(sectionOf(entry.section), normalise(entry.sourceText)) ?? '';

/**
 * Figures the text gives in words: "không để phát sinh" (let none arise) is 0 outbreaks, "hàng
 * tháng" 12 monthly issues, "hàng quý" 4 quarterly reviews, "mỗi người dân" 100% of residents, and
 * "hầu hết" (nearly all) the 90% the seed reads it as (its note says so).
 */
const WORDED_FIGURES: ReadonlyArray<[RegExp, number]> = [
  [/không để phát sinh/, 0],
  [/hàng tháng/, 12],
  [/hàng quý/, 4],
  [/mỗi người dân/, 100],
  [/hầu hết/, 90],
];

function figureGiven(sentence: string, n: number): boolean {
  return writesNumber(sentence, n) || WORDED_FIGURES.some(([words, figure]) => figure === n && words.test(sentence));
}

/**
 * How the text can state a due date: the date itself ("đến ngày 30/9/2021"), the day after it
 * ("trước ngày 05/9/2021" is due 4 September), the month ("trong tháng 01/2021"), or the year.
 */
function deadlineGiven(sentence: string, dueDate: string): boolean {
  const [year, month, day] = dueDate.split('-').map(Number) as [number, number, number];
  const date = (d: number, m: number) => `(?<!\\d)0?${d}/0?${m}/${year}`;
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  const monthEnds = next.getUTCDate() === 1;
  return (
    new RegExp(`(?<!trước ngày )${date(day, month)}`).test(sentence) ||
    new RegExp(`trước ngày ${date(next.getUTCDate(), next.getUTCMonth() + 1)}`).test(sentence) ||
    (monthEnds && new RegExp(`tháng 0?${month}/${year}`).test(sentence)) ||
    (month === 12 && day === 31 && new RegExp(`năm ${year}|trong năm\\b|hết năm`).test(sentence))
  );
}

/** A task supports a key indicator where its passage speaks of what the indicator measures. */
const INDICATOR_WORDS: Record<string, RegExp> = {
  'ind-03': /phát triển đảng|kết nạp/,
  'ind-05': /thu ngân sách|chi đầu tư phát triển/,
  'ind-07': /thành lập mới|mô hình doanh nghiệp/,
  'ind-09': /ddci|par index|sipas/,
  'ind-10': /tạo việc làm/,
  'ind-11': /lao động qua đào tạo|đào tạo nghề|đào tạo nâng cao chất lượng nguồn lao động/,
  'ind-12': /bảo hiểm y tế/,
  'ind-13': /giảm nghèo|hộ nghèo/,
  'ind-15': /nông thôn mới/,
  'ind-16': /bảo vệ rừng|che phủ rừng|lâm nghiệp/,
};

/** The words by which the text names a unit as the one who acts. */
const UNIT_WORDS: Record<string, RegExp> = {
  'hdnd-thanh-pho': /Hội đồng nhân dân Thành phố/,
  'ubnd-thanh-pho': /Ủy ban Nhân dân Thành phố/,
  'ubnd-cac-xa-phuong': /Ủy ban Nhân dân các xã, phường/,
  'ban-tuyen-giao-thanh-uy': /Ban Tuyên giáo Thành ủy/,
  'van-phong-thanh-uy': /Văn phòng Thành u[ỷỷ]/,
  'co-quan-ubkt-thanh-tra': /Cơ quan Ủy ban Kiểm tra - Thanh tra Thành phố/,
  'ban-chap-hanh-dang-bo-thanh-pho': /Ủy viên Ban Chấp hành Đảng bộ Thành phố/,
  'uy-ban-mttq-thanh-pho': /Mặt trận Tổ quốc/,
  'cac-co-quan-tu-phap': /các cơ quan tư pháp/,
  'cong-an-thanh-pho': /Công an Thành phố/,
};

describe('seed: the tasks and solutions of sections II and III', () => {
  it('reads the sections the text has, each with words in it', () => {
    expect(sectionsOfTasks().map((section) => section.id)).toEqual([
      'II', 'II.1', 'II.2', 'II.2.1', 'II.2.2', 'II.2.3', 'II.3', 'II.3.1', 'II.3.2', 'II.3.3', 'II.4', 'II.5', 'II.6',
      'II.7', 'II.7.1', 'II.7.2', 'II.7.3', 'II.8', 'II.9', 'III', 'III.1', 'III.2', 'III.3', 'III.4', 'III.5',
    ]);
    expect(sectionOf('III.4').body).toContain('Ban Tuyên giáo Thành ủy tham mưu');
    expect(sectionOf('III').body).toBe('Nghị quyết này được phổ biến đến chi bộ.');
    expect(sectionOf('II.7.1').heading).toBe('Về phát triển kết cấu hạ tầng đồng bộ');
  });

  it('are tasks with a task- id, no number, at least one target, and a passage no other task quotes', () => {
    expect(tasks.length).toBeGreaterThan(150);
    const passages = tasks.map((t) => normalise(t.sourceText));
    expect(passages.filter((passage, i) => passages.indexOf(passage) !== i)).toEqual([]);
    for (const t of tasks) {
      expect({ id: t.id, ok: /^task-[a-z0-9-]+$/.test(t.id) && t.number === undefined && t.targets.length > 0 }).toEqual({ id: t.id, ok: true });
    }
  });

  it('quote their passage verbatim from the section they name (its heading or its own paragraphs)', () => {
    for (const t of tasks) {
      const found = blocksOf(sectionOf(t.section)).some((block) => block.includes(normalise(t.sourceText)));
      expect({ id: t.id, section: t.section, found }).toEqual({ id: t.id, section: t.section, found: true });
    }
  });

  it('state a figure only where their sentence gives it, in digits or in words', () => {
    for (const t of tasks) {
      const sentence = sentenceOf(t);
      for (const goal of t.targets.filter((candidate) => !isMilestone(candidate))) {
        for (const n of [goal.value, goal.min, goal.max].filter((v): v is number => v !== undefined)) {
          expect({ id: t.id, metric: goal.metric, n, given: figureGiven(sentence, n) }).toEqual({ id: t.id, metric: goal.metric, n, given: true });
        }
      }
    }
  });

  it('set a deadline only where their sentence gives one, or the sentence of the task they take it from', () => {
    for (const t of tasks) {
      const from = t.deadlineFrom ? task(t.deadlineFrom) : t;
      for (const goal of t.targets.filter((candidate) => candidate.dueDate !== undefined)) {
        expect({ id: t.id, dueDate: goal.dueDate, given: deadlineGiven(sentenceOf(from), goal.dueDate!) }).toEqual({ id: t.id, dueDate: goal.dueDate, given: true });
      }
    }
  });

  it('give every sentence that dates something in 2021 a task with a deadline', () => {
    const dated = sectionsOfTasks().flatMap((section) => blocksOf(section).flatMap(sentencesOf).filter((s) => /\d{1,2}\/\d{1,2}\/2021|tháng \d{1,2}\/2021/.test(s)));
    expect(dated.length).toBe(4);
    for (const sentence of dated) {
      const withDeadline = tasks.filter((t) => sentence.includes(normalise(t.sourceText)) && t.targets.some((goal) => goal.dueDate !== undefined));
      expect({ sentence, tasks: withDeadline.length > 0 }).toEqual({ sentence, tasks: true });
    }
  });

  it('leave no passage out: every word of II and III is in a task or in the list of passages that are not tasks', () => {
    const uncovered: string[] = [];
    for (const section of sectionsOfTasks()) {
      const passages = [
        ...tasks.filter((t) => t.section === section.id).map((t) => normalise(t.sourceText)),
        ...notTasks.filter((n) => n.section === section.id).map((n) => normalise(n.text)),
      ];
      for (const block of blocksOf(section)) {
        const covered = new Array<boolean>(block.length).fill(false);
        for (const passage of passages) {
          for (let at = block.indexOf(passage); at >= 0; at = block.indexOf(passage, at + 1)) covered.fill(true, at, at + passage.length);
        }
        // What no passage covers may only be punctuation and spaces between them.
        const left = [...block].map((char, i) => (covered[i] ? ' ' : char)).join('');
        for (const piece of left.split(/[\s.;,:]+/)) if (/\p{L}|\d/u.test(piece)) uncovered.push(`${section.id}: …${piece}…`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it('list as not tasks only section headings and restatements of seeded entries, each with a reason', () => {
    expect(notTasks.length).toBeGreaterThan(0);
    for (const passage of notTasks) {
      const section = sectionOf(passage.section);
      const text = normalise(passage.text);
      const ok =
        passage.reason.trim().length > 20 &&
        (passage.kind === 'heading'
          ? (section.heading ?? '').includes(text) && passage.sameAs === undefined
          : sentencesOf(section.body).includes(text) && byId.has(passage.sameAs ?? ''));
      expect({ text: passage.text, ok }).toEqual({ text: passage.text, ok: true });
    }
    // Every heading is accounted for: a heading is no task unless it sets a goal of its own (II.1: no community outbreak).
    expect(notTasks.filter((n) => n.kind === 'heading').length).toBe(sectionsOfTasks().filter((s) => s.heading !== null).length);
  });

  it('name the key indicators their passage speaks of, and only those', () => {
    for (const t of tasks) {
      const passage = normalise(t.sourceText).toLowerCase();
      const expected = Object.keys(INDICATOR_WORDS).filter((id) => INDICATOR_WORDS[id]!.test(passage));
      expect({ id: t.id, supports: [...(t.supportsIndicators ?? [])].sort() }).toEqual({ id: t.id, supports: expected });
      for (const id of t.supportsIndicators ?? []) expect(byId.get(id)?.kind).toBe('indicator');
    }
    expect(task('task-administrative-reform-rankings').supportsIndicators).toEqual(['ind-09']);
    expect(task('task-employment-policy').supportsIndicators).toEqual(['ind-10', 'ind-11']);
  });

  it('take the unit the text names without marking it assumed, and mark every other one as assumed', () => {
    for (const t of tasks.filter((candidate) => !candidate.responsibilityAssumed)) {
      const words = UNIT_WORDS[t.responsibleUnitId];
      // A numbered paragraph of part III names its actor once, at its start.
      const where = t.section.startsWith('III.') ? sectionOf(t.section).body : sentenceOf(t);
      expect({ id: t.id, unit: t.responsibleUnitId, named: words !== undefined && words.test(where) }).toEqual({ id: t.id, unit: t.responsibleUnitId, named: true });
    }
    expect(tasks.filter((t) => t.responsibilityAssumed).length).toBeGreaterThan(tasks.length / 2);
  });

  it('take a milestone target where the text gives no figure: the tasks that had an invented 100% have none', () => {
    for (const id of ['task-hon-gai-high-school', 'task-road-cua-luc-trai-me', 'task-election-2021', 'task-land-use-plan-2021', 'task-security-2021-events', 'task-unit-plans-january', 'task-ubnd-implementation-plan', 'task-propaganda-plan']) {
      expect({ id, kinds: task(id).targets.map((t) => t.kind) }).toEqual({ id, kinds: task(id).targets.map(() => 'milestone') });
    }
    expect(target('task-party-questioning', 'completion')).toEqual({ metric: 'completion', label: task('task-party-questioning').name, kind: 'milestone' });
  });
});

describe('seed: tasks with a deadline or a quantity', () => {
  it('relocates 60 to 70 polluting small-industry facilities in 2021', () => {
    expect(target('task-relocate-polluting-facilities', 'facilities_relocated')).toMatchObject({
      comparator: 'between',
      min: 60,
      max: 70,
      measure: 'count',
      accumulation: 'cumulative',
      dueDate: '2021-12-31',
    });
    expect(target('task-relocate-polluting-facilities', 'facilities_relocated').value).toBeUndefined();
  });

  it('finishes Hòn Gai high school before 05/9/2021, i.e. by 2021-09-04, a milestone with no figure', () => {
    const school = task('task-hon-gai-high-school');
    expect(school.sourceText).toContain('trước ngày 05/9/2021');
    expect(school.targets).toEqual([{ metric: 'completion', label: 'Hoàn thành trường THPT Hòn Gai (trước ngày 05/9/2021)', kind: 'milestone', dueDate: '2021-09-04' }]);
    expect(notTasks).toContainEqual(expect.objectContaining({ kind: 'restatement', sameAs: 'task-hon-gai-high-school', section: 'II.8' }));
  });

  it('disburses 100% of the beginning-of-year capital plan by 2021-09-30', () => {
    expect(task('task-disburse-capital-plan').sourceText).toContain('đến ngày 30/9/2021 giải ngân 100%');
    expect(target('task-disburse-capital-plan', 'disbursement_share')).toMatchObject({ comparator: '>=', value: 100, measure: 'share', dueDate: '2021-09-30' });
  });

  it('keeps section 5\'s "1.000" enterprises apart from indicator 7\'s "trên 1.000"', () => {
    expect(target('task-new-enterprises-1000', 'new_enterprises')).toMatchObject({ comparator: '>=', value: 1000, measure: 'count' });
    expect(byId.get('ind-07')!.targets[0]).toMatchObject({ comparator: '>', value: 1000 });
  });

  it('states the counts of the text: 18 programmes, 02 + 03 communes, 12 communes monthly, 02 communes scheme, 4 quarterly reviews, 12 monthly materials', () => {
    expect(target('task-18-key-programmes', 'key_programmes_completed')).toMatchObject({ comparator: '>=', value: 18, dueDate: '2021-12-31' });
    expect(target('task-18-key-programmes', 'provincial_key_tasks')).toMatchObject({ kind: 'milestone' });
    expect(target('task-ntm-dong-lam-dong-son', 'communes_new_rural_standard')).toMatchObject({ comparator: '>=', value: 2, unit: 'xã' });
    expect(task('task-ntm-dong-lam-dong-son').sourceText).toMatch(/Đồng Lâm, Đồng Sơn/);
    expect(target('task-ntm-advanced-3-communes', 'communes_advanced_new_rural_standard')).toMatchObject({ comparator: '>=', value: 3 });
    expect(task('task-ntm-advanced-3-communes').sourceText).toMatch(/Sơn Dương, Lê Lợi, Thống Nhất/);
    expect(target('task-monthly-agri-product-review', 'communes_reviewed_monthly')).toMatchObject({ comparator: '>=', value: 12, accumulation: 'level' });
    expect(target('task-le-loi-thong-nhat-urban-scheme', 'communes_with_completed_scheme')).toMatchObject({ comparator: '>=', value: 2 });
    expect(target('task-ubnd-quarterly-reviews', 'quarterly_reviews')).toMatchObject({ comparator: '>=', value: 4, measure: 'count' });
    expect(target('task-party-cell-materials', 'monthly_issues')).toMatchObject({ comparator: '>=', value: 12 });
  });

  it('dates what the text dates: the road and level-4 services in 2021, the plans within January 2021', () => {
    expect(target('task-road-cua-luc-trai-me', 'completion')).toMatchObject({ kind: 'milestone', dueDate: '2021-12-31' });
    expect(target('task-online-public-services-level4', 'level4_online_services_share').dueDate).toBe('2021-12-31');
    expect(target('task-unit-plans-january', 'completion')).toMatchObject({ kind: 'milestone', dueDate: '2021-01-31' });
    expect(target('task-ubnd-implementation-plan', 'completion')).toMatchObject({ kind: 'milestone', dueDate: '2021-01-31' });
    expect(task('task-propaganda-plan')).toMatchObject({ deadlineFrom: 'task-unit-plans-january', targets: [expect.objectContaining({ dueDate: '2021-01-31' })] });
    expect(target('task-covid-no-community-spread', 'community_outbreaks')).toMatchObject({ comparator: '<=', value: 0 });
  });

  it('uses the units section III names, without marking them as assumed', () => {
    const named: Record<string, string> = {
      'task-hdnd-socioeconomic-resolution': 'hdnd-thanh-pho',
      'task-ubnd-implementation-plan': 'ubnd-thanh-pho',
      'task-ubnd-quarterly-reviews': 'ubnd-thanh-pho',
      'task-propaganda-plan': 'ban-tuyen-giao-thanh-uy',
      'task-track-implementation': 'van-phong-thanh-uy',
      'task-inspect-implementation': 'co-quan-ubkt-thanh-tra',
      'task-committee-members-direction': 'ban-chap-hanh-dang-bo-thanh-pho',
    };
    for (const [id, unitId] of Object.entries(named)) {
      expect({ id, unit: task(id).responsibleUnitId, assumed: task(id).responsibilityAssumed }).toEqual({ id, unit: unitId, assumed: false });
    }
  });
});
