f() {
  nosuchcmd
}
f
echo $?
