v=1; e=
echo "[${v:+alt}]" "[${e:+alt}]" "[${e+alt}]" "[${u+alt}]"
