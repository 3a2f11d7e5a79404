unset u; e=
echo ${u:-def} ${e:-def} ${u-def} "[${e-def}]"
