mkdir -p etc/modules-load.d
cat <<EOF | tee etc/modules-load.d/k8s.conf
overlay
br_netfilter
EOF
cat etc/modules-load.d/k8s.conf
