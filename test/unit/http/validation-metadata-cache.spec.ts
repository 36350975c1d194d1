import * as fs from 'node:fs';
import * as path from 'node:path';
import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, MetadataStorage, validate } from 'class-validator';
import { installValidationMetadataCache } from '../../../src/http/validation-metadata-cache';

const SRC = path.resolve(__dirname, '../../../src');

function dtoFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dtoFiles(full);
    return entry.name.endsWith('.dto.ts') ? [full] : [];
  });
}

/** Every class exported by a `*.dto.ts` file under src. */
function dtoClasses(): Array<[string, Function]> {
  return dtoFiles(SRC).flatMap((file) =>
    Object.entries(require(file) as Record<string, unknown>)
      .filter((entry): entry is [string, Function] => typeof entry[1] === 'function' && /^class\b/.test(Function.prototype.toString.call(entry[1])))
      .map(([name, cls]): [string, Function] => [`${path.relative(SRC, file)}: ${name}`, cls]),
  );
}

// The store's own methods, untouched by the cache (it shadows them on the instance).
const uncachedLookup = (storage: MetadataStorage, target: Function, always: boolean, strictGroups: boolean, groups?: string[]) =>
  MetadataStorage.prototype.getTargetValidationMetadatas.call(storage, target, undefined as unknown as string, always, strictGroups, groups);
const uncachedGrouping = (storage: MetadataStorage, metadatas: ReturnType<MetadataStorage['getTargetValidationMetadatas']>) =>
  MetadataStorage.prototype.groupByPropertyName.call(storage, metadatas);

const OPTION_SETS: Array<{ always: boolean; strictGroups: boolean; groups?: string[] }> = [
  { always: false, strictGroups: false },
  { always: true, strictGroups: false },
  { always: false, strictGroups: true },
  { always: false, strictGroups: false, groups: [] },
  { always: false, strictGroups: false, groups: ['some-group'] },
  { always: false, strictGroups: true, groups: ['some-group', 'other'] },
];

describe('installValidationMetadataCache', () => {
  const storage = getMetadataStorage();
  const dtos = dtoClasses();
  installValidationMetadataCache(storage);

  it('finds the DTO classes of src, most of them with rules', () => {
    const withRules = dtos.filter(([, cls]) => uncachedLookup(storage, cls, false, false).length > 0);
    expect(dtos.length).toBeGreaterThanOrEqual(12);
    expect(withRules.length).toBeGreaterThanOrEqual(10);
  });

  it.each(OPTION_SETS)('answers every DTO as the uncached store does, asked twice (%j)', ({ always, strictGroups, groups }) => {
    for (const [name, cls] of dtos) {
      const expected = uncachedLookup(storage, cls, always, strictGroups, groups);
      const first = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, always, strictGroups, groups);
      for (let ask = 0; ask < 2; ask++) {
        const cached = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, always, strictGroups, groups);
        expect(cached).toBe(first); // memoised: the same array, not a new lookup
        expect({ name, metadatas: cached }).toEqual({ name, metadatas: expected });
        cached.forEach((metadata, index) => expect(metadata).toBe(expected[index]));
        expect({ name, grouped: storage.groupByPropertyName(cached) }).toEqual({ name, grouped: uncachedGrouping(storage, expected) });
      }
    }
  });

  it('serves a class whose rules are registered after it was first looked up', async () => {
    class LateDto {
      name?: unknown;
    }
    expect(storage.getTargetValidationMetadatas(LateDto, undefined as unknown as string, false, false)).toEqual([]);
    expect((await validate(new LateDto(), { forbidUnknownValues: true })).map((e) => e.constraints)).toEqual([{ unknownValue: expect.any(String) }]);

    IsString()(LateDto.prototype, 'name');

    expect(storage.getTargetValidationMetadatas(LateDto, undefined as unknown as string, false, false)).toHaveLength(1);
    const errors = await validate(Object.assign(new LateDto(), { name: 12 }), { forbidUnknownValues: true });
    expect(errors.map((e) => [e.property, Object.keys(e.constraints ?? {})])).toEqual([['name', ['isString']]]);
  });

  it('serves a subclass the rules its parent gains later', () => {
    class ParentDto {
      count?: unknown;
    }
    class ChildDto extends ParentDto {
      label?: unknown;
    }
    IsString()(ChildDto.prototype, 'label');
    expect(storage.getTargetValidationMetadatas(ChildDto, undefined as unknown as string, false, false).map((m) => m.propertyName)).toEqual(['label']);

    IsInt()(ParentDto.prototype, 'count');

    const properties = storage.getTargetValidationMetadatas(ChildDto, undefined as unknown as string, false, false).map((m) => m.propertyName);
    expect(properties).toEqual(['label', 'count']);
    expect(Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(ChildDto, undefined as unknown as string, false, false)))).toEqual(['label', 'count']);
  });

  it('installs once: a second install keeps the first cache', () => {
    const lookup = storage.getTargetValidationMetadatas;
    installValidationMetadataCache(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
