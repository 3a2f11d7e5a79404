v=zzz
case $v in
  a) echo a ;;
  *) echo "default $v" ;;
esac
