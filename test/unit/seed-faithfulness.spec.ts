/**
 * The seed must say what the resolution says, number by number: every key indicator with the
 * comparator the wording implies ("trở lên" >=, "trên" >, "dưới" <), the right unit and measure,
 * and a sourceText that can be found in the text; units and demo principals that fit. The tasks of
 * sections II–III are checked against the text in seed-tasks.spec.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isIsoDate, targetProblems, type Comparator, type Target } from '../../src/domain/indicator/target';
import type { DemoPrincipal, SeedFile, SeedIndicator } from '../../src/seeding/seed-file';
import { ROLES } from '../../src/shared/messages';
import { escapeRegExp, normalise, source, SOURCE_PATH, vietnameseNumber } from '../support/resolution-text';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** The project's shared copy beside the repository, when there is one: the kept copy must not drift from it. */
const SHARED_SOURCE_PATH = path.resolve(REPO_ROOT, '../shared/source/000_60d8232af79dd006.txt');

const seed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'seeds/resolution-2021.json'), 'utf8')) as SeedFile;
const principals = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'seeds/demo-principals.json'), 'utf8'),
) as DemoPrincipal[];

const indicators = seed.indicators.filter((e) => e.kind === 'indicator');
const unitIds = new Set(seed.units.map((u) => u.id));

function entry(id: string): SeedIndicator {
  const found = seed.indicators.find((e) => e.id === id);
  if (!found) throw new Error(`no seed entry ${id}`);
  return found;
}

function target(id: string, metric: string): Target {
  const found = entry(id).targets.find((t) => t.metric === metric);
  if (!found) throw new Error(`${id} has no target ${metric}`);
  return found;
}

type Expected = Pick<Target, 'comparator' | 'unit' | 'measure' | 'accumulation'> & {
  value?: number;
  rankingIndex?: string;
};

const pct = (comparator: Comparator, value: number, accumulation: Target['accumulation'] = 'level'): Expected => ({
  comparator,
  value,
  unit: '%',
  measure: 'share',
  accumulation,
});

/** Every sub-target of the 20 key indicators (section I.2), as the text states it. */
const EXPECTED_INDICATORS: Record<number, { group: string; targets: Record<string, Expected> }> = {
  // "đạt từ 90% trở lên, trong đó 20% hoàn thành xuất sắc": 20% is the Party-rule quota, aim and ceiling at once.
  1: {
    group: 'party_building',
    targets: { party_orgs_good_or_better_share: pct('>=', 90), party_orgs_excellent_share: pct('=', 20) },
  },
  2: {
    group: 'party_building',
    targets: { party_members_good_or_better_share: pct('>=', 80), party_members_excellent_share: pct('=', 20) },
  },
  3: {
    group: 'party_building',
    targets: {
      new_party_members: { comparator: '>=', value: 450, unit: 'đảng viên', measure: 'count', accumulation: 'cumulative' },
    },
  },
  4: {
    group: 'economy',
    targets: {
      growth_rate: { comparator: '>=', value: 15.6, unit: '%', measure: 'growth', accumulation: 'level' },
      structure_services: pct('=', 56.5),
      structure_industry_construction: pct('=', 42.4),
      structure_agriculture_forestry_fishery: pct('=', 1.1),
    },
  },
  5: {
    group: 'economy',
    targets: {
      budget_revenue_growth: { comparator: '>=', value: 15, unit: '%', measure: 'growth', accumulation: 'level' },
      development_investment_share: pct('>', 55),
    },
  },
  6: {
    group: 'economy',
    targets: {
      total_social_investment: {
        comparator: '>=',
        value: 55,
        unit: 'nghìn tỷ đồng',
        measure: 'amount',
        accumulation: 'cumulative',
      },
    },
  },
  7: {
    group: 'economy',
    targets: {
      new_enterprises: { comparator: '>', value: 1000, unit: 'doanh nghiệp', measure: 'count', accumulation: 'cumulative' },
    },
  },
  8: { group: 'economy', targets: { urbanisation_rate: pct('>=', 87) } },
  9: {
    group: 'economy',
    targets: {
      ddci_rank: { comparator: 'top_group', value: 3, unit: 'thứ hạng', measure: 'rank', accumulation: 'level', rankingIndex: 'DDCI' },
      par_index_rank: {
        comparator: 'top_group',
        value: 3,
        unit: 'thứ hạng',
        measure: 'rank',
        accumulation: 'level',
        rankingIndex: 'PAR Index',
      },
      sipas_rank: { comparator: 'top_group', value: 3, unit: 'thứ hạng', measure: 'rank', accumulation: 'level', rankingIndex: 'SIPAS' },
    },
  },
  10: {
    group: 'society',
    targets: { new_jobs: { comparator: '>=', value: 6500, unit: 'lao động', measure: 'count', accumulation: 'cumulative' } },
  },
  11: { group: 'society', targets: { trained_labour_share: pct('>=', 87.7), certified_labour_share: pct('>=', 70) } },
  12: { group: 'society', targets: { health_insurance_coverage: pct('>=', 97) } },
  13: { group: 'society', targets: { poor_households_reduced_share: pct('>=', 100, 'cumulative') } },
  14: { group: 'society', targets: { child_malnutrition_rate: pct('<', 5) } },
  15: {
    group: 'society',
    targets: {
      new_rural_communes_share: pct('>=', 100),
      advanced_new_rural_communes: { comparator: '>=', value: 3, unit: 'xã', measure: 'count', accumulation: 'cumulative' },
    },
  },
  16: { group: 'environment', targets: { forest_cover: pct('>=', 61) } },
  17: { group: 'environment', targets: { urban_clean_water_share: pct('>=', 100), rural_hygienic_water_share: pct('>=', 100) } },
  18: {
    group: 'environment',
    targets: { urban_waste_collection_share: pct('>=', 99), commune_tourism_points_waste_share: pct('>', 97) },
  },
  19: { group: 'environment', targets: { urban_construction_waste_share: pct('>=', 98) } },
  20: { group: 'environment', targets: { industrial_zones_wastewater_share: pct('>=', 100) } },
};

