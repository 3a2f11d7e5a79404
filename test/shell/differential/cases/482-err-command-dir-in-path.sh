mkdir -p bin/tool
PATH=$PWD/bin:$PATH tool
echo $?
