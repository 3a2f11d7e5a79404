printf "1\n2" | while read n; do echo "got $n"; done
printf "1\n2" | while read n || [ -n "$n" ]; do echo "line $n"; done
