s="a-b-c-d"
echo ${s/-/_} ${s//-/_} ${s/#a/A} ${s/%d/D} ${s//[bc]/X}
echo ${s/-}
