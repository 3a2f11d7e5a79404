/**
 * Tab completion scripts played into real bash (with kubectl 1.33's completion loaded where
 * asked) and into our terminal. File names come from a small working directory created the same
 * way on both sides.
 */
import type { ReadlineCase } from './readline-cases';

const TAB = '\t';

const FILES: Record<string, string | null> = {
  'deploy.yaml': 'kind: Deployment\n',
  'deployment-v2.yaml': 'kind: Deployment\n',
  'pod.yaml': 'kind: Pod\n',
  'notes.txt': 'notes\n',
  manifests: null,
  'manifests/web.yaml': 'kind: Service\n',
  'manifests/db.yaml': 'kind: StatefulSet\n',
  'my file.txt': 'spaces\n',
  '.hidden': 'x\n',
  '中文.txt': 'zh\n',
};

const MANY: Record<string, string | null> = { many: null };
for (let i = 0; i < 120; i++) MANY[`many/file-${String(i).padStart(3, '0')}.txt`] = '';

export const COMPLETION_CASES: ReadlineCase[] = [
  { name: 'complete-file-unique', files: FILES, keys: ['cat po', TAB] },
  { name: 'complete-file-common-prefix', files: FILES, keys: ['cat dep', TAB] },
  { name: 'complete-file-list', files: FILES, keys: ['cat d', TAB, TAB] },
  { name: 'complete-file-all', files: FILES, keys: ['cat ', TAB, TAB] },
  { name: 'complete-dir-slash', files: FILES, keys: ['ls man', TAB] },
  { name: 'complete-in-dir', files: FILES, keys: ['cat manifests/', TAB, TAB] },
  { name: 'complete-space-escape', files: FILES, keys: ['cat my', TAB] },
  { name: 'complete-dot', files: FILES, keys: ['cat .', TAB, TAB] },
  { name: 'complete-ls-all', files: FILES, keys: ['ls ', TAB, TAB] },
  { name: 'complete-hidden', files: FILES, keys: ['cat .h', TAB] },
  { name: 'complete-cjk-file', files: FILES, keys: ['cat 中', TAB] },
  { name: 'complete-cd-dirs-only', files: FILES, keys: ['cd ', TAB, TAB] },
  { name: 'complete-redirect', files: FILES, keys: ['echo hi > no', TAB] },
  { name: 'complete-no-match-bell', files: FILES, keys: ['cat zzz', TAB, TAB] },
  { name: 'complete-query-many-no', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB, 'n'] },
  { name: 'complete-query-many-yes-more', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB, 'y'] },
  { name: 'complete-more-space', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB, 'y', ' '] },
  { name: 'complete-more-enter', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB, 'y', '\r'] },
  { name: 'complete-more-quit', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB, 'y', 'q'] },
  { name: 'complete-query-many-prompt', files: { ...FILES, ...MANY }, keys: ['cat many/', TAB, TAB, TAB] },
  { name: 'complete-kube-commands', kubectl: true, keys: ['kube', TAB, TAB] },
  { name: 'kubectl-verbs-list', kubectl: true, rows: 60, keys: ['kubectl ', TAB, TAB] },
  { name: 'kubectl-verb-prefix', kubectl: true, keys: ['kubectl api', TAB] },
  { name: 'kubectl-verb-unique', kubectl: true, keys: ['kubectl desc', TAB] },
  { name: 'kubectl-rollout-sub', kubectl: true, keys: ['kubectl rollout ', TAB, TAB] },
  { name: 'kubectl-create-sub', kubectl: true, rows: 40, keys: ['kubectl create ', TAB, TAB] },
  { name: 'kubectl-flag-prefix', kubectl: true, keys: ['kubectl get --all', TAB] },
  { name: 'kubectl-flag-list', kubectl: true, keys: ['kubectl get --s', TAB, TAB] },
  { name: 'kubectl-output-values', kubectl: true, keys: ['kubectl get pods -o ', TAB, TAB] },
  { name: 'kubectl-output-json', kubectl: true, keys: ['kubectl get pods -o js', TAB] },
  { name: 'kubectl-completion-shells', kubectl: true, keys: ['kubectl completion ', TAB, TAB] },
  { name: 'kubectl-apply-file', kubectl: true, files: FILES, keys: ['kubectl apply -f dep', TAB] },
  { name: 'kubectl-narrow', kubectl: true, cols: 50, keys: ['kubectl rollout ', TAB, TAB] },
];
