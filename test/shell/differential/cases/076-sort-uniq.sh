printf "b\na\nb\nc\na\n" | sort | uniq -c
printf "3\n10\n2\n" | sort -n