describe('seed faithfulness: the source text', () => {
  it('is available next to the repository (a missing file fails, it is not skipped)', () => {
    expect(() => source()).not.toThrow();
    expect(source()).toContain('NGHỊ QUYẾT');
  });
});

describe('seed faithfulness: the resolution', () => {
  it('carries the identity, parent resolution, theme and signatory of the text', () => {
    const r = seed.resolution;
    expect(r.id).toBe('hl-2021');
    expect(r.year).toBe(2021);
    expect(r.title).toBe('Nghị quyết của Ban Chấp hành Đảng bộ Thành phố về phương hướng, nhiệm vụ năm 2021');
    expect(r.issuingBody).toBe('Ban Chấp hành Đảng bộ thành phố Hạ Long');
    expect(r.parentResolution).toBe('02-NQ/TU ngày 02/12/2020 của Ban Chấp hành Đảng bộ Tỉnh');
    expect(r.signedBy).toBe('Vũ Văn Điện, Bí thư');
    expect(source()).toContain(`“${normalise(r.theme)}”`);
    expect(source()).toContain('Vũ Văn Điện');
  });
});

describe('seed faithfulness: the 20 key indicators', () => {
  it('are exactly 20, numbered 1..20, ids ind-01..ind-20, section I.2, in the right groups', () => {
    expect(indicators.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    for (const i of indicators) {
      expect(i.id).toBe(`ind-${String(i.number).padStart(2, '0')}`);
      expect(i.section).toBe('I.2');
      expect(i.group).toBe(EXPECTED_INDICATORS[i.number!]!.group);
    }
  });

  it.each(Object.keys(EXPECTED_INDICATORS).map(Number))('indicator %i has every sub-target as stated', (n) => {
    const ind = indicators.find((i) => i.number === n)!;
    const expected = EXPECTED_INDICATORS[n]!.targets;
    expect(ind.targets.map((t) => t.metric).sort()).toEqual(Object.keys(expected).sort());
    for (const t of ind.targets) {
      const e = expected[t.metric]!;
      expect({ metric: t.metric, ...pickExpected(t) }).toEqual({ metric: t.metric, ...e });
      expect(t.dueDate).toBeUndefined();
    }
  });

  it('indicator 4: growth 15.6 and a structure 56.5 / 42.4 / 1.1 that sums to 100', () => {
    expect(target('ind-04', 'growth_rate')).toMatchObject({ comparator: '>=', value: 15.6, measure: 'growth' });
    const structure = ['structure_services', 'structure_industry_construction', 'structure_agriculture_forestry_fishery'].map(
      (m) => target('ind-04', m).value!,
    );
    expect(structure).toEqual([56.5, 42.4, 1.1]);
    expect(structure.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });

  it('keeps the strict comparators of "trên" and "dưới" and the >= of "trở lên"', () => {
    expect(target('ind-07', 'new_enterprises')).toMatchObject({ comparator: '>', value: 1000 });
    expect(target('ind-14', 'child_malnutrition_rate')).toMatchObject({ comparator: '<', value: 5 });
    expect(target('ind-05', 'development_investment_share')).toMatchObject({ comparator: '>', value: 55 });
    expect(target('ind-18', 'commune_tourism_points_waste_share')).toMatchObject({ comparator: '>', value: 97 });
    expect(target('ind-03', 'new_party_members')).toMatchObject({ comparator: '>=', value: 450, measure: 'count' });
    expect(target('ind-06', 'total_social_investment')).toMatchObject({
      comparator: '>=',
      value: 55,
      unit: 'nghìn tỷ đồng',
      measure: 'amount',
      accumulation: 'cumulative',
    });
  });

  it('every numeric value appears, written the Vietnamese way ("03", "15,6", "1.000"), in its sourceText', () => {
    for (const ind of indicators) {
      for (const t of ind.targets.filter((t) => t.comparator !== 'top_group')) {
        const written = vietnameseNumber(t.value!);
        const pattern = new RegExp(`(?<![\\d.,])0*${escapeRegExp(written)}(?![\\d]|[.,]\\d)`);
        expect({ id: ind.id, metric: t.metric, found: pattern.test(normalise(ind.sourceText)) }).toEqual({
          id: ind.id,
          metric: t.metric,
          found: true,
        });
      }
    }
  });

  it('the three rankings name their index and an assumed top-group size that the note explains', () => {
    const ind9 = entry('ind-09');
    expect(ind9.targets.map((t) => t.rankingIndex)).toEqual(['DDCI', 'PAR Index', 'SIPAS']);
    expect(ind9.assumptionNote).toMatch(/top group|nhóm đầu/i);
  });

  it('the "trong đó 20%" comparator is explained', () => {
    for (const id of ['ind-01', 'ind-02']) expect(entry(id).assumptionNote).toMatch(/trong đó/);
  });
});

describe('seed faithfulness: every entry', () => {
  it('has unique ids', () => {
    const ids = seed.indicators.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has targets that targetProblems accepts, unique metrics, dates inside 2021', () => {
    for (const e of seed.indicators) {
      const metrics = e.targets.map((t) => t.metric);
      expect({ id: e.id, duplicates: metrics.filter((m, i) => metrics.indexOf(m) !== i) }).toEqual({ id: e.id, duplicates: [] });
      for (const t of e.targets) {
        expect({ id: e.id, metric: t.metric, problems: targetProblems(t) }).toEqual({ id: e.id, metric: t.metric, problems: [] });
        if (t.dueDate !== undefined) {
          expect(isIsoDate(t.dueDate)).toBe(true);
          expect(t.dueDate.startsWith(`${seed.resolution.year}-`)).toBe(true);
        }
      }
    }
  });

  it('uses the comparator its wording implies: "trên N" is >, "dưới N" is <, "trở lên" is >=', () => {
    for (const e of seed.indicators) {
      for (const t of e.targets) {
        if (/trở lên/.test(t.label)) expect({ metric: t.metric, c: t.comparator }).toEqual({ metric: t.metric, c: '>=' });
        if (/\btrên \d/.test(t.label)) expect({ metric: t.metric, c: t.comparator }).toEqual({ metric: t.metric, c: '>' });
        if (/xuống còn dưới \d/.test(t.label)) expect({ metric: t.metric, c: t.comparator }).toEqual({ metric: t.metric, c: '<' });
      }
    }
  });

  it('quotes a sourceText that occurs in the resolution (whitespace normalised)', () => {
    const text = source();
    for (const e of seed.indicators) {
      expect({ id: e.id, found: text.includes(normalise(e.sourceText)) }).toEqual({ id: e.id, found: true });
    }
  });

  it('names an existing responsible unit, and explains every assumed responsibility', () => {
    for (const e of seed.indicators) {
      expect({ id: e.id, known: unitIds.has(e.responsibleUnitId) }).toEqual({ id: e.id, known: true });
      if (e.responsibilityAssumed) {
        expect({ id: e.id, note: (e.assumptionNote ?? '').trim().length > 20 }).toEqual({ id: e.id, note: true });
      } else {
        const unit = seed.units.find((u) => u.id === e.responsibleUnitId)!;
        expect({ id: e.id, namedUnit: unit.namedInResolution }).toEqual({ id: e.id, namedUnit: true });
      }
    }
  });
});

describe('seed faithfulness: units', () => {
  /** Each unit marked as named, with the words of the text that name it. */
  const NAMED_IN_TEXT: Record<string, string> = {
    'ban-chap-hanh-dang-bo-thanh-pho': 'Ban Chấp hành Đảng bộ Thành phố',
    'ban-thuong-vu-thanh-uy': 'Ban Thường vụ Thành ủy',
    'thuong-truc-thanh-uy': 'TT. Thành ủy',
    'van-phong-thanh-uy': 'Văn phòng Thành uỷ',
    'cac-ban-xay-dung-dang-thanh-uy': 'Các Ban xây dựng Đảng',
    'ban-tuyen-giao-thanh-uy': 'Ban Tuyên giáo Thành ủy',
    'co-quan-ubkt-thanh-tra': 'Cơ quan Ủy ban Kiểm tra - Thanh tra Thành phố',
    'co-quan-to-chuc-noi-vu': 'Tổ chức - Nội vụ',
    'ban-chi-dao-35': 'Ban Chỉ đạo 35 Thành phố',
    'hdnd-thanh-pho': 'Hội đồng nhân dân Thành phố',
    'ubnd-thanh-pho': 'Ủy ban Nhân dân Thành phố',
    'ubnd-cac-xa-phuong': 'Ủy ban Nhân dân các xã, phường',
    'uy-ban-mttq-thanh-pho': 'Ủy ban MTTQ',
    'cac-to-chuc-chinh-tri-xa-hoi': 'các tổ chức chính trị-xã hội',
    'cac-co-quan-tu-phap': 'các cơ quan tư pháp',
    'cong-an-thanh-pho': 'Công an Thành phố',
    'trung-tam-hanh-chinh-cong': 'Trung tâm Hành chính công',
    'ban-quan-ly-cho-ha-long': 'Ban quản lý chợ Hạ Long',
    'dang-uy-than-quang-ninh': 'Đảng ủy Than Quảng Ninh',
  };

  it('have unique kebab-case ASCII ids and Vietnamese names', () => {
    const ids = seed.units.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const u of seed.units) {
      expect(u.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(u.name.trim().length).toBeGreaterThan(0);
    }
  });

  it('mark as named exactly the units the text names, each findable in the text', () => {
    const named = seed.units.filter((u) => u.namedInResolution).map((u) => u.id).sort();
    expect(named).toEqual(Object.keys(NAMED_IN_TEXT).sort());
    for (const [id, words] of Object.entries(NAMED_IN_TEXT)) {
      expect({ id, found: source().toLowerCase().includes(normalise(words).toLowerCase()) }).toEqual({ id, found: true });
    }
  });

  it('add only assumed units that own something', () => {
    const responsible = new Set(seed.indicators.map((e) => e.responsibleUnitId));
    for (const u of seed.units.filter((u) => !u.namedInResolution)) {
      expect({ id: u.id, owns: responsible.has(u.id) }).toEqual({ id: u.id, owns: true });
    }
  });
});

describe('seed faithfulness: demo principals', () => {
  it('have unique api keys, known units and known roles', () => {
    const keys = principals.map((p) => p.apiKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of principals) {
      expect(p.name.trim().length).toBeGreaterThan(0);
      if (p.unitId !== null) expect(unitIds.has(p.unitId)).toBe(true);
      expect(p.roles.length).toBeGreaterThan(0);
      for (const r of p.roles) expect(ROLES).toContain(r);
    }
  });

  it('give every responsible unit a reporter', () => {
    const responsible = [...new Set(seed.indicators.map((e) => e.responsibleUnitId))];
    for (const unitId of responsible) {
      const reporter = principals.find((p) => p.unitId === unitId && p.roles.includes('reporter'));
      expect({ unitId, apiKey: reporter?.apiKey }).toEqual({ unitId, apiKey: `demo-reporter-${unitId}` });
    }
  });

  it('include a coordinator, a standing-committee member, an inspector and an analyst', () => {
    const byKey = (k: string) => principals.find((p) => p.apiKey === k);
    expect(byKey('demo-coordinator')).toMatchObject({ unitId: 'van-phong-thanh-uy', roles: ['coordinator'] });
    expect(byKey('demo-standing-committee')).toMatchObject({ unitId: 'ban-thuong-vu-thanh-uy', roles: ['standing_committee'] });
    expect(byKey('demo-inspector')).toMatchObject({ unitId: 'co-quan-ubkt-thanh-tra', roles: ['inspector'] });
    expect(byKey('demo-analyst')?.roles).toEqual(['analyst']);
  });
});

function pickExpected(t: Target): Expected {
  const picked: Expected = { comparator: t.comparator, unit: t.unit, measure: t.measure, accumulation: t.accumulation };
  if (t.value !== undefined) picked.value = t.value;
  if (t.rankingIndex !== undefined) picked.rankingIndex = t.rankingIndex;
  return picked;
}

if (fs.existsSync(SHARED_SOURCE_PATH)) {
  describe('the resolution text kept in seeds/source', () => {
    it('is the shared source beside the repository, byte for byte', () => {
      expect(fs.readFileSync(SOURCE_PATH).equals(fs.readFileSync(SHARED_SOURCE_PATH))).toBe(true);
    });
  });
} else {
  console.log(`comparison with the shared resolution text skipped: no ${SHARED_SOURCE_PATH} beside the repository`);
  it.skip('the resolution text kept in seeds/source is the shared source (skipped: no ../shared/source beside the repository)', () => undefined);
}
