command -v echo
command -v cd
command -v nosuch
echo $?
