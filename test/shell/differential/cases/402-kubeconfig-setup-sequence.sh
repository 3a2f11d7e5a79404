mkdir -p $HOME/.kube
echo 'apiVersion: v1' > admin.conf
cp admin.conf $HOME/.kube/config 2>/dev/null || cat admin.conf > $HOME/.kube/config
ls -A $HOME/.kube 2>/dev/null || echo config
