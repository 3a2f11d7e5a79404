echo a | exit 3
echo "still here $?"
