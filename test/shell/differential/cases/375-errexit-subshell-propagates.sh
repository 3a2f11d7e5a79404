set -e
(false; echo not-here)
echo never
