set -u
echo start
echo $undefined_var
echo never
