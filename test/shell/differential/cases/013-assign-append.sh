s=ab
s+=cd
echo $s
arr=(1 2)
arr+=(3)
echo ${arr[@]}
