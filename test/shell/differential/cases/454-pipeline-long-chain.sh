printf '3\n1\n2\n3\n' | sort | uniq | sort -r | head -2 | tr '\n' ' '; echo
