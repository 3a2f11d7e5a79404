IFS=. read -r major minor patch <<< '1.33.2'
echo "$major $minor $patch"
