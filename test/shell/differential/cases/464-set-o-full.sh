set -o; set +o | head -3
