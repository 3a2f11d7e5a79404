s='kube-apiserver'
[[ $s == *api* ]] && echo contains
case $s in *server) echo suffix;; esac
