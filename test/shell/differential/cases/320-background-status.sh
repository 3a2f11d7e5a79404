false &
wait $!
echo "wait: $?"
