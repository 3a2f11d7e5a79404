cat >> hosts <<EOF
192.168.6.171 cka01
192.168.6.172 cka02
192.168.6.173 cka03
EOF
grep cka02 hosts | awk '{print $1}'
