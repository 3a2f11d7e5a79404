exec 3> fd3
echo to3 >&3
exec 3>&-
cat fd3
