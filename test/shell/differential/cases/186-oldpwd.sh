cd /
cd /tmp
echo $OLDPWD
cd - >/dev/null
pwd
