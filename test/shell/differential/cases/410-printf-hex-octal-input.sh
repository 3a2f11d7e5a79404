printf '%d %d %d\n' 0x10 010 -0x1
printf '%x %o\n' -1 -1
