./missing.sh
echo $?
/nonexistent/bin/x
echo $?
