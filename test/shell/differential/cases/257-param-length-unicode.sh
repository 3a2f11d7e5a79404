s="héllo"
echo ${#s}
