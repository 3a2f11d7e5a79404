e=
[ -z "$e" ] && echo empty
[ -z "${u+set}" ] && echo unset
[ -n "${e+set}" ] && echo set-empty
