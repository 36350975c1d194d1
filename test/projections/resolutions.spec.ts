import { applyAll } from '../../projections/apply';
import { ALL_PROJECTIONS } from '../../projections';
import { resolutionsProjection, type ResolutionDocument } from '../../projections/resolutions';
import type { LedgerEvent } from '../../src/domain/events';
import type { IndicatorRegistered } from '../../src/domain/indicator/events';
import type { RecordedEvent } from '../../src/shared/messages';
import { history } from '../support/events';
import { registered } from '../support/indicator-fixtures';

const resolution: LedgerEvent = {
  type: 'ResolutionRegistered',
  data: {
    resolutionId: 'hl-2021',
    title: 'Nghị quyết về phương hướng, nhiệm vụ năm 2021',
    issuingBody: 'Ban Chấp hành Đảng bộ thành phố Hạ Long',
    year: 2021,
    parentResolution: '02-NQ/TU ngày 02/12/2020',
    theme: 'Giữ vững địa bàn an toàn',
  },
};

const task: IndicatorRegistered = {
  type: 'IndicatorRegistered',
  data: { ...registered.data, indicatorId: 'task-hon-gai-high-school', kind: 'task', number: undefined, section: 'II.7.1' },
};

const documentsOf = (events: LedgerEvent[]) => applyAll(resolutionsProjection, history(events));

describe('resolutions projection', () => {
  it('records the resolution as registered', () => {
    const document = documentsOf([resolution]).get('hl-2021') as ResolutionDocument;
    expect(document).toMatchObject({
      resolutionId: 'hl-2021',
      issuingBody: 'Ban Chấp hành Đảng bộ thành phố Hạ Long',
      year: 2021,
      parentResolution: '02-NQ/TU ngày 02/12/2020',
      signedBy: null,
      indicatorIds: [],
      taskIds: [],
      lastPosition: 1,
    });
    expect(document.registeredAt).toEqual(expect.any(String));
  });

  it('files key indicators and tasks apart, sorted, each once', () => {
    const document = documentsOf([resolution, task, registered]).get('hl-2021') as ResolutionDocument;
    expect(document.indicatorIds).toEqual(['ind-03']);
    expect(document.taskIds).toEqual(['task-hon-gai-high-school']);
  });

  it('keeps a placeholder for indicators that name a resolution not yet registered, filled in later', () => {
    const early = documentsOf([registered]).get('hl-2021') as ResolutionDocument;
    expect(early).toMatchObject({ title: null, year: null, registeredAt: null, indicatorIds: ['ind-03'] });
    const filled = documentsOf([registered, resolution]).get('hl-2021') as ResolutionDocument;
    expect(filled).toMatchObject({ year: 2021, indicatorIds: ['ind-03'] });
  });

  it('says it holds demo data once an event naming the resolution carries the demo mark, and never forgets it', () => {
    const demo = <E extends RecordedEvent<LedgerEvent>>(event: E): E => ({ ...event, metadata: { ...event.metadata, demo: true } });
    const [plainResolution, plainIndicator, plainTask] = history([resolution, registered, task]);
    expect(documentsOf([resolution, registered, task]).get('hl-2021')).toMatchObject({ demoData: false });

    const byRegistration = applyAll(resolutionsProjection, [demo(plainResolution), plainIndicator, plainTask]);
    expect(byRegistration.get('hl-2021')).toMatchObject({ demoData: true, taskIds: ['task-hon-gai-high-school'] });

    const byIndicator = applyAll(resolutionsProjection, [plainResolution, demo(plainIndicator)]);
    expect(byIndicator.get('hl-2021')).toMatchObject({ demoData: true, year: 2021 });
    const stillDemo = applyAll(resolutionsProjection, [plainTask], byIndicator);
    expect(stillDemo.get('hl-2021')).toMatchObject({ demoData: true, taskIds: ['task-hon-gai-high-school'] });
  });

  it('gives the same documents when the same events are applied twice', () => {
    const events = history([resolution, registered, task]);
    const once = applyAll(resolutionsProjection, events);
    const twice = applyAll(resolutionsProjection, events, once);
    expect(twice).toEqual(once);
  });

  it('is one of the read models the runner builds', () => {
    expect(ALL_PROJECTIONS).toContain(resolutionsProjection);
  });
});
