echo 'echo "args: $@"' > s.sh
source s.sh one two
