#!/usr/bin/env bash
# Records what the real dpkg -l shows on an 80x50 terminal (tmux): dpkg-query runs `pager` (less
# 590) with LESS=-FRSXMQ. Needs the admin directory of scripts/dpkg/record.ts in $1. Each capture
# goes to test/golden/dpkg/pager/NAME.txt: the pane while less waits, then after `q`.
set -eu
admin="$1"
out="$(dirname "$0")/../../test/golden/dpkg/pager"
mkdir -p "$out"
capture() { # name, command
  tmux kill-session -t dpkg-pager 2>/dev/null || true
  tmux new-session -d -s dpkg-pager -x 80 -y 50 "env -i TERM=xterm-256color HOME=/tmp PATH=/usr/bin:/bin DPKG_ADMINDIR=$admin PS1='$ ' bash --norc --noprofile"
  sleep 0.5
  tmux send-keys -t dpkg-pager "clear; $2" Enter
  sleep 1.5
  { echo "\$ $2"; echo '--- screen'; tmux capture-pane -t dpkg-pager -p; } > "$out/$1.txt"
  tmux send-keys -t dpkg-pager q
  sleep 0.5
  { echo '--- after q'; tmux capture-pane -t dpkg-pager -p; } >> "$out/$1.txt"
  tmux kill-session -t dpkg-pager
}
capture kube "dpkg -l 'kube*'"
capture kubelet 'dpkg -l kubelet'
capture all 'dpkg -l'
