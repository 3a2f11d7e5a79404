set -e
f() { false; echo continued; }
if f; then echo ok; fi
