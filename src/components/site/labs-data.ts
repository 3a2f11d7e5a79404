/**
 * What the labs index needs from each `labs/<id>/lab.yaml`: id, title and chapter in the page's
 * language and the number of tasks. Lab files are read at build time; this module only interprets
 * their parsed content (tolerant of what it does not need) and the progress record that the lab
 * runtime keeps in localStorage under `cka-lab:progress`.
 */
import type { Lang } from '../../i18n/ui';

export const PROGRESS_STORAGE_KEY = 'cka-lab:progress';

export interface LabSummary {
  id: string;
  title: string;
  description?: string;
  chapter?: string;
  tasks: number;
}

function localized(value: unknown, lang: Lang): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    const candidates = lang === 'zh-CN' ? ['zh-CN', 'zh-cn', 'zh', 'en'] : ['en', 'zh-CN', 'zh-cn', 'zh'];
    for (const key of candidates) if (typeof map[key] === 'string') return map[key] as string;
  }
  return undefined;
}

const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g');

/**
 * YAML folds a wrapped paragraph's line breaks into spaces, which Chinese does not put between
 * characters; drop whitespace that sits between two CJK characters (or full-width punctuation).
 */
export function tidyCjkSpacing(text: string): string {
  return text.replace(SPACE_BETWEEN_CJK, '$1');
}

/**
 * A lab summary from a parsed lab.yaml (`dirId` is its folder name, used when the file has no id),
 * or undefined when the file is not a lab at all.
 */
export function summarizeLab(parsed: unknown, dirId: string, lang: Lang): LabSummary | undefined {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const lab = parsed as Record<string, unknown>;
  const id = typeof lab.id === 'string' && lab.id ? lab.id : dirId;
  return {
    id,
    title: localized(lab.title, lang) ?? id,
    description: optionalTidy(localized(lab.description, lang)),
    chapter: typeof lab.chapter === 'string' ? lab.chapter : undefined,
    tasks: Array.isArray(lab.tasks) ? lab.tasks.length : 0,
  };
}

function optionalTidy(text: string | undefined): string | undefined {
  return text === undefined ? undefined : tidyCjkSpacing(text.trim());
}

/** The folder name of a lab from the path of its lab.yaml ('/labs/<id>/lab.yaml'). */
export function labDirId(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 2] ?? path;
}

export interface LabProgress {
  tasksDone: number;
  tasks: number;
}

/** The progress record, or an empty one when storage holds nothing usable. */
export function parseProgress(raw: string | null): Record<string, LabProgress> {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, LabProgress> = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const { tasksDone, tasks } = entry as Record<string, unknown>;
    if (typeof tasksDone !== 'number' || typeof tasks !== 'number') continue;
    if (!Number.isFinite(tasksDone) || !Number.isFinite(tasks) || tasks < 0 || tasksDone < 0) continue;
    out[id] = { tasksDone: Math.min(Math.floor(tasksDone), Math.floor(tasks)), tasks: Math.floor(tasks) };
  }
  return out;
}

export type ProgressState = 'not-started' | 'in-progress' | 'done';

export function progressState(progress: LabProgress | undefined): ProgressState {
  if (!progress || progress.tasksDone === 0) return 'not-started';
  return progress.tasks > 0 && progress.tasksDone >= progress.tasks ? 'done' : 'in-progress';
}

export interface ProgressStrings {
  notStarted: string;
  done: string;
  /** With {done} and {total} placeholders. */
  progress: string;
}

export function progressLabel(progress: LabProgress | undefined, strings: ProgressStrings): string {
  switch (progressState(progress)) {
    case 'not-started':
      return strings.notStarted;
    case 'done':
      return strings.done;
    default:
      return strings.progress
        .replace('{done}', String(progress!.tasksDone))
        .replace('{total}', String(progress!.tasks));
  }
}
