name=kube
echo ${name}let $namelet ${name}_x
