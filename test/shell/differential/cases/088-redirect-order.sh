bash -c "echo e >&2" 2>&1 >/dev/null
echo ---
bash -c "echo e2 >&2" >/dev/null 2>&1
echo end
