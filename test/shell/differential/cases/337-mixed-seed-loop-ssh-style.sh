for n in 171 172 173; do
  ip=192.168.6.$n
  echo "$ip cka0${n: -1}"
done
