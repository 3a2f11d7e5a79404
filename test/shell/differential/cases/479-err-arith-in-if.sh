if (( 1 + )); then echo y; else echo n; fi
