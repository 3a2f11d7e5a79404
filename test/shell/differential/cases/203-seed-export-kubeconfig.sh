export KUBECONFIG=/etc/kubernetes/admin.conf
echo $KUBECONFIG
bash -c 'echo child sees $KUBECONFIG'
