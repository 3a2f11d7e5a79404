if [ -f /etc/nonexistent.conf ]; then echo exists; else echo "missing config"; fi
