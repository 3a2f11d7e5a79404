[[ abc == a* ]] && echo glob
[[ abc == "a*" ]] || echo literal
[[ -n $unset ]] || echo unset-ok
x="a b"
[[ $x == "a b" ]] && echo nosplit
[[ 1 -lt 2 && 3 -gt 2 ]] && echo and
[[ ! -e nope ]] && echo not
