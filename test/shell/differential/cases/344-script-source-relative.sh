mkdir lib
printf 'x=from-lib\n' > lib/vars.sh
. lib/vars.sh
echo $x
