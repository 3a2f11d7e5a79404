printf "Ready\nNotReady\nReady\n" > status
ready=$(grep -c "^Ready" status)
echo "ready=$ready"
if [ "$ready" -ge 2 ]; then echo ok; fi
