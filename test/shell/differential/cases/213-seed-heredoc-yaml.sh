cat <<EOF > pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.25
EOF
grep -n image pod.yaml
awk '/name:/ {print $NF}' pod.yaml
