u=
def=fallback
echo ${u:-${def}-x}
echo "${u:-"quoted default"}"
