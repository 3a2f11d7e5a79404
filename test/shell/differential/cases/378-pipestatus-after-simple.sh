false
echo ${PIPESTATUS[@]}
true | false | true
echo ${PIPESTATUS[0]} ${PIPESTATUS[1]} ${#PIPESTATUS[@]}
