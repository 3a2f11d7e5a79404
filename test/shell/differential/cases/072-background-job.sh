echo bg & wait
echo done
