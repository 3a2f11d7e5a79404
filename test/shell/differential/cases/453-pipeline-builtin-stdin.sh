echo hi | read v; echo "[$v]"
echo hi | { read v; echo "[$v]"; }
