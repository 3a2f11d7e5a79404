source nofile.sh
echo $?
