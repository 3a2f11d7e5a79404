set -e
f() { false; echo "not reached"; }
f || echo "f failed"
echo end
