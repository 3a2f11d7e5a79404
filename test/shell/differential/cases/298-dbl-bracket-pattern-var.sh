p="k*"
[[ kube == $p ]] && echo glob-var
[[ kube == "$p" ]] || echo quoted-var
