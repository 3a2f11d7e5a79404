if false; then :; fi
echo $?
if false; then :; else (exit 3); fi
echo $?
