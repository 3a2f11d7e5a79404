echo "$(echo 'single in cmdsub')"
echo "$(echo "a'b")"
