printf 'set -u\necho $nope\necho after\n' > u.sh
bash u.sh
echo $?
