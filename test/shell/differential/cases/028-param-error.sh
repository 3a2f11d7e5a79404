echo start
echo ${missing:?is required}
echo never
