mkdir -p etc/modules-load.d
for m in overlay br_netfilter; do echo $m; done > etc/modules-load.d/k8s.conf
cat etc/modules-load.d/k8s.conf
