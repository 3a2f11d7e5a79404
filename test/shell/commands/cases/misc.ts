import type { Case } from './types';

const files = { 'kubectl': 'binary\n', 'conf.txt': 'x\n' };
const m = (cmd: string, stdin?: string): Case => ({ cmd, files, stdin });

export const miscCases: Case[] = [
  m('install -o root -g root -m 0755 kubectl bin.kubectl; ls -l bin.kubectl'),
  m('install -m 644 conf.txt out.txt; stat -c "%a %s" out.txt'),
  m('install -d -m 700 a/b/c; stat -c %a a/b/c'),
  m('install -D conf.txt deep/dir/conf.txt; cat deep/dir/conf.txt'),
  m('install nope x'),
  m('install conf.txt'),
  m('install'),
  m('install -m zz conf.txt y'),
  m('install -o nosuchuser conf.txt y'),
  m('expr 1 + 2'),
  m('expr 7 / 2 \\* 3'),
  m('expr 10 % 3'),
  m('expr 3 \\> 2'),
  m('expr abc = abc'),
  m('expr length hello'),
  m('expr substr hello 2 3'),
  m('expr index hello l'),
  m('expr hello : "h\\(.*\\)o"'),
  m('expr hello : "hel"'),
  m('expr 0; echo $?'),
  m('expr 1 / 0'),
  m('expr a + 1'),
  m('expr'),
  m('expr 2 \\* \\( 3 + 4 \\)'),
  m('mktemp -d -p . | wc -l'),
  m('mktemp -p . XX'),
  m('sync; echo $?'),
  m('arch'),
  m('nohup'),
  m('nohup no-such-program'),
];
