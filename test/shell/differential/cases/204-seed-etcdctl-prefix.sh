ETCDCTL_API=3 bash -c 'echo api=$ETCDCTL_API'
echo "after: [${ETCDCTL_API:-}]"
