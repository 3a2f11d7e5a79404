out='kubeadm join 192.168.6.171:6443 --token abcdef.0123456789abcdef \\
        --discovery-token-ca-cert-hash sha256:1234'
echo "$out" | grep -o 'token [a-z0-9.]*' | awk '{print $2}'
