printf 'a\cb\n'; echo
printf '%b\n' 'x\cy'; echo
