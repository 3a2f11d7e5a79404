bash -c "echo e1 >&2" 2>> log
bash -c "echo e2 >&2" 2>> log
cat log
