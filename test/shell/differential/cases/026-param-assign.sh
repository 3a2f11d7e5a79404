unset u
echo ${u:=set}
echo $u
e=
echo "[${e=x}]" ${e:=y}
