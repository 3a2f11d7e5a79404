unset OLDPWD
cd -
echo $?
