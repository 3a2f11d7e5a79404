cd /tmp
pushd /etc
pushd /usr
dirs
popd
dirs -v
popd
popd
