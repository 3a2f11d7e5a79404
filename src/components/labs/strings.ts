/** Words of the lab panel, in both locales (keys identical, as the type enforces). */
export type PanelLang = 'en' | 'zh-CN';

const en = {
  heading: 'Lab',
  tasks: 'Tasks',
  check: 'Check my work',
  checking: 'Checking…',
  start: 'Start the lab',
  startConfirm: 'Start this lab? The terminal switches to the lab’s machines (the chapter’s machines are set aside).',
  started: 'The terminal runs this lab’s machines.',
  reset: 'Reset lab',
  resetConfirm: 'Start this lab again from the beginning? Your changes to the machines are lost.',
  hint: 'Hint',
  nextHint: 'Show a hint',
  solution: 'Show solution',
  solutionConfirm: 'Show the reference solution? The task will count as solved with help.',
  solutionHeading: 'Reference solution',
  todo: 'to do',
  done: 'done',
  doneWithHelp: 'done with help',
  allDone: 'All tasks done. Well done!',
  notReady: 'The terminal is still starting; try again in a moment.',
} as const;

export type PanelKey = keyof typeof en;

const zhCN: Record<PanelKey, string> = {
  heading: '实验',
  tasks: '任务',
  check: '检查我的操作',
  checking: '正在检查…',
  start: '开始实验',
  startConfirm: '要开始这个实验吗？终端会切换到实验专用的机器（本章的机器会被搁置）。',
  started: '终端正在运行本实验的机器。',
  reset: '重置实验',
  resetConfirm: '要从头重新开始这个实验吗？你对各台机器所做的修改都会丢失。',
  hint: '提示',
  nextHint: '给我一个提示',
  solution: '查看参考答案',
  solutionConfirm: '要查看参考答案吗？这个任务会记为“借助答案完成”。',
  solutionHeading: '参考答案',
  todo: '待完成',
  done: '已完成',
  doneWithHelp: '借助答案完成',
  allDone: '所有任务都已完成，干得漂亮！',
  notReady: '终端还在启动，请稍后再试。',
};

export function panelStrings(lang: PanelLang): Record<PanelKey, string> {
  return lang === 'zh-CN' ? zhCN : en;
}
