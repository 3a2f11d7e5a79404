echo 'kubeadm version: &version.Info{Major:"1", Minor:"33", GitVersion:"v1.33.2"}' | awk -F'"' '{print $6}'
