mkdir -p etc/sysctl.d
cat <<EOF > etc/sysctl.d/k8s.conf
net.ipv4.ip_forward = 1
EOF
grep -c ip_forward etc/sysctl.d/k8s.conf
