{ echo o; echo e >&2; } 2>&1 1>/dev/null
echo --
{ echo o; echo e >&2; } 1>/dev/null 2>&1
