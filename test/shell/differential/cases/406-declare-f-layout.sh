f() { echo a; echo b | grep b && echo c; if [ -n "$x" ]; then echo y; elif true; then :; else echo z; fi; for i in 1 2; do echo $i; done; while false; do break; done; case $1 in a|b) echo ab;; *) echo other;; esac; local v=1 w; x=$(date) ; echo "q $v" > /dev/null 2>&1; (cd /; pwd); { echo g; }; [[ -f x && $a == b ]]; (( i++ )); cat <<EOT
hi $x
EOT
}
declare -f f
g() ( echo sub )
declare -f g
h() { for ((i=0;i<2;i++)); do :; done; until true; do :; done; ! false; echo a &
}
type h
