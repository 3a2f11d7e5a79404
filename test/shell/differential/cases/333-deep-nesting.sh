f() { if true; then for i in 1; do case $i in 1) while true; do echo deep; break; done;; esac; done; fi; }
f
