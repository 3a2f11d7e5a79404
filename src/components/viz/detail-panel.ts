/**
 * The detail panel of the architecture view: the object behind a step. For a write, a watch
 * delivery or the request that stored it, the terminal's worker reads etcd at that revision and
 * answers (`cka:viz-detail`); a runtime step carries the runtime's own record. Everything is put
 * in the page as text (textContent), never as HTML.
 */
import type { FoldedStep } from '../../viz/steps';
import type { ObjectDetail } from '../../viz/detail';
import { VIZ_DETAIL_EVENT, VIZ_DETAIL_REQUEST_EVENT, type VizDetailAnswer, type VizDetailRequest } from './events';
import { detailFields, detailQueryOf, type DetailField } from './detail-fields';

export interface DetailPanel {
  show(step: FoldedStep, opener?: HTMLElement): void;
}

let nextRequestId = 1;

export function createDetailPanel(root: HTMLElement, win: Window, lang: 'en' | 'zh-CN'): DetailPanel {
  const panel = root.querySelector<HTMLElement>('[data-cka-viz-detail]');
  if (!panel) return { show: () => undefined };
  const caption = panel.querySelector<HTMLElement>('[data-cka-viz-detail-caption]')!;
  const status = panel.querySelector<HTMLElement>('[data-cka-viz-detail-status]')!;
  const yaml = panel.querySelector<HTMLElement>('[data-cka-viz-detail-yaml]')!;
  const text = (name: string) => panel.dataset[name] ?? '';
  let waitingFor = 0;
  let opener: HTMLElement | undefined;

  const setFields = (fields: Partial<Record<DetailField, string>>) => {
    panel.querySelectorAll<HTMLElement>('[data-field]').forEach((row) => {
      const value = fields[row.dataset.field as DetailField];
      row.hidden = value === undefined;
      row.querySelector('dd')!.textContent = value ?? '';
    });
  };

  const showObject = (detail: ObjectDetail) => {
    setFields({ ...currentFields, ...detailFields(detail) });
    status.textContent = detail.error ?? '';
    status.hidden = !detail.error;
    yaml.textContent = detail.yaml ?? '';
    yaml.hidden = !detail.yaml;
  };

  let currentFields: Partial<Record<DetailField, string>> = {};

  win.addEventListener(VIZ_DETAIL_EVENT, (event) => {
    const answer = (event as CustomEvent<VizDetailAnswer>).detail;
    if (!answer || answer.id !== waitingFor) return;
    waitingFor = 0;
    showObject(answer.detail);
  });

  panel.querySelector('[data-cka-viz-detail-close]')?.addEventListener('click', () => {
    panel.hidden = true;
    waitingFor = 0;
    opener?.focus();
  });

  return {
    show(step, from) {
      opener = from;
      panel.hidden = false;
      const folded = step.count > 1 ? ` ${text('sFolded').replace('{n}', String(step.count))}` : '';
      caption.textContent = `${step.caption[lang]}${folded}`;
      currentFields = detailFields(step);
      setFields(currentFields);
      yaml.textContent = '';
      yaml.hidden = true;
      status.hidden = false;
      const query = detailQueryOf(step);
      if (step.detail.kind === 'runtime' && step.detail.object) {
        status.textContent = text('sLoading');
        const record = step.detail.object;
        void import('../../sim/go-yaml/emit').then(({ toYaml }) => {
          status.hidden = true;
          yaml.textContent = toYaml(record);
          yaml.hidden = false;
        });
      } else if (query) {
        status.textContent = text('sLoading');
        waitingFor = nextRequestId++;
        win.dispatchEvent(new CustomEvent(VIZ_DETAIL_REQUEST_EVENT, { detail: { id: waitingFor, query } satisfies VizDetailRequest }));
      } else {
        status.textContent = text('sNoObject');
        waitingFor = 0;
      }
      panel.focus();
    },
  };
}
