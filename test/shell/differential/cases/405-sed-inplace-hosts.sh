printf '127.0.0.1 localhost\n' > hosts
sed -i '$a 192.168.6.171 cka01' hosts
cat hosts
