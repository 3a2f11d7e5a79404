printf "tab\there\n"
printf "%b\n" "a\tb"
printf "100%%\n"
printf -- "-x\n"
