f() { local -a arr=(x y); echo ${#arr[@]}; }
f
echo "[${arr[@]}]"
