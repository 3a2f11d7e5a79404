echo ok
echo $(echo
echo after
