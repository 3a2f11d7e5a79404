echo gone > /dev/null
bash -c "echo e >&2" 2>/dev/null
echo kept
ls /nonexistent 2>/dev/null; echo $?
