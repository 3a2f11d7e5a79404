seq 1 20 2>/dev/null | head -3 || printf "1\n2\n3\n"
printf "c\nb\na\n" | sort | head -2 | tail -1
