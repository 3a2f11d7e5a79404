/**
 * UI strings of our own components, in both locales. Starlight translates its own chrome; these are
 * the words we add (terminal pane, run buttons, labs index, 404). Keys are identical in both
 * languages, which the type below enforces.
 */
export type Lang = 'en' | 'zh-CN';

const en = {
  'pane.terminal': 'Terminal',
  'pane.label': 'Simulated terminal',
  'pane.close': 'Close terminal',
  'pane.resize': 'Resize the terminal pane',
  'pane.noscript': 'The simulated terminal needs JavaScript. The chapter text works without it.',
  'pane.machine': 'machine:',
  'run.button': 'Run',
  'run.title': 'Run in the terminal',
  'labs.empty.title': 'No labs yet',
  'labs.empty.text':
    'Labs are being written. Each lab will start a cluster in this page, give you tasks and check your work; they will appear here as they are published.',
  'labs.status.notStarted': 'not started',
  'labs.status.done': 'done',
  'labs.status.progress': '{done} of {total} tasks',
  'labs.tasks': 'tasks',
  'labs.open': 'Open the chapter to do it',
  'home.chapters': 'Chapters',
  'home.comingSoon': 'being written',
  'notFound.title': 'Page not found',
  'notFound.text': 'There is no page at this address. It may have moved, or the link may be wrong.',
  'notFound.home': 'Go to the home page',
} as const;

export type UiKey = keyof typeof en;

const zhCN: Record<UiKey, string> = {
  'pane.terminal': '终端',
  'pane.label': '模拟终端',
  'pane.close': '关闭终端',
  'pane.resize': '调整终端面板宽度',
  'pane.noscript': '模拟终端需要 JavaScript。章节正文无需 JavaScript 即可阅读。',
  'pane.machine': '主机：',
  'run.button': '运行',
  'run.title': '在终端中运行',
  'labs.empty.title': '暂无实验',
  'labs.empty.text':
    '实验正在编写中。每个实验会在本页启动一个集群，给出任务并检查你的操作结果；发布后会出现在这里。',
  'labs.status.notStarted': '未开始',
  'labs.status.done': '已完成',
  'labs.status.progress': '已完成 {done}/{total} 个任务',
  'labs.tasks': '个任务',
  'labs.open': '打开所属章节开始实验',
  'home.chapters': '章节',
  'home.comingSoon': '编写中',
  'notFound.title': '页面不存在',
  'notFound.text': '这个地址没有页面。页面可能已经移动，或者链接有误。',
  'notFound.home': '返回首页',
};

const strings: Record<Lang, Record<UiKey, string>> = { en, 'zh-CN': zhCN };

/** Our language for a BCP-47 tag as Starlight reports it ('en', 'zh-CN'); English otherwise. */
export function toLang(tag: string | undefined): Lang {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The string for key in lang, with {name} placeholders filled from params. */
export function t(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return strings[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** All strings of a language, for handing to client scripts through a data attribute. */
export function uiStrings(lang: Lang): Record<UiKey, string> {
  return { ...strings[lang] };
}
