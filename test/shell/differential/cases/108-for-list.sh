for i in 1 2 3; do echo -n "$i "; done; echo
for f in a "b c"; do echo "[$f]"; done
