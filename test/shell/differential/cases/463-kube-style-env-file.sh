cat > env.sh <<'EOF'
export KUBECONFIG=/etc/kubernetes/admin.conf
export do="--dry-run=client -o yaml"
alias k=kubectl
EOF
. ./env.sh
echo $KUBECONFIG
echo run x $do
alias k
