f() { echo $#; }
f "" '' a
f $nothing
f "$nothing"
